package views

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestFileJobShowsProgressThenWhatHappened(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("job")
	w.Resize(fyne.NewSize(800, 600))
	cases := []struct {
		name      string
		err       error
		wantTitle string
	}{
		{"success", nil, "Contacts imported"},
		{"failure", errors.New("line 3 is not a vCard"), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			work.drain()
			var gotErr error
			afterRan := false
			// Given an import job whose work ends in c.err
			job := fileJob{
				Env: testEnv(w, func(err error) { gotErr = err }), working: "Importing contacts…", done: "Contacts imported",
				after: func() { afterRan = true },
				run: func(path string) (string, error) {
					return "Added 2 contacts from " + path, c.err
				},
			}
			// When it starts on a file
			job.start("/tmp/people.vcf")
			// Then a progress dialog shows while the work waits
			if top := w.Canvas().Overlays().Top(); top == nil || !strings.Contains(collectText(top), "Importing contacts") {
				t.Fatal("no progress dialog while the job runs")
			}
			work.drain()
			top := w.Canvas().Overlays().Top()
			if c.err != nil {
				// and a failure goes to onError, with no result dialog and no after
				if gotErr != c.err || afterRan {
					t.Fatalf("error %v, after ran %v", gotErr, afterRan)
				}
				if top != nil {
					t.Fatalf("a dialog is still shown: %q", collectText(top))
				}
				return
			}
			// and a success says what happened and runs after
			if top == nil || !strings.Contains(collectText(top), "Added 2 contacts from /tmp/people.vcf") {
				t.Fatal("no result dialog")
			}
			if !afterRan || gotErr != nil {
				t.Fatalf("after ran %v, error %v", afterRan, gotErr)
			}
			w.Canvas().Overlays().Remove(top)
		})
	}
}
