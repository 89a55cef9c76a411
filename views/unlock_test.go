package views

import (
	"testing"

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
	work.drain()
	if opened != "" || u.pass.Text != "" || u.open.Disabled() || u.problem.Text == "" {
		t.Fatalf("a wrong passphrase: opened %q, entry %q, problem %q", opened, u.pass.Text, u.problem.Text)
	}
	test.Type(u.pass, "right")
	u.remember.SetChecked(true)
	u.onOpen()
	work.drain()
	if opened != "yes remembered" {
		t.Fatalf("opened %q after %v", opened, tried)
	}
}
