package views

import (
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// fileJob is an import, export or backup that starts with the user
// picking a file, by typing its path or browsing (pathPick). The work runs
// off the UI goroutine behind a progress dialog and ends in a dialog that
// says what happened.
type fileJob struct {
	Env
	working string                            // progress dialog title, "Importing contacts…"
	done    string                            // result dialog title, "Contacts imported"
	run     func(path string) (string, error) // in the background; returns the message to show
	after   func()                            // on the UI goroutine after success; may be nil
	// title and action name the dialog that asks for the file and its
	// button ("Import contacts", "Import"); "" for "Choose a file", "Open"
	// or "Save".
	title, action string
}

// open asks for an existing file with one of exts (".vcf") and runs the job on it.
func (j fileJob) open(exts ...string) {
	p := &pathPick{Env: j.Env, title: or(j.title, "Choose a file"), action: or(j.action, "Open"), exts: exts, done: j.start}
	p.show()
}

// save asks where to write, offering name in the home folder, and runs
// the job there; a file there already is replaced only once the owner
// agrees.
func (j fileJob) save(name string) {
	path := name
	if home, err := os.UserHomeDir(); err == nil {
		path = filepath.Join(home, name)
	}
	p := &pathPick{Env: j.Env, title: or(j.title, "Save as"), action: or(j.action, "Save"), save: true, path: path, done: j.start}
	p.show()
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// start runs the job on path.
func (j fileJob) start(path string) {
	prog := dialog.NewCustomWithoutButtons(j.working, widget.NewProgressBarInfinite(), j.Win)
	prog.Show()
	j.Go(func() {
		msg, err := j.run(path)
		fyne.Do(func() {
			prog.Hide()
			if err != nil {
				j.OnError(err)
				return
			}
			showInfo(j.Win, j.done, msg)
			if j.after != nil {
				j.after()
			}
		})
	})
}
