package views

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/listening/monitor"
	"github.com/rapportapp/rapport/app/shared/human"
)

// Sources lists the feeds Rapport watches with their health, and edits
// the selected one.
type Sources struct {
	svc SourcesService
	Env
	onNews func() // mentions may have changed

	items    []monitor.SourceView
	selected uint64

	list    *widget.List
	count   *widget.Label
	editor  *sourceEditor
	body    *fyne.Container
	split   *container.Split
	empty   fyne.CanvasObject
	content fyne.CanvasObject
}

// SourcesDeps is what the sources screen is built from.
type SourcesDeps struct {
	Env
	Svc SourcesService
	// OnNews is told that mentions may have changed (a check stored some).
	OnNews func()
}

// NewSources builds the sources screen.
func NewSources(deps SourcesDeps) *Sources {
	s := &Sources{Env: deps.Env, svc: deps.Svc, onNews: deps.OnNews}
	s.list = widget.NewList(func() int { return len(s.items) }, newSourceRow, s.updateRow)
	s.list.OnSelected = s.onSelected
	s.count = widget.NewLabel("")
	s.count.TextStyle.Italic = true
	s.editor = newSourceEditor(sourceEditorDeps{Env: deps.Env, svc: deps.Svc, checkNow: s.checkNow, onSaved: s.onSourceSaved})
	s.split = container.NewHSplit(container.NewBorder(s.count, nil, nil, nil, s.list), s.editor.content)
	s.split.SetOffset(0.45)
	s.empty = s.emptyState()
	s.body = container.NewStack(s.split)
	s.content = container.NewBorder(s.toolbar(), nil, nil, nil, s.body)
	return s
}

// Content is the screen's root object.
func (s *Sources) Content() fyne.CanvasObject { return s.content }

func (s *Sources) toolbar() fyne.CanvasObject {
	add := widget.NewButtonWithIcon("Add source…", theme.ContentAddIcon(), s.onAdd)
	add.Importance = widget.HighImportance
	listen := widget.NewButtonWithIcon("Listen for a keyword…", theme.SearchIcon(), s.onListen)
	check := widget.NewButtonWithIcon("Check now", theme.ViewRefreshIcon(), func() { s.checkNow(nil) })
	imp := widget.NewButtonWithIcon("Import OPML…", theme.FolderOpenIcon(), s.onImport)
	exp := widget.NewButtonWithIcon("Export OPML…", theme.DocumentSaveIcon(), s.onExport)
	return container.NewHBox(add, listen, check, imp, exp)
}

// Reload reads the sources again in the background.
func (s *Sources) Reload() {
	s.Go(func() {
		items, err := s.svc.Sources()
		fyne.Do(func() { s.apply(items, err) })
	})
}

func (s *Sources) apply(items []monitor.SourceView, err error) {
	if err != nil {
		s.OnError(err)
		return
	}
	s.items = items
	s.count.SetText(sourceCount(items))
	if len(items) == 0 {
		s.body.Objects = []fyne.CanvasObject{s.empty}
	} else {
		s.body.Objects = []fyne.CanvasObject{s.split}
	}
	s.body.Refresh()
	s.list.Refresh()
	// The list keeps the index it had selected, which may now be another
	// source's, and Select does nothing for it: selecting anew always
	// reaches onSelected, which shows a newer read of the source shown
	// (keeping changes not saved), or another source (asking first).
	s.list.UnselectAll()
	for i, it := range items {
		if it.ID == s.selected {
			s.list.ScrollTo(i)
			s.list.Select(i)
			return
		}
	}
	s.editor.clear() // the source edited is gone: nothing of it to keep
	if len(items) > 0 {
		s.list.ScrollToTop()
		s.list.Select(0)
	}
}

// showSource shows a source in the editor; a newer read of the one being
// edited with changes not saved leaves the changes (editor.update).
func (s *Sources) showSource(v monitor.SourceView) {
	if v.ID == s.editor.current.ID && s.editor.unsaved() {
		s.editor.update(v)
		return
	}
	s.editor.show(v)
}

// unsavedChanges names the source whose changes in the editor are not
// saved, for the question before quitting.
func (s *Sources) unsavedChanges() []string {
	if !s.editor.unsaved() {
		return nil
	}
	return []string{"the source “" + s.editor.current.Name + "”"}
}

func sourceCount(items []monitor.SourceView) string {
	failing, paused := 0, 0
	for _, it := range items {
		switch {
		case it.Disabled:
			paused++
		case it.Health.LastError != "":
			failing++
		}
	}
	text := human.Count(len(items), "source", "sources")
	if failing > 0 {
		text += " · " + human.Int(failing) + " failing"
	}
	if paused > 0 {
		text += " · " + human.Int(paused) + " paused"
	}
	return text
}

func (s *Sources) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= 0 && i < len(s.items) {
		o.(*sourceRow).set(s.items[i], time.Now())
	}
}

// onSelected shows the source picked in the list. With changes to the
// one shown not saved, it asks first; Cancel selects that one again.
func (s *Sources) onSelected(i widget.ListItemID) {
	if i < 0 || i >= len(s.items) {
		return
	}
	v, cur := s.items[i], s.editor.current
	if v.ID == cur.ID || !s.editor.unsaved() {
		s.selected = v.ID
		s.showSource(v)
		return
	}
	showConfirm(s.Win, "Discard your changes to "+cur.Name+"?", discardMessage, "Discard", func(discard bool) {
		// The list may have been read again meanwhile (a check): select
		// by id, anew, so that the list and the editor agree.
		id := cur.ID
		if discard {
			s.editor.clear() // nothing to keep: onSelected shows v
			id = v.ID
		}
		for j, it := range s.items {
			if it.ID == id {
				s.list.UnselectAll()
				s.list.Select(j)
				return
			}
		}
	})
}

func (s *Sources) emptyState() fyne.CanvasObject {
	title := widget.NewLabelWithStyle("No sources yet", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	msg := widget.NewLabel("Sources are the feeds Rapport checks for mentions of your business.\n" +
		"Start with \"Listen for a keyword\": type your business's name and pick where to listen.")
	msg.Alignment = fyne.TextAlignCenter
	btn := widget.NewButtonWithIcon("Listen for a keyword…", theme.SearchIcon(), s.onListen)
	btn.Importance = widget.HighImportance
	return container.NewCenter(container.NewVBox(title, msg, container.NewCenter(btn)))
}

// healthText says in a line how a source is doing: the list shows it.
func healthText(v monitor.SourceView, now time.Time) (string, fyne.ThemeColorName) {
	h := v.Health
	switch {
	case v.Disabled:
		short, _ := v.PauseNote()
		return short, colorNameMuted
	case h.LastError != "":
		return sentence(h.LastError), colorNameNegative
	case h.LastCheck.IsZero():
		return "Not checked yet", colorNameMuted
	}
	text := "Checked " + human.Ago(h.LastCheck, now) + " · " + human.Count(h.Items, "item", "items")
	if !h.NextCheck.IsZero() && h.NextCheck.After(now) {
		text += " · next in " + human.Age(now, h.NextCheck)
	}
	return text, colorNamePositive
}

// healthInFull says how a source is doing with what to do about it: the
// editor shows it.
func healthInFull(v monitor.SourceView, now time.Time) string {
	if v.Disabled {
		_, long := v.PauseNote()
		return long
	}
	h := v.Health
	if h.LastError == "" {
		text, _ := healthText(v, now)
		return text
	}
	text := "The last check, " + human.Ago(h.LastCheck, now) + ", failed: " + sentence(h.LastError) + "."
	if h.Failures > 1 {
		text += " That is " + human.Int(h.Failures) + " failures in a row, so Rapport waits longer between tries."
	}
	if !h.NextCheck.IsZero() && h.NextCheck.After(now) {
		text += " Next try in " + human.Age(now, h.NextCheck) + "."
	}
	return text
}

// onSourceSaved reloads the list after a change to a source, selecting id.
func (s *Sources) onSourceSaved(id uint64) {
	s.selected = id
	s.Reload()
}
