// Package views is Rapport's desktop UI (Fyne only). Each screen is one
// struct; screens reach the engine through the small interfaces in
// services.go, load data on a goroutine and apply it on the UI goroutine
// with a single fyne.Do.
package views

import (
	"time"

	"fyne.io/fyne/v2"
)

// goAsync runs slow work (anything that reads the store) off the UI
// goroutine; the work hands its result back with fyne.Do. Tests replace it
// with a queue they drain on the test goroutine, because Fyne's test driver
// runs fyne.Do inline on whichever goroutine calls it.
var goAsync = func(fn func()) { go fn() }

// afterDelay runs fn on the UI goroutine after d (debouncing typing).
// Tests replace it along with goAsync.
var afterDelay = func(d time.Duration, fn func()) {
	time.AfterFunc(d, func() { fyne.Do(fn) })
}

// onUI hands the end of background work to the UI goroutine: err, if not
// nil, goes to onError; otherwise done runs.
func onUI(err error, onError func(error), done func()) {
	fyne.Do(func() {
		if err != nil {
			onError(err)
			return
		}
		done()
	})
}
