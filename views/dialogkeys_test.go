package views

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"github.com/rapportapp/rapport/app/shared/testkit"
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

func TestLettersTypedInADialogAreNotShortcuts(t *testing.T) {
	// Given the inbox with a mention open, and the owner saving a view
	m, w := sampleWindow(t)
	in := m.inbox
	eventually(t, "a mention open", func() bool { return len(in.ids) > 3 && in.detail.shown.ID == in.ids[0] })
	id := in.detail.shown.ID
	before := testkit.Mention(t, w.Store, id)
	in.onSaveView()
	// Then the name field has the focus, and what is typed is the name
	c := m.Win.Canvas()
	typeRunes(c, "Refunds")
	if e, ok := c.Focused().(*keyEntry); !ok || e.Text != "Refunds" {
		t.Fatalf("focused %T, want the name field holding what was typed", c.Focused())
	}
	// And with nothing focused in the dialog, letters still touch nothing
	// behind it: "e" archives, "s" snoozes, "n" marks as needs reply
	c.Unfocus()
	typeRunes(c, "esn")
	work.drain()
	after := testkit.Mention(t, w.Store, id)
	if after.State != before.State || len(after.History) != len(before.History) {
		t.Errorf("typing in a dialog changed the mention behind it: %v → %v", before.State, after.State)
	}
	if n := len(c.Overlays().List()); n != 1 {
		t.Errorf("%d dialogs open, want the one", n)
	}
}

// typeRunes types as the driver does: to the focused widget, or else to
// the window's own handler.
func typeRunes(c fyne.Canvas, s string) {
	for _, r := range s {
		if f := c.Focused(); f != nil {
			f.TypedRune(r)
		} else {
			c.OnTypedRune()(r)
		}
	}
}
