package parallel

import (
	"context"
	"sync/atomic"
	"testing"
)

func TestChunksCoversEveryItemOnce(t *testing.T) {
	for _, c := range []struct{ n, chunk, workers int }{
		{0, 4, 2}, {1, 4, 2}, {10, 3, 2}, {10, 3, 1}, {1000, 7, 8}, {5, 0, 3},
	} {
		seen := make([]atomic.Int32, c.n)
		var badWorker atomic.Bool
		Chunks(c.n, c.chunk, c.workers, func(w, lo, hi int) {
			if w < 0 || w >= max(1, c.workers) {
				badWorker.Store(true)
			}
			for i := lo; i < hi; i++ {
				seen[i].Add(1)
			}
		})
		for i := range seen {
			if got := seen[i].Load(); got != 1 {
				t.Fatalf("Chunks(%d, %d, %d): item %d visited %d times", c.n, c.chunk, c.workers, i, got)
			}
		}
		if badWorker.Load() {
			t.Fatalf("Chunks(%d, %d, %d): worker number out of range", c.n, c.chunk, c.workers)
		}
	}
}

func TestForEachStopsWhenCancelled(t *testing.T) {
	var ran atomic.Int32
	if err := ForEach(context.Background(), 100, func(int) { ran.Add(1) }); err != nil || ran.Load() != 100 {
		t.Fatalf("ForEach ran %d jobs, err %v; want 100, nil", ran.Load(), err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ran.Store(0)
	if err := ForEach(ctx, 100, func(int) { ran.Add(1) }); err == nil || ran.Load() != 0 {
		t.Fatalf("cancelled ForEach ran %d jobs, err %v; want 0, an error", ran.Load(), err)
	}
}

func TestWorkers(t *testing.T) {
	if Workers(0) != 1 || Workers(1) != 1 || Workers(1<<30) != Cores() {
		t.Fatal("Workers must be at least one and at most the jobs")
	}
}
