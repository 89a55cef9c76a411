package main

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/storage"
	"github.com/rapportapp/rapport/views"
)

// openingWait is how long the app waits for its data folder before it
// shows the opening window: a folder that opens in less goes straight to
// the main window, one being updated (minutes at a million mentions)
// shows the update's progress first.
const openingWait = 400 * time.Millisecond

// openingWaitFromEnv is openingWait, or RAPPORT_OPENING_WAIT when it is a
// duration ("0s" shows the opening window on every start: the end-to-end
// tests use it).
func openingWaitFromEnv() time.Duration {
	if d, err := time.ParseDuration(os.Getenv("RAPPORT_OPENING_WAIT")); err == nil && d >= 0 {
		return d
	}
	return openingWait
}

// opened is what opening the data folder gave: the workspace, the
// passphrase window's helper for an encrypted folder, or an error.
type openResult struct {
	w   *workspace.Workspace
	ask *unlocker
	err error
}

// startOpen opens the data folder dir off the UI goroutine; the result
// arrives on the channel, and progress hears how far a migration got.
func startOpen(ctx context.Context, dir string, log *slog.Logger, progress func(storage.Progress)) <-chan openResult {
	res := make(chan openResult, 1)
	go func() {
		opt := workspace.StoreOptions(log)
		opt.Progress = progress
		w, err := workspace.OpenContext(ctx, dir, opt, log)
		if errors.Is(err, workspace.ErrLocked) {
			w, err = waitForClosing(ctx, dir, opt, log, progress, closingWait, err)
		}
		if errors.Is(err, workspace.ErrPassphraseNeeded) {
			var ask *unlocker
			if w, ask, err = openEncrypted(ctx, dir, progress, log); ask != nil {
				res <- openResult{ask: ask}
				return
			}
		}
		res <- openResult{w: w, err: err}
	}()
	return res
}

// closingWait bounds how long the app waits for a Rapport that is
// closing the data folder (after an erase: about half a minute at a
// million mentions) before it says the folder is in use.
const closingWait = 3 * time.Minute

// waitForClosing opens dir once the Rapport that has it locked has closed
// it, while that one says it is closing (workspace.MarkClosing), for up to
// limit; the opening window shows the wait (as step 0, under "Opening
// your data folder…", not as an update). locked is the open's error
// that found the folder locked; it is returned when the folder is held by
// a Rapport that runs, or still after limit.
func waitForClosing(ctx context.Context, dir string, opt storage.Options, log *slog.Logger, progress func(storage.Progress), limit time.Duration, locked error) (*workspace.Workspace, error) {
	start := time.Now()
	for {
		if _, closing := workspace.ClosingSince(dir); !closing || time.Since(start) > limit {
			return nil, locked
		}
		if progress != nil {
			progress(storage.Progress{
				Step: 0, Steps: 0, Name: "waiting for the Rapport you closed to finish with this folder (after an erase it rewrites its files)",
				Done: int64(time.Since(start) / time.Second), Unit: "seconds",
			})
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
		w, err := workspace.OpenContext(ctx, dir, opt, log)
		if !errors.Is(err, workspace.ErrLocked) {
			return w, err
		}
		locked = err
	}
}

// handover passes the open's result and progress from the goroutine that
// waits for them to the UI goroutine, and keeps what the UI never took
// once the app has stopped, for the caller to close.
type handover struct {
	mu       sync.Mutex
	stopped  bool
	result   *openResult
	progress *storage.Progress // the latest, not yet shown
}

// setProgress keeps p as the latest progress (the store's goroutine).
func (h *handover) setProgress(p storage.Progress) {
	h.mu.Lock()
	h.progress = &p
	h.mu.Unlock()
}

// takeProgress is the progress not yet shown.
func (h *handover) takeProgress() (storage.Progress, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	p := h.progress
	h.progress = nil
	if p == nil || h.stopped {
		return storage.Progress{}, false
	}
	return *p, true
}

// put keeps the open's result until the UI takes it.
func (h *handover) put(r openResult) {
	h.mu.Lock()
	h.result = &r
	h.mu.Unlock()
}

// take gives the result to the UI, once, unless the app has stopped.
func (h *handover) take() (openResult, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.result == nil || h.stopped {
		return openResult{}, false
	}
	r := *h.result
	h.result = nil
	return r, true
}

// stop marks the app as stopping: nothing more is handed to the UI.
func (h *handover) stop() {
	h.mu.Lock()
	h.stopped = true
	h.mu.Unlock()
}

// leftover is the result the UI never took (after stop).
func (h *handover) leftover() *openResult {
	h.mu.Lock()
	defer h.mu.Unlock()
	r := h.result
	h.result = nil
	return r
}

// showOpening shows the opening window and a goroutine that moves the
// open's progress into it, then hands the result to start on the UI
// goroutine and closes the window. The returned channel closes when that
// goroutine has ended.
func showOpening(a fyne.App, dir string, res <-chan openResult, h *handover, stop func(), start func(openResult)) <-chan struct{} {
	op := views.ShowOpening(a, dir, stop, nil)
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case r := <-res:
				h.put(r)
				fyne.Do(func() {
					if r, ok := h.take(); ok {
						start(r)
						op.Close()
					}
				})
				return
			case <-tick.C:
				if p, ok := h.takeProgress(); ok {
					fyne.Do(func() { op.Set(openingStep(p)) })
				}
			}
		}
	}()
	return done
}

// openingStep is the store's progress as the opening window shows it.
func openingStep(p storage.Progress) views.OpeningStep {
	return views.OpeningStep{Step: p.Step, Steps: p.Steps, Name: p.Name, Done: p.Done, Total: p.Total, Estimate: p.Estimate, Unit: p.Unit}
}
