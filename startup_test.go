package main

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/storage"
	"github.com/rapportapp/rapport/views"
)

// TestOpeningWindowHandsOverItsResult: the opening window shows while the
// folder opens, takes the open's progress, and hands the result to the UI
// once, closing itself; a result that arrives after the app stopped is
// kept for the caller to close instead.
func TestOpeningWindowHandsOverItsResult(t *testing.T) {
	for _, stopped := range []bool{false, true} {
		a := test.NewTempApp(t)
		var h handover
		res := make(chan openResult)
		var started []openResult
		stops := 0
		done := showOpening(a, "/d", res, &h, func() { stops++ }, func(r openResult) { started = append(started, r) })
		if !hasWindow(a, views.OpeningTitle) {
			t.Fatal("no opening window")
		}
		h.setProgress(storage.Progress{Step: 1, Steps: 1, Name: "list", Done: 10, Total: 100, Unit: "entries"})
		deadline := time.Now().Add(5 * time.Second)
		for h.pendingProgress() && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		if h.pendingProgress() {
			t.Fatal("the progress was never taken to the window")
		}
		if stopped {
			h.stop()
		}
		want := openResult{err: errors.New("x")}
		res <- want
		<-done
		switch {
		case !stopped && (len(started) != 1 || started[0].err != want.err || hasWindow(a, views.OpeningTitle)):
			t.Errorf("handed %v, opening window still there: %v", started, hasWindow(a, views.OpeningTitle))
		case !stopped && h.leftover() != nil:
			t.Error("a result handed to the UI is also left for the caller")
		case stopped && (len(started) != 0 || h.leftover() == nil):
			t.Errorf("after the app stopped: handed %v, left over %v", started, h.leftover())
		}
	}
}

// hasWindow reports whether a has a window titled title.
func hasWindow(a fyne.App, title string) bool {
	for _, w := range a.Driver().AllWindows() {
		if w.Title() == title {
			return true
		}
	}
	return false
}

// pendingProgress reports whether progress waits to be shown.
func (h *handover) pendingProgress() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.progress != nil
}

// TestWaitForClosing: a folder locked by a Rapport that says it is closing
// opens as soon as that one has closed it, with the wait shown as
// progress; one locked by a Rapport that runs, or that closes for longer
// than the limit, gives the lock's error.
func TestWaitForClosing(t *testing.T) {
	log := slog.New(slog.DiscardHandler)
	opt := workspace.StoreOptions(log)
	for _, c := range []struct {
		name          string
		closing, ends bool
		wantOpen      bool
	}{
		{"closing, then closed", true, true, true},
		{"running", false, false, false},
		{"closing for longer than the limit", true, false, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			first, err := workspace.Open(dir, log)
			if err != nil {
				t.Fatal(err)
			}
			defer first.Close()
			if c.closing {
				closed := workspace.MarkClosing(dir)
				if c.ends {
					go func() {
						time.Sleep(300 * time.Millisecond)
						_ = first.Close()
						closed()
					}()
				}
			}
			_, locked := workspace.OpenContext(context.Background(), dir, opt, log)
			if !errors.Is(locked, workspace.ErrLocked) {
				t.Fatalf("a second open: %v, want the folder locked", locked)
			}
			var waits []storage.Progress
			w, err := waitForClosing(context.Background(), dir, opt, log, func(p storage.Progress) { waits = append(waits, p) }, 2*time.Second, locked)
			if c.wantOpen {
				if err != nil {
					t.Fatalf("after the first closed: %v", err)
				}
				_ = w.Close()
				if len(waits) == 0 || !strings.Contains(waits[0].Name, "waiting for the Rapport you closed") || waits[0].Step != 0 {
					t.Errorf("the wait was not shown: %+v", waits)
				}
				if _, still := workspace.ClosingSince(dir); still {
					t.Error("the closing note outlived the close")
				}
				return
			}
			if !errors.Is(err, workspace.ErrLocked) || w != nil {
				t.Fatalf("got %v, %v; want the folder locked", w, err)
			}
			if msg := workspace.LockedMessage(dir); c.closing != strings.Contains(msg, "still finishing") {
				t.Errorf("closing %v, message %q", c.closing, msg)
			}
		})
	}
}
