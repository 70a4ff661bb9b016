package ui

import (
	"testing"
	"time"
)

func TestStatusTimesOutOnlyItsOwnMessage(t *testing.T) {
	s := status{clock: &clock{}, ttl: time.Millisecond}
	first := s.set("Bookmarked", false)
	if s.text != "Bookmarked" || s.isErr {
		t.Fatalf("status %q (error %v)", s.text, s.isErr)
	}
	if first == nil {
		t.Fatal("set returned no timeout")
	}
	timeout := first().(statusTimeout)
	second := s.set("Not a tag: x", true)
	s.clear(timeout.seq)
	if s.text != "Not a tag: x" || !s.isErr {
		t.Fatalf("an older timeout cleared a newer message: %q", s.text)
	}
	s.clear(second().(statusTimeout).seq)
	if s.text != "" || s.isErr {
		t.Errorf("the timeout did not clear its message: %q", s.text)
	}
}

func TestStatusCleansTextAndStaysWithoutTimers(t *testing.T) {
	s := newStatus(&clock{stopped: true})
	if cmd := s.set("Could not open \x1b[2Jx", true); cmd != nil {
		t.Error("a stopped clock still returned a timeout")
	}
	if s.text != "Could not open x" {
		t.Errorf("escape sequences reached the status: %q", s.text)
	}
	s.show("Saving…", false)
	if s.text != "Saving…" {
		t.Errorf("show: %q", s.text)
	}
}

func TestStatusNoteIsClearedOnlyWhileShown(t *testing.T) {
	s := status{}
	s.note(indexingStatus)
	s.unnote(indexingStatus)
	if s.text != "" {
		t.Fatalf("unnote left %q", s.text)
	}
	s.note(indexingStatus)
	s.show("Search failed", true)
	s.unnote(indexingStatus)
	if s.text != "Search failed" {
		t.Errorf("unnote cleared another message: %q", s.text)
	}
}
