package views

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

func undoWindow(t *testing.T) (Env, *fyne.Container) {
	t.Helper()
	work.drain()
	a := test.NewTempApp(t)
	w := a.NewWindow("undo")
	host := newUndoHost()
	w.SetContent(withUndo(container.NewStack(), host))
	w.Resize(fyne.NewSize(600, 400))
	t.Cleanup(work.elapse)
	return testEnv(w, func(err error) { t.Errorf("error: %v", err) }), host
}

func TestUndoBarUndoes(t *testing.T) {
	// Given a change offered for undo
	env, host := undoWindow(t)
	undone := 0
	showUndo(env, host, "Maya L. was merged into Maya Lin.", func() { undone++ })
	// Then the bar says so, with an Undo button
	if !host.Visible() || findButton(host, "Undo") == nil {
		t.Fatalf("no undo bar: visible %v, %q", host.Visible(), collectText(host))
	}
	// When the owner taps Undo
	test.Tap(findButton(host, "Undo"))
	// Then it is undone once and the bar goes
	if undone != 1 || host.Visible() {
		t.Errorf("undone %d times, bar visible %v", undone, host.Visible())
	}
	work.elapse()
	if undone != 1 {
		t.Errorf("undone %d times after the offer ended", undone)
	}
}

func TestUndoBarGoesAfterAFewSeconds(t *testing.T) {
	env, host := undoWindow(t)
	undone := false
	showUndo(env, host, "Done.", func() { undone = true })
	work.drain() // no time passes: still offered
	if !host.Visible() {
		t.Fatal("the bar went before its time")
	}
	work.elapse() // the seconds pass
	if host.Visible() || undone {
		t.Errorf("bar visible %v, undone %v", host.Visible(), undone)
	}
	// A bar with nothing to undo only tells
	showUndo(env, host, "Maya Lin was erased.", nil)
	if findButton(host, "Undo") != nil || !host.Visible() {
		t.Error("a notice offers Undo")
	}
}

func TestAHeldChangeIsCarriedOutWhenItsOfferEnds(t *testing.T) {
	env, host := undoWindow(t)
	var log []string
	hold := func(name string) {
		holdUndo(env, host, name+" will be erased.", func() { log = append(log, "undo "+name) },
			func() { log = append(log, "erase "+name) })
	}
	// When a second offer replaces the first, the first is carried out
	hold("Jordan")
	hold("Ruth")
	if len(log) != 1 || log[0] != "erase Jordan" {
		t.Fatalf("after a second offer: %q", log)
	}
	// And the second is carried out when its time is up
	work.elapse()
	if len(log) != 2 || log[1] != "erase Ruth" {
		t.Fatalf("after the seconds passed: %q", log)
	}
	// And closing the bar carries it out too, while Undo does not
	hold("Sam")
	test.Tap(findButtonWithIcon(host))
	hold("Lena")
	test.Tap(findButton(host, "Undo"))
	work.elapse()
	want := []string{"erase Jordan", "erase Ruth", "erase Sam", "undo Lena"}
	if len(log) != len(want) {
		t.Fatalf("log %q, want %q", log, want)
	}
	for i := range want {
		if log[i] != want[i] {
			t.Errorf("log %q, want %q", log, want)
		}
	}
}
