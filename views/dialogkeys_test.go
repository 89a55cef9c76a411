package views

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

// press sends a key to whatever has the focus, as the driver does.
func press(t *testing.T, w fyne.Window, key fyne.KeyName) {
	t.Helper()
	f := w.Canvas().Focused()
	if f == nil {
		t.Fatalf("%s pressed with nothing focused", key)
	}
	f.TypedKey(&fyne.KeyEvent{Name: key})
}

func keyWindow(t *testing.T) fyne.Window {
	t.Helper()
	a := test.NewTempApp(t)
	w := a.NewWindow("keys")
	w.Resize(fyne.NewSize(800, 600))
	return w
}

func TestDialogsCloseWithEscapeAndConfirmWithEnter(t *testing.T) {
	w := keyWindow(t)
	// An information closes with Escape, and with Enter
	for _, key := range []fyne.KeyName{fyne.KeyEscape, fyne.KeyReturn} {
		showInfo(w, "Check finished", "3 sources checked.")
		press(t, w, key)
		if top := w.Canvas().Overlays().Top(); top != nil {
			t.Errorf("%s did not close the information: %q", key, collectText(top))
		}
	}
	// A question is cancelled with Escape and confirmed with Enter
	var answers []bool
	for _, key := range []fyne.KeyName{fyne.KeyEscape, fyne.KeyReturn} {
		showConfirm(w, "Remove Old blog?", "Rapport will stop checking it.", "Remove", func(ok bool) { answers = append(answers, ok) })
		press(t, w, key)
	}
	if len(answers) != 2 || answers[0] || !answers[1] {
		t.Errorf("answers %v, want [false true]", answers)
	}
	if w.Canvas().Overlays().Top() != nil {
		t.Error("a question is still open")
	}
}

func TestDialogEntriesPassEscapeAndEnter(t *testing.T) {
	w := keyWindow(t)
	k := newDialogKeys()
	confirmed, cancelled := 0, 0
	k.confirm, k.cancel = func() { confirmed++ }, func() { cancelled++ }
	one, many := k.entry(), k.multiLine()
	w.SetContent(container.NewVBox(one, many))
	one.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	many.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // a new line, not a confirm
	many.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if confirmed != 1 || cancelled != 1 {
		t.Errorf("confirmed %d cancelled %d, want 1 and 1", confirmed, cancelled)
	}
}
