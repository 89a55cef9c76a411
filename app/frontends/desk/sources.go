package desk

import (
	"os"
	"time"

	"github.com/rapportapp/rapport/app/listening/monitor"
	"github.com/rapportapp/rapport/app/listening/presets"
)

// Sources lists the sources with their health.
func (d *Desk) Sources() ([]monitor.SourceView, error) { return d.mon.List() }

// AddSource checks and adds a source (see monitor.Service.Add).
func (d *Desk) AddSource(r monitor.AddRequest) (monitor.AddResult, error) {
	res, err := d.mon.Add(d.ctx, r)
	if err == nil && res.Source.ID != 0 && !r.NoCheck && res.Warning == "" {
		go func() { _, _ = d.mon.CheckNow(d.ctx, []uint64{res.Source.ID}, nil) }() // its first mentions, in the background
	}
	return res, err
}

// UpdateSource saves edited settings of a source.
func (d *Desk) UpdateSource(id uint64, e monitor.Edit) error { return d.mon.Update(id, e) }

// RemoveSource stops watching a source; its mentions stay.
func (d *Desk) RemoveSource(id uint64) error { return d.mon.Delete(id) }

// CheckSources checks sources now (all enabled ones if ids is empty).
func (d *Desk) CheckSources(ids []uint64, progress func(monitor.Progress)) (monitor.Summary, error) {
	return d.mon.CheckNow(d.ctx, ids, progress)
}

// PreviewRule shows how a watch rule does on stored mentions.
func (d *Desk) PreviewRule(q string, sourceID uint64) (monitor.Preview, error) {
	return d.mon.PreviewRule(q, sourceID)
}

// ApplyRules re-evaluates a source's rules on its stored mentions.
func (d *Desk) ApplyRules(sourceID uint64) (int, int, error) {
	m, t, err := d.mon.ApplyRules(sourceID)
	if err == nil {
		d.changed()
	}
	return m, t, err
}

// ImportOPML adds the feeds of an OPML file.
func (d *Desk) ImportOPML(path string) (monitor.ImportResult, error) {
	f, err := os.Open(path)
	if err != nil {
		return monitor.ImportResult{}, err
	}
	defer f.Close()
	return d.mon.ImportOPML(f)
}

// ExportOPML writes every source to an OPML file.
func (d *Desk) ExportOPML(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := d.mon.ExportOPML(f); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}

// Presets lists the "listen for a keyword" presets.
func (d *Desk) Presets() []presets.Preset { return presets.All() }

// Listen adds sources for a keyword from the chosen presets and returns
// the names of those added.
func (d *Desk) Listen(keyword string, ids []string, in presets.Input) ([]string, []error) {
	added, errs := d.mon.Listen(keyword, ids, in)
	names := make([]string, len(added))
	for i, s := range added {
		names[i] = s.Name
	}
	return names, errs
}

// StartPolling checks due sources, and wakes snoozed mentions, in the
// background until StopPolling.
func (d *Desk) StartPolling() {
	d.pollWG.Add(2)
	go func() {
		defer d.pollWG.Done()
		d.mon.Run(d.ctx)
	}()
	go func() {
		defer d.pollWG.Done()
		d.every(time.Minute, d.wake)
	}()
}

// wake brings back snoozed mentions whose time has come and announces
// follow-ups that fell due.
func (d *Desk) wake() {
	d.announceDue()
	if n, err := d.Service.Wake(time.Now()); err != nil {
		d.w.Log.Warn("wake snoozed mentions", "err", err)
	} else if n > 0 {
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

// StopPolling stops the background checks and waits for them to end, so
// the store can be closed safely.
func (d *Desk) StopPolling() {
	d.cancel()
	d.pollWG.Wait()
}
