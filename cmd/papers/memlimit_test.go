package main

import "testing"

func TestMemoryLimitIsHalfThePhysicalMemory(t *testing.T) {
	if got := memoryLimit(16 << 30); got != 8<<30 {
		t.Errorf("16 GiB of memory: limit %d, want 8 GiB", got)
	}
	if got := memoryLimit(0); got != defaultMemoryLimit {
		t.Errorf("unknown memory: limit %d, want the default", got)
	}
	// This machine's, where /proc/meminfo exists: more than a gigabyte.
	if p := physicalMemory(); p != 0 && p < 1<<30 {
		t.Errorf("physical memory read as %d bytes", p)
	}
}
