// Package desk is the thin adapter between the desktop screens and the
// engine: it implements the interfaces package views declares, by calling
// the services of an engine.Engine, so that views never touch storage. It
// holds no logic a command-line command cannot reach: what it adds is the
// desktop's own plumbing — goroutines it tracks and stops before the store
// closes, and the fan-out of changes and notifications to the screens.
package desk

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/rapportapp/rapport/app/engine"
	"github.com/rapportapp/rapport/app/listening/notify"
	"github.com/rapportapp/rapport/app/shared/sample"
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/assets"
)

// Desk is the desktop app's view of one open workspace.
type Desk struct {
	e        *engine.Engine
	w        *workspace.Workspace
	version  string
	notifier notify.Notifier

	ctx    context.Context // ends when the desk stops
	cancel context.CancelFunc
	wg     sync.WaitGroup // every goroutine the desk starts

	mu       sync.Mutex
	stopped  bool
	notes    []func(title, body string)
	changes  []func()
	progress []func(task string, done, total int)

	held heldErases // confirmed erases whose Undo is still offered (erase.go)
}

// New returns the desk of an engine; call Stop before closing its store.
func New(e *engine.Engine, version string) *Desk {
	ctx, cancel := context.WithCancel(context.Background())
	d := &Desk{e: e, w: e.W, version: version, ctx: ctx, cancel: cancel}
	e.W.Events.OnMentionsChanged(d.onMentionsChanged)
	return d
}

// spawn runs fn on a goroutine the desk tracks, so Stop waits for it; it
// does nothing once the desk stopped.
func (d *Desk) spawn(fn func()) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.stopped {
		return
	}
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		fn()
	}()
}

// Stop ends the background work (polling, first checks of new sources,
// listeners being told of changes) and waits for it, then carries out the
// erases still held for Undo, so that the store can be closed safely.
func (d *Desk) Stop() {
	d.mu.Lock()
	d.stopped = true
	d.mu.Unlock()
	d.cancel()
	d.wg.Wait()
	d.eraseHeld()
}

// IsEmpty reports a workspace with nothing in it yet.
func (d *Desk) IsEmpty() (bool, error) { return d.w.IsEmpty() }

// LoadSample loads the sample workspace, telling progress as it goes.
func (d *Desk) LoadSample(progress func(step string, done, total int)) error {
	_, err := sample.Load(d.w, assets.Sample(), time.Now(), progress)
	return err
}

// OnMentionsChanged calls fn (on another goroutine) whenever mentions were
// added or changed.
func (d *Desk) OnMentionsChanged(fn func()) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.changes = append(d.changes, fn)
}

// OnNotify calls fn (on another goroutine) with each desktop notification
// to show.
func (d *Desk) OnNotify(fn func(title, body string)) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.notes = append(d.notes, fn)
}

// changed tells the screens, on a tracked goroutine, that mentions changed.
func (d *Desk) changed() {
	d.mu.Lock()
	fns := slices.Clone(d.changes)
	d.mu.Unlock()
	d.spawn(func() {
		for _, fn := range fns {
			fn()
		}
	})
}

// onMentionsChanged tells the screens and offers new mentions to the
// notifier.
func (d *Desk) onMentionsChanged(ev workspace.MentionsChanged) {
	d.changed()
	if len(ev.IDs) == 0 {
		return
	}
	items, err := notify.Items(d.w.Store, ev.IDs)
	if err != nil {
		d.w.Log.Warn("notify: read mentions", "err", err)
		return
	}
	s, err := d.w.NotifySettings()
	if err != nil {
		d.w.Log.Warn("notify", "err", err)
	}
	for _, n := range d.notifier.Offer(s, items, time.Now()) {
		d.notify(n.Title, n.Body)
	}
}

// notify hands a notification to the listeners.
func (d *Desk) notify(title, body string) {
	d.mu.Lock()
	fns := slices.Clone(d.notes)
	d.mu.Unlock()
	for _, fn := range fns {
		fn(title, body)
	}
}

// About reads the facts for the Settings/About screen.
func (d *Desk) About() (workspace.About, error) { return d.w.About(d.version) }

// Backup writes a backup file of the workspace.
func (d *Desk) Backup(path string) error {
	_, err := d.w.Store.BackupToFile(path)
	return err
}

// SampleLoaded reports whether the sample workspace is in the folder.
func (d *Desk) SampleLoaded() (bool, error) { return sample.Loaded(d.w.Store) }

// RemoveSample takes the sample out again, keeping what the owner added.
func (d *Desk) RemoveSample() error {
	_, err := sample.Remove(d.w)
	if err == nil {
		d.changed()
	}
	return err
}
