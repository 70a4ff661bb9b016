package library

import (
	"reflect"
	"testing"
)

func TestHiddenTopics(t *testing.T) {
	l := newLibrary(t)
	noErr(t, l.HideTopic("Reinforcement Learning", true))
	noErr(t, l.HideTopic("reinforcement-learning", true))
	noErr(t, l.HideTopic("diffusion", true))
	got, err := l.HiddenTopics()
	if err != nil || !reflect.DeepEqual(got, map[string]bool{"reinforcement-learning": true, "diffusion": true}) {
		t.Errorf("HiddenTopics = %v, %v", got, err)
	}
	noErr(t, l.HideTopic("Diffusion", false))
	got, _ = l.HiddenTopics()
	if !reflect.DeepEqual(got, map[string]bool{"reinforcement-learning": true}) {
		t.Errorf("after unhide: %v", got)
	}
	if err := l.HideTopic("  ", true); err == nil {
		t.Error("hiding an empty topic succeeded")
	}
}
