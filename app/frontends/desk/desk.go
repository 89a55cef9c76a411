// Package desk adapts the engine to what the desktop screens need, as plain
// data and small methods: it implements the interfaces package views
// declares, so that views never touch storage.
package desk

import (
	"context"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/rapportapp/rapport/app/interacting/inbox"
	"github.com/rapportapp/rapport/app/interacting/reply"
	"github.com/rapportapp/rapport/app/listening/fetch"
	"github.com/rapportapp/rapport/app/listening/monitor"
	"github.com/rapportapp/rapport/app/listening/notify"
	"github.com/rapportapp/rapport/app/people/crm"
	"github.com/rapportapp/rapport/app/shared/sample"
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/assets"
	"github.com/rapportapp/rapport/storage"
)

// Desk is the desktop app's view of one open workspace.
type Desk struct {
	*inbox.Service
	w        *workspace.Workspace
	mon      *monitor.Service
	rep      *reply.Service
	crm      *crm.Service
	version  string
	notifier notify.Notifier

	ctx    context.Context // ends when the app stops
	cancel context.CancelFunc
	pollWG sync.WaitGroup

	mu      sync.Mutex
	notes   []func(title, body string)
	changes []func()
}

// New returns the desk for an open workspace.
func New(w *workspace.Workspace, version string) *Desk {
	ctx, cancel := context.WithCancel(context.Background())
	d := &Desk{Service: inbox.New(w.Store, w.Understand), w: w, version: version, ctx: ctx, cancel: cancel,
		mon: monitor.New(w, fetch.New(fetch.DefaultOptions(version))), rep: reply.New(w), crm: crm.New(w)}
	w.Events.OnMentionsChanged(d.onMentionsChanged)
	return d
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

func (d *Desk) changed() {
	d.mu.Lock()
	fns := slices.Clone(d.changes)
	d.mu.Unlock()
	for _, fn := range fns {
		fn()
	}
}

// onMentionsChanged tells the screens and offers new mentions to the
// notifier.
func (d *Desk) onMentionsChanged(ev workspace.MentionsChanged) {
	d.changed()
	if len(ev.IDs) == 0 {
		return
	}
	items, err := d.notifyItems(ev.IDs)
	if err != nil {
		d.w.Log.Warn("notify: read mentions", "err", err)
		return
	}
	for _, n := range d.notifier.Offer(d.NotifySettings(), items, time.Now()) {
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

// About describes the running app and its data folder.
type About struct {
	Version string
	Runtime string
	DataDir string
	Schema  int
	Counts  []Count
	Bytes   int64
}

// Count is one record type and how many there are.
type Count struct {
	Name string
	N    int
}

// About reads the facts for the Settings/About screen.
func (d *Desk) About() (About, error) {
	st, err := d.w.Store.Stats()
	if err != nil {
		return About{}, err
	}
	a := About{Version: d.version, Runtime: runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH, DataDir: d.w.Dir, Schema: st.Schema, Bytes: st.Bytes}
	for _, name := range storage.TableNames() {
		a.Counts = append(a.Counts, Count{Name: name, N: st.Counts[name]})
	}
	return a, nil
}

// Backup writes a backup file of the workspace.
func (d *Desk) Backup(path string) error {
	_, err := d.w.Store.BackupToFile(path)
	return err
}
