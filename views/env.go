package views

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"time"

	"fyne.io/fyne/v2"

	"github.com/rapportapp/rapport/app/shared/osopen"
)

// Env is what every screen shares: its window, how it shows an error, and
// how it runs work away from the UI goroutine. It is handed to each screen
// through its constructor; tests pass one whose Go and After queue the work
// for the test goroutine to run (Fyne's test driver runs fyne.Do inline on
// whichever goroutine calls it).
type Env struct {
	Win fyne.Window
	// OnError shows what went wrong (on the UI goroutine).
	OnError func(error)
	// Go runs slow work (anything that reads the store) off the UI
	// goroutine; the work hands its result back with fyne.Do (onUI).
	Go func(fn func())
	// After runs fn on the UI goroutine after d (debouncing typing).
	After func(d time.Duration, fn func())
	// Open hands a link to the program that opens it (browser, mail,
	// phone) and says when nothing could: call it off the UI goroutine, it
	// may wait a moment for the opener to fail.
	Open func(u *url.URL) error
	// Trace notes what a screen just showed ("inbox rows"), for the
	// timing harness (scripts/scalebench); nil: nothing is noted.
	Trace func(event string)
}

// trace notes an event when the Env traces.
func (e Env) trace(event string) {
	if e.Trace != nil {
		e.Trace(event)
	}
}

// traceFromEnv writes events to stderr, with the time, when RAPPORT_TRACE
// is set: the window's timings under Xvfb are read from them.
func traceFromEnv() func(string) {
	if os.Getenv("RAPPORT_TRACE") == "" {
		return nil
	}
	return func(event string) {
		fmt.Fprintf(os.Stderr, "rapport-trace %d %s\n", time.Now().UnixNano(), event)
	}
}

// NewEnv is the app's Env: work on goroutines, timers for delays, links
// opened by the system (package osopen).
func NewEnv(win fyne.Window, onError func(error)) Env {
	return Env{
		Win: win, OnError: onError, Go: func(fn func()) { go fn() },
		After: func(d time.Duration, fn func()) {
			if d <= 0 { // now, and in the order asked
				fyne.Do(fn)
				return
			}
			time.AfterFunc(d, func() { fyne.Do(fn) })
		},
		Open:  func(u *url.URL) error { return osopen.Open(context.Background(), u) },
		Trace: traceFromEnv(),
	}
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

// withTeam reads the team's names in the background, then runs fn with
// them on the UI goroutine.
func withTeam(env Env, svc InboxService, fn func(team []string)) {
	env.Go(func() {
		team, err := svc.Team()
		onUI(err, env.OnError, func() { fn(team) })
	})
}
