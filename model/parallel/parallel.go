// Package parallel runs the loops that index, mine and load a corpus on
// every core. It is the one place that decides how many goroutines that
// is, so that model and store cannot disagree about it.
package parallel

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// Cores is how many goroutines can run at once: the most a loop or a
// pipeline of unknown length should start.
func Cores() int { return runtime.GOMAXPROCS(0) }

// Workers is how many goroutines a loop of jobs independent pieces of work
// should use: one per core, never more than the pieces, at least one.
func Workers(jobs int) int {
	return max(1, min(Cores(), jobs))
}

// Chunks calls fn for consecutive chunks [lo, hi) of [0, n), chunk items
// each (the last may be shorter), on workers goroutines that each take the
// next chunk as they finish one, so that uneven chunks still balance. fn
// gets its goroutine's number in [0, workers), for per-worker state.
// Chunks returns when every call has.
func Chunks(n, chunk, workers int, fn func(worker, lo, hi int)) {
	chunk = max(1, chunk)
	workers = max(1, min(workers, (n+chunk-1)/chunk))
	if n <= 0 {
		return
	}
	if workers == 1 {
		// Not worth a goroutine; the same chunks keep results identical.
		for lo := 0; lo < n; lo += chunk {
			fn(0, lo, min(lo+chunk, n))
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for k := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				lo := int(next.Add(int64(chunk))) - chunk
				if lo >= n {
					return
				}
				fn(k, lo, min(lo+chunk, n))
			}
		}()
	}
	wg.Wait()
}

// ForEach calls fn(job) for every job in [0, jobs) on Workers(jobs)
// goroutines. Once ctx is cancelled no further job starts (running ones
// finish), and ForEach returns ctx.Err().
func ForEach(ctx context.Context, jobs int, fn func(job int)) error {
	Chunks(jobs, 1, Workers(jobs), func(_, job, _ int) {
		if ctx.Err() == nil {
			fn(job)
		}
	})
	return ctx.Err()
}
