package views

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestUnlockAsksUntilThePassphraseIsRight(t *testing.T) {
	a := test.NewTempApp(t)
	var tried []string
	opened := ""
	u := ShowUnlock(a, UnlockDeps{
		Dir: "/home/me/rapport",
		Unlock: func(p string, remember bool) (string, string) {
			tried = append(tried, p)
			if p != "right" {
				return "That is not the passphrase of this data folder. Try again.", ""
			}
			if !remember {
				return "", ""
			}
			return "", "remembered"
		},
		OnUnlocked: func(w string) { opened = "yes " + w },
		Go:         work.add,
	})
	u.onOpen()
	if u.problem.Text != "Type the passphrase first." || len(tried) != 0 {
		t.Fatalf("empty: %q %v", u.problem.Text, tried)
	}
	test.Type(u.pass, "wrong")
	u.onOpen()
	if !u.pass.Disabled() || !u.open.Disabled() || !u.checking.Visible() {
		t.Fatal("the form is not disabled while the passphrase is checked")
	}
	work.drain()
	if opened != "" || u.pass.Text != "" || u.open.Disabled() || u.problem.Text == "" {
		t.Fatalf("a wrong passphrase: opened %q, entry %q, problem %q", opened, u.pass.Text, u.problem.Text)
	}
	if u.pass.Disabled() || u.win.Canvas().Focused() != u.pass || u.checking.Visible() {
		t.Fatalf("after a wrong passphrase the field is not ready for another try: disabled %v, focused %v, checking %v",
			u.pass.Disabled(), u.win.Canvas().Focused(), u.checking.Visible())
	}
	test.Type(u.pass, "right")
	u.remember.SetChecked(true)
	u.onOpen()
	work.drain()
	if opened != "yes remembered" {
		t.Fatalf("opened %q after %v", opened, tried)
	}
}

// TestUnlockSaysWhyItAsks: when the passphrase remembered in the keyring
// no longer opens the folder, the window says so as it opens, with the
// field focused; Quit leaves without trying anything.
func TestUnlockSaysWhyItAsks(t *testing.T) {
	a := test.NewTempApp(t)
	tried := 0
	u := ShowUnlock(a, UnlockDeps{
		Dir:        "/home/me/rapport",
		Problem:    "The passphrase remembered in the system keyring does not open this folder any more.",
		Unlock:     func(string, bool) (string, string) { tried++; return "", "" },
		OnUnlocked: func(string) { t.Error("opened") },
		Go:         work.add,
	})
	if !strings.HasPrefix(u.problem.Text, "The passphrase remembered") || u.win.Canvas().Focused() != u.pass {
		t.Fatalf("problem %q, focused %v", u.problem.Text, u.win.Canvas().Focused())
	}
	test.Tap(u.quit)
	work.drain()
	if tried != 0 || !u.closed.Load() {
		t.Fatalf("Quit: tried %d, closed %v", tried, u.closed.Load())
	}
}

// TestEscapeInThePassphraseFieldQuits: Escape, typed in the focused field,
// leaves as Quit does, trying nothing.
func TestEscapeInThePassphraseFieldQuits(t *testing.T) {
	a := test.NewTempApp(t)
	tried := 0
	u := ShowUnlock(a, UnlockDeps{
		Dir:        "/home/me/rapport",
		Unlock:     func(string, bool) (string, string) { tried++; return "", "" },
		OnUnlocked: func(string) { t.Error("opened") },
		Go:         work.add,
	})
	test.Type(u.pass, "half a passphr")
	u.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	work.drain()
	if tried != 0 || !u.closed.Load() {
		t.Fatalf("Escape: tried %d, closed %v", tried, u.closed.Load())
	}
}

// TestEnterOnTheRememberBoxOpens: with the focus moved (Tab) to "Remember
// it in the system keyring", Enter did nothing; it opens, as in the field.
func TestEnterOnTheRememberBoxOpens(t *testing.T) {
	a := test.NewTempApp(t)
	var got string
	var kept bool
	u := ShowUnlock(a, UnlockDeps{
		Dir:        "/home/me/rapport",
		Unlock:     func(p string, remember bool) (string, string) { got, kept = p, remember; return "", "" },
		OnUnlocked: func(string) {},
		Go:         work.add,
	})
	test.Type(u.pass, "correct horse")
	test.Tap(u.remember)
	u.win.Canvas().Focus(u.remember)
	u.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	work.drain()
	if got != "correct horse" || !kept {
		t.Fatalf("Enter on the box: tried %q, remember %v", got, kept)
	}
}

// TestUnlockShowsTheUpdateAPassphraseStarted: once the passphrase opened
// an older folder, the line under the form says how far its update got;
// the next try says it checks the passphrase again.
func TestUnlockShowsTheUpdateAPassphraseStarted(t *testing.T) {
	a := test.NewTempApp(t)
	u := ShowUnlock(a, UnlockDeps{Dir: "/d", Unlock: func(string, bool) (string, string) { return "", "" }, OnUnlocked: func(string) {}, Go: work.add})
	test.Type(u.pass, "right")
	u.onOpen()
	if u.doing.Text != "Checking the passphrase…" {
		t.Fatalf("while trying: %q", u.doing.Text)
	}
	u.Progress(OpeningStep{Name: "check the folder's files", Done: 3, Total: 41, Unit: "files"})
	if want := "Checking the folder's files… 3 of 41 files"; u.doing.Text != want {
		t.Errorf("checking files: %q, want %q", u.doing.Text, want)
	}
	u.Progress(OpeningStep{Step: 1, Steps: 1, Name: "list", Done: 1_180_000, Total: 4_968_677, Estimate: true, Unit: "entries"})
	if want := "Updating the folder for this version of Rapport… 1,180,000 of about 4,968,677 entries"; u.doing.Text != want {
		t.Errorf("updating: %q, want %q", u.doing.Text, want)
	}
	u.Stop()
	u.Progress(OpeningStep{Step: 1, Steps: 1, Name: "list", Done: 2, Unit: "entries"})
	if !strings.HasSuffix(u.doing.Text, "4,968,677 entries") {
		t.Errorf("after Stop: %q", u.doing.Text)
	}
	work.drain()
}
