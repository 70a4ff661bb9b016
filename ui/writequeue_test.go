package ui

import (
	"errors"
	"testing"
)

func TestWriteQueueRunsOneAtATimeInOrder(t *testing.T) {
	var q writeQueue
	var ran []string
	job := func(name string) writeJob {
		return writeJob{done: name, fn: func(Library) error { ran = append(ran, name); return nil }}
	}
	if q.pending() {
		t.Fatal("an empty queue is pending")
	}
	q.push(job("a"))
	q.push(job("b"))
	first, ok := q.next()
	if !ok || first.done != "a" {
		t.Fatalf("next = %q, %v; want a", first.done, ok)
	}
	q.push(job("c"))
	if _, ok := q.next(); ok {
		t.Fatal("a second write started while the first was running")
	}
	_ = first.fn(nil)
	q.done()
	for _, want := range []string{"b", "c"} {
		j, ok := q.next()
		if !ok || j.done != want {
			t.Fatalf("next = %q, %v; want %s", j.done, ok, want)
		}
		_ = j.fn(nil)
		if !q.pending() {
			t.Fatal("a running write is not pending")
		}
		q.done()
	}
	if q.pending() || len(ran) != 3 || ran[0] != "a" || ran[1] != "b" || ran[2] != "c" {
		t.Errorf("ran %v, pending %v; want a b c and nothing pending", ran, q.pending())
	}
}

func TestWriteQueueTogglesFromTheLastIntent(t *testing.T) {
	var q writeQueue
	// The marks say not bookmarked; three quick presses: on, off, on.
	for i, want := range []bool{true, false, true} {
		if got := q.toggle(4, "bookmark", false); got != want {
			t.Fatalf("press %d set %v, want %v", i+1, got, want)
		}
		q.push(writeJob{})
	}
	if got := q.toggle(4, "read", true); got {
		t.Error("read starts from its own mark, not the bookmark's intent")
	}
	if got := q.toggle(5, "bookmark", false); !got {
		t.Error("another paper starts from its own mark")
	}
	// Marks that arrive while writes are pending may predate them.
	q.settle()
	if got := q.toggle(4, "bookmark", false); got {
		t.Error("the intents were dropped while writes were pending")
	}
	for {
		if _, ok := q.next(); !ok {
			break
		}
		q.done()
	}
	q.settle()
	if got := q.toggle(4, "bookmark", true); got {
		t.Error("once settled the toggle should start from the marks again")
	}
}

func TestWriteQueueHoldsTheFirstQuit(t *testing.T) {
	var q writeQueue
	if q.holdQuit() {
		t.Fatal("a quit was held with nothing to save")
	}
	q.push(writeJob{fn: func(Library) error { return errors.New("x") }})
	if !q.holdQuit() {
		t.Fatal("a quit did not wait for a queued write")
	}
	if q.quitDue() {
		t.Fatal("the quit is due before the write ran")
	}
	if _, ok := q.next(); !ok {
		t.Fatal("the write did not start")
	}
	if q.holdQuit() {
		t.Error("a second quit should not wait")
	}
	q.done()
	if !q.quitDue() {
		t.Error("the held quit is not due once the write finished")
	}
}
