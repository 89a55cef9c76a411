package views

import (
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
)

// fileJob is an import, export or backup that starts with the user
// picking a file. The work runs off the UI goroutine behind a progress
// dialog and ends in a dialog that says what happened.
type fileJob struct {
	Env
	working string                            // progress dialog title, "Importing contacts…"
	done    string                            // result dialog title, "Contacts imported"
	run     func(path string) (string, error) // in the background; returns the message to show
	after   func()                            // on the UI goroutine after success; may be nil
}

// open asks for an existing file with one of exts (".vcf") and runs the job on it.
func (j fileJob) open(exts ...string) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		_ = r.Close()
		j.start(path)
	}, j.Win)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	d.Show()
}

// save asks where to write, offering name in the home folder, and runs
// the job there. The file dialog creates the file; the job replaces it.
func (j fileJob) save(name string) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		_ = w.Close()
		j.start(path)
	}, j.Win)
	d.SetFileName(name)
	if home, err := os.UserHomeDir(); err == nil {
		if dir, err := storage.ListerForURI(storage.NewFileURI(home)); err == nil {
			d.SetLocation(dir)
		}
	}
	d.Show()
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
			dialog.ShowInformation(j.done, msg, j.Win)
			if j.after != nil {
				j.after()
			}
		})
	})
}
