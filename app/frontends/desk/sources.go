package desk

import (
	"os"

	"github.com/rapportapp/rapport/app/listening/monitor"
	"github.com/rapportapp/rapport/app/listening/presets"
)

// Sources lists the sources with their health.
func (d *Desk) Sources() ([]monitor.SourceView, error) { return d.e.Monitor.List() }

// AddSource checks and adds a source; a source added with a check gets its
// first mentions in the background.
func (d *Desk) AddSource(r monitor.AddRequest) (monitor.AddResult, error) {
	res, err := d.e.Monitor.Add(d.ctx, r)
	if err == nil && res.Source.ID != 0 && !r.NoCheck && res.Warning == "" {
		id := res.Source.ID
		d.spawn(func() { _, _ = d.e.Monitor.CheckNow(d.ctx, []uint64{id}, nil) })
	}
	return res, err
}

// UpdateSource saves edited settings of a source.
func (d *Desk) UpdateSource(id uint64, e monitor.Edit) error { return d.e.Monitor.Update(id, e) }

// RemoveSource stops watching a source; its mentions stay.
func (d *Desk) RemoveSource(id uint64) error { return d.e.Monitor.Delete(id) }

// CheckSources checks sources now (all enabled ones if ids is empty).
func (d *Desk) CheckSources(ids []uint64, progress func(monitor.Progress)) (monitor.Summary, error) {
	return d.e.Monitor.CheckNow(d.ctx, ids, progress)
}

// PreviewRule shows how a watch rule does on stored mentions.
func (d *Desk) PreviewRule(q string, sourceID uint64) (monitor.Preview, error) {
	return d.e.Monitor.PreviewRule(q, sourceID)
}

// ApplyRules re-evaluates a source's rules on its stored mentions.
func (d *Desk) ApplyRules(sourceID uint64) (int, int, error) {
	m, t, err := d.e.Monitor.ApplyRules(sourceID)
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
	return d.e.Monitor.ImportOPML(f)
}

// PreviewOPML says what importing an OPML file would add, adding nothing.
func (d *Desk) PreviewOPML(path string) (monitor.ImportPreview, error) {
	f, err := os.Open(path)
	if err != nil {
		return monitor.ImportPreview{}, err
	}
	defer f.Close()
	return d.e.Monitor.PreviewOPML(f)
}

// ExportOPML writes every source to an OPML file.
func (d *Desk) ExportOPML(path string) error {
	return writeFile(path, d.e.Monitor.ExportOPML)
}

// Presets lists the "listen for a keyword" presets.
func (d *Desk) Presets() []presets.Preset { return presets.All() }

// Listen adds sources for a keyword from the chosen presets and returns
// the names of those added.
func (d *Desk) Listen(keyword string, ids []string, in presets.Input) ([]string, []error) {
	added, errs := d.e.Monitor.Listen(keyword, ids, in)
	names := make([]string, len(added))
	for i, s := range added {
		names[i] = s.Name
	}
	return names, errs
}
