package main

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// quitGrace is how long the app may take, once asked to quit, for the
// window toolkit's Run to return before the process ends without it.
const quitGrace = 10 * time.Second

// quitGuard ends the process when the window toolkit does not return from
// Run after a quit. Fyne 2.8.1 can wait forever in Run for a window event
// it handed to a main loop that had already ended (seen once in CI: Run
// stuck in Lifecycle.WaitForEvents after the loop stopped), which would
// leave a window-less process holding the data folder. The guard closes
// the folder and exits instead.
type quitGuard struct {
	once     sync.Once
	quitting chan struct{} // closed when a quit is asked for, by any route
	returned chan struct{} // closed when Run has returned
}

func newQuitGuard() *quitGuard {
	return &quitGuard{quitting: make(chan struct{}), returned: make(chan struct{})}
}

// quit notes that the app is quitting; safe to call many times, from any goroutine.
func (g *quitGuard) quit() { g.once.Do(func() { close(g.quitting) }) }

// ran notes that Run has returned.
func (g *quitGuard) ran() { close(g.returned) }

// watch waits for a quit, then for Run to return within grace; if it does
// not, it calls stuck (which closes the data folder and exits). It returns
// when Run has returned or stuck has been called.
func (g *quitGuard) watch(grace time.Duration, stuck func()) {
	select {
	case <-g.returned:
		return
	case <-g.quitting:
	}
	t := time.NewTimer(grace)
	defer t.Stop()
	select {
	case <-g.returned:
	case <-t.C:
		stuck()
	}
}

// guardedApp is the app whose Quit tells the guard first. Every window of
// Rapport quits through it; the main window, whose closing ends the app
// without calling Quit, tells the guard from its OnClosed.
type guardedApp struct {
	fyne.App
	guard *quitGuard
}

func (a guardedApp) Quit() {
	a.guard.quit()
	a.App.Quit()
}
