package main

import (
	"context"
	"errors"
	"log/slog"
	"sync"

	"fyne.io/fyne/v2"

	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/storage"
	"github.com/rapportapp/rapport/views"
)

// openEncrypted opens the encrypted data folder dir with the passphrase
// remembered in the system keyring, an update of an older folder stopping
// when ctx ends (its error) and reporting to progress. When there is no
// passphrase remembered, or it no longer opens the folder, it returns the
// unlocker that asks for it instead.
func openEncrypted(ctx context.Context, dir string, progress func(storage.Progress), log *slog.Logger) (*workspace.Workspace, *unlocker, error) {
	ctx, cancel := context.WithCancel(ctx)
	ask := &unlocker{dir: dir, log: log, ctx: ctx, cancel: cancel}
	if p := workspace.RememberedPassphrase(dir, nil); p != "" {
		w, _, err := workspace.UnlockContext(ctx, dir, p, false, nil, progress, log)
		if err == nil || errors.Is(err, storage.ErrOpenStopped) {
			cancel()
			return w, nil, err
		}
		ask.problem = workspace.UnlockMessage(err)
		if errors.Is(err, workspace.ErrWrongPassphrase) {
			ask.problem = "The passphrase remembered in the system keyring does not open this folder any more. Type its passphrase."
		}
	}
	return nil, ask, nil
}

// unlocker asks for the passphrase in the passphrase window and tries it
// off the UI goroutine.
type unlocker struct {
	dir     string
	log     *slog.Logger
	problem string // shown when the window opens
	ui      *views.Unlock
	// ctx stops the update of an older folder that a passphrase opened,
	// when the app stops (wait).
	ctx    context.Context
	cancel context.CancelFunc

	tries sync.WaitGroup // passphrases being tried
	mu    sync.Mutex
	open  *workspace.Workspace // opened, not yet handed to the main window
}

// show opens the passphrase window; start opens the main window on the
// UI goroutine once a passphrase opened the folder.
func (u *unlocker) show(a fyne.App, start func(w *workspace.Workspace, warning string)) {
	u.ui = views.ShowUnlock(a, views.UnlockDeps{
		Dir:     u.dir,
		Problem: u.problem,
		Unlock:  u.try,
		OnUnlocked: func(warning string) {
			u.mu.Lock()
			w := u.open
			u.open = nil
			u.mu.Unlock()
			if w != nil {
				start(w, warning)
			}
		},
		Go: func(fn func()) {
			u.tries.Add(1)
			go func() {
				defer u.tries.Done()
				fn()
			}()
		},
	})
}

// try opens the folder with passphrase.
func (u *unlocker) try(passphrase string, remember bool) (problem, warning string) {
	w, warning, err := workspace.UnlockContext(u.ctx, u.dir, passphrase, remember, nil, u.progress, u.log)
	if err != nil {
		u.log.Warn("unlock: the data folder did not open", "dir", u.dir, "err", err)
		return workspace.UnlockMessage(err), ""
	}
	u.mu.Lock()
	u.open = w
	u.mu.Unlock()
	return "", warning
}

// progress shows how far the update of an older folder has got in the
// passphrase window (from the goroutine that tries the passphrase).
func (u *unlocker) progress(p storage.Progress) {
	fyne.Do(func() { u.ui.Progress(openingStep(p)) })
}

// wait, once the app has stopped, stops an update the passphrase started,
// waits for a passphrase still being tried and closes what it opened but
// the main window never got.
func (u *unlocker) wait(log *slog.Logger) {
	u.ui.Stop()
	u.cancel()
	u.tries.Wait()
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.open != nil {
		if err := u.open.Close(); err != nil {
			log.Error("close data folder", "err", err)
		}
		u.open = nil
	}
}
