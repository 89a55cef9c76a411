package desk

import (
	"slices"
	"time"
)

// StartPolling checks due sources, wakes snoozed mentions and announces
// follow-ups that fell due, in the background until Stop.
func (d *Desk) StartPolling() {
	d.spawn(func() { d.e.Monitor.Run(d.ctx) })
	d.spawn(func() { d.every(time.Minute, d.wake) })
	d.spawn(d.rereadOutdated)
	d.spawn(func() { d.every(10*time.Minute, d.autoBackup) }) // backups.go
	d.spawn(d.finishErases)                                   // erase.go
}

// wake brings back snoozed mentions whose time has come and announces
// follow-ups that fell due.
func (d *Desk) wake() {
	d.announceDue()
	if n, err := d.e.Inbox.Wake(time.Now()); err != nil {
		d.w.Log.Warn("wake snoozed mentions", "err", err)
	} else if n > 0 {
		d.changed()
	}
}

// announceDue notifies follow-ups that fell due.
func (d *Desk) announceDue() {
	due, err := d.e.Reply.DueNow()
	if err != nil {
		d.w.Log.Warn("follow-ups due", "err", err)
		return
	}
	for _, f := range due {
		body := f.Title
		if f.Person != "" {
			body += " — " + f.Person
		}
		d.notify("Follow-up due", body)
	}
	if len(due) > 0 {
		d.changed()
	}
}

// every runs fn now and then every interval until the desk stops.
func (d *Desk) every(interval time.Duration, fn func()) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		fn()
		select {
		case <-d.ctx.Done():
			return
		case <-t.C:
		}
	}
}

// OnProgress calls fn (on another goroutine) as background work goes: what
// it is, how much of it is done; done == total means it finished.
func (d *Desk) OnProgress(fn func(task string, done, total int)) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.progress = append(d.progress, fn)
}

func (d *Desk) tellProgress(task string, done, total int) {
	d.mu.Lock()
	fns := slices.Clone(d.progress)
	d.mu.Unlock()
	for _, fn := range fns {
		fn(task, done, total)
	}
}

// rereadOutdated reads again, in the background, the mentions an older
// version of the analyser read; the screens show how far it is, and the
// window stays usable meanwhile. Stopping the desk stops it between
// batches; the next start goes on with the rest.
func (d *Desk) rereadOutdated() {
	und := d.w.Understand
	n, err := und.Outdated(d.w.Store)
	if err != nil || n == 0 {
		if err != nil {
			d.w.Log.Warn("count mentions to read again", "err", err)
		}
		return
	}
	const task = "Reading mentions again with the improved analyser"
	done, err := und.ReanalyzeOutdated(d.ctx, d.w.Store, func(done, total int) { d.tellProgress(task, done, total) })
	if err != nil && d.ctx.Err() == nil {
		d.w.Log.Warn("read mentions again", "err", err)
	}
	d.tellProgress(task, n, n)
	if done > 0 {
		d.changed()
	}
}
