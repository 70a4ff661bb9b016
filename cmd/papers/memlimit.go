package main

import (
	"bufio"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
)

// defaultMemoryLimit is the Go heap's soft limit when physical memory is
// unknown.
const defaultMemoryLimit = 4 << 30

// limitMemory sets the garbage collector's soft memory limit for the
// long builds (the word index, topics, related papers): half the machine's
// physical memory. Without it the collector lets the heap grow to twice
// what is live, and at a million papers about half the resident memory
// was headroom. A GOMEMLIMIT the user set wins.
func limitMemory() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(memoryLimit(physicalMemory()))
}

// memoryLimit is half of physical memory, or the default when unknown.
func memoryLimit(physical int64) int64 {
	if physical <= 0 {
		return defaultMemoryLimit
	}
	return physical / 2
}

// physicalMemory reads MemTotal from /proc/meminfo: 0 where there is none.
func physicalMemory() int64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "MemTotal:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}
