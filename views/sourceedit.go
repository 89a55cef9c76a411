package views

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/listening/monitor"
	"github.com/rapportapp/rapport/app/shared/human"
	"github.com/rapportapp/rapport/app/shared/query"
)

// Check intervals offered, as users read them.
var everyChoices = []struct {
	label string
	d     time.Duration
}{
	{"5 minutes", 5 * time.Minute},
	{"15 minutes", 15 * time.Minute},
	{"30 minutes", 30 * time.Minute},
	{"1 hour", time.Hour},
	{"6 hours", 6 * time.Hour},
	{"1 day", 24 * time.Hour},
}

// previewDelay waits for a pause in typing before previewing a rule.
const previewDelay = 300 * time.Millisecond

// sourceEditor edits the selected source: its settings and its watch rule
// with a live preview on what is stored.
type sourceEditor struct {
	sourceEditorDeps
	current monitor.SourceView
	typed   int // counts rule edits, so only the last one is previewed
	// extraEvery maps intervals shown that are not among everyChoices.
	extraEvery map[string]time.Duration

	title   *widget.Label
	kind    *widget.Label
	address *widget.Label
	health  *widget.Label
	name    *widget.Entry
	folder  *widget.Entry
	every   *widget.Select
	enabled *widget.Check
	rule    *widget.Entry
	preview *widget.Label
	form    fyne.CanvasObject
	none    fyne.CanvasObject
	content *fyne.Container
}

// sourceEditorDeps is what the source editor is built from.
type sourceEditorDeps struct {
	Env
	svc      SourcesService
	checkNow func(ids []uint64) // checks sources with progress
	// onSaved is told after a change to a source: the list reloads and
	// selects id (0: none, after a removal).
	onSaved func(id uint64)
}

func newSourceEditor(deps sourceEditorDeps) *sourceEditor {
	e := &sourceEditor{sourceEditorDeps: deps, extraEvery: map[string]time.Duration{}}
	e.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	e.title.Wrapping = fyne.TextWrapWord
	e.kind = widget.NewLabel("")
	e.address = widget.NewLabel("")
	e.address.Wrapping = fyne.TextWrapBreak
	e.address.Selectable = true
	e.health = widget.NewLabel("")
	e.health.Wrapping = fyne.TextWrapWord
	e.name = widget.NewEntry()
	e.folder = widget.NewEntry()
	e.folder.SetPlaceHolder("e.g. Social")
	labels := make([]string, len(everyChoices))
	for i, c := range everyChoices {
		labels[i] = c.label
	}
	e.every = widget.NewSelect(labels, nil)
	e.enabled = widget.NewCheck("Check this source", nil)
	e.rule = widget.NewMultiLineEntry()
	e.rule.SetPlaceHolder(`Keep only entries that match, e.g. "ember & oak" OR emberoak -candle`)
	e.rule.Wrapping = fyne.TextWrapWord
	e.rule.SetMinRowsVisible(3)
	e.rule.OnChanged = e.onRuleChanged
	e.preview = widget.NewLabel("")
	e.preview.Wrapping = fyne.TextWrapWord
	e.form = e.layout()
	hint := widget.NewLabel("Select a source to see its health and settings.")
	hint.Alignment = fyne.TextAlignCenter
	e.none = container.NewCenter(hint)
	e.content = container.NewStack(e.none)
	return e
}

func (e *sourceEditor) layout() fyne.CanvasObject {
	save := widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), e.onSave)
	save.Importance = widget.HighImportance
	apply := widget.NewButtonWithIcon("Apply to history", theme.HistoryIcon(), e.onApply)
	check := widget.NewButtonWithIcon("Check now", theme.ViewRefreshIcon(), func() { e.checkNow([]uint64{e.current.ID}) })
	remove := widget.NewButtonWithIcon("Remove…", theme.DeleteIcon(), e.onRemove)
	remove.Importance = widget.DangerImportance
	form := widget.NewForm(
		widget.NewFormItem("Name", e.name),
		widget.NewFormItem("Folder", e.folder),
		widget.NewFormItem("Check every", e.every),
		widget.NewFormItem("", e.enabled),
		widget.NewFormItem("Watch rule", e.rule),
		widget.NewFormItem("", e.preview),
	)
	buttons := container.NewHBox(save, apply, check, layoutSpacer(), remove)
	return container.NewVScroll(container.NewVBox(e.title, e.kind, e.address, e.health, widget.NewSeparator(), form, buttons))
}

func (e *sourceEditor) show(v monitor.SourceView) {
	e.refresh(v)
	e.name.SetText(v.Name)
	e.folder.SetText(v.Folder)
	e.showEvery(v.Every)
	e.enabled.SetChecked(!v.Disabled)
	e.rule.SetText(strings.Join(v.Rules, " OR "))
	e.typed++ // a preview still waiting is of the source before
	e.preview.SetText("")
	e.runPreview()
	e.content.Objects = []fyne.CanvasObject{e.form}
	e.content.Refresh()
}

// refresh shows a source's name, kind, address and health.
func (e *sourceEditor) refresh(v monitor.SourceView) {
	e.current = v
	e.title.SetText(v.Name)
	e.kind.SetText(kindLine(v))
	e.address.SetText(v.URL)
	e.health.SetText(healthInFull(v, time.Now()))
}

// update shows a newer read of the source being edited (after a check,
// or the screen shown again): a field the user changed keeps what was
// typed, one they did not shows the new read (a check may have paused
// the source meanwhile, and a save must not undo that).
func (e *sourceEditor) update(v monitor.SourceView) {
	old := e.current
	e.refresh(v)
	if e.name.Text == old.Name {
		e.name.SetText(v.Name)
	}
	if e.folder.Text == old.Folder {
		e.folder.SetText(v.Folder)
	}
	if e.every.Selected == everyLabel(old.Every) {
		e.showEvery(v.Every)
	}
	if e.enabled.Checked == !old.Disabled {
		e.enabled.SetChecked(!v.Disabled)
	}
	if rule := strings.Join(v.Rules, " OR "); e.rule.Text == strings.Join(old.Rules, " OR ") && e.rule.Text != rule {
		e.rule.SetText(rule)
	}
}

// unsaved reports whether a field differs from the source it shows. An
// empty name is no change: saving it keeps the name.
func (e *sourceEditor) unsaved() bool {
	v := e.current
	if v.ID == 0 {
		return false
	}
	name := strings.TrimSpace(e.name.Text)
	return (name != "" && name != strings.TrimSpace(v.Name)) ||
		strings.TrimSpace(e.folder.Text) != strings.TrimSpace(v.Folder) ||
		e.every.Selected != everyLabel(v.Every) ||
		e.enabled.Checked == v.Disabled ||
		strings.TrimSpace(e.rule.Text) != strings.TrimSpace(strings.Join(v.Rules, " OR "))
}

// showEvery selects a source's interval; one that is not among the
// choices (from an OPML file, say) joins them, in words.
func (e *sourceEditor) showEvery(d time.Duration) {
	label := everyLabel(d)
	if !slices.Contains(e.every.Options, label) {
		e.every.Options = append(e.every.Options, label)
		e.extraEvery[label] = d
	}
	e.every.SetSelected(label)
}

// kindLine: "Type: JSON Feed"; a source of no known kind is a plain
// web feed.
func kindLine(v monitor.SourceView) string {
	if v.Kind == "" {
		return "Type: web feed (RSS, Atom or JSON Feed)"
	}
	return "Type: " + human.Platform(v.Kind)
}

func (e *sourceEditor) clear() {
	e.current = monitor.SourceView{}
	e.content.Objects = []fyne.CanvasObject{e.none}
	e.content.Refresh()
}

// everyLabel writes an interval as the choices do: "15 minutes", "2
// hours", "1 day"; Go's "1m30s" only for an odd one under a minute.
func everyLabel(d time.Duration) string {
	for _, c := range everyChoices {
		if c.d == d {
			return c.label
		}
	}
	switch {
	case d <= 0:
		return everyChoices[1].label // the default, 15 minutes
	case d%(24*time.Hour) == 0:
		return human.Count(int(d/(24*time.Hour)), "day", "days")
	case d%time.Hour == 0:
		return human.Count(int(d/time.Hour), "hour", "hours")
	case d%time.Minute == 0:
		return human.Count(int(d/time.Minute), "minute", "minutes")
	}
	return d.String() // not a whole minute: "1m30s"
}

// everyOf reads a label back; 0 keeps the source's interval.
func (e *sourceEditor) everyOf(label string) time.Duration {
	for _, c := range everyChoices {
		if c.label == label {
			return c.d
		}
	}
	return e.extraEvery[label]
}

// onRuleChanged previews the rule once typing pauses.
func (e *sourceEditor) onRuleChanged(string) {
	e.typed++
	n := e.typed
	e.After(previewDelay, func() {
		if n == e.typed {
			e.runPreview()
		}
	})
}

// runPreview counts what the rule in the editor matches among the
// source's stored mentions.
func (e *sourceEditor) runPreview() {
	q, id := strings.TrimSpace(e.rule.Text), e.current.ID
	if q == "" {
		e.preview.SetText("No rule: every entry this source carries is kept.")
		return
	}
	e.Go(func() {
		p, err := e.svc.PreviewRule(q, id)
		fyne.Do(func() {
			if strings.TrimSpace(e.rule.Text) == q && e.current.ID == id {
				e.preview.SetText(previewText(p, err))
			}
		})
	})
}

func previewText(p monitor.Preview, err error) string {
	var se *query.SyntaxError
	switch {
	case errors.As(err, &se):
		return "The rule has a mistake at " + se.Error() + "."
	case err != nil:
		return "Could not preview: " + err.Error()
	case p.Total == 0:
		return "Nothing stored from this source yet to try the rule on."
	}
	text := fmt.Sprintf("Matches %s of the %s stored from this source.", human.Int(p.Matched), human.Count(p.Total, "item", "items"))
	for _, h := range p.Sample {
		text += "\n•  " + h
	}
	return text
}

func (e *sourceEditor) onSave() { e.save(nil) }

// save stores the fields, then runs then (if set) on the UI goroutine.
func (e *sourceEditor) save(then func()) {
	id, rule := e.current.ID, strings.TrimSpace(e.rule.Text)
	edit := monitor.Edit{
		Name: strings.TrimSpace(e.name.Text), Folder: strings.TrimSpace(e.folder.Text),
		Every: e.everyOf(e.every.Selected), Disabled: !e.enabled.Checked, Rule: &rule,
	}
	e.Go(func() {
		err := e.svc.UpdateSource(id, edit)
		onUI(err, e.OnError, func() {
			e.onSaved(e.current.ID)
			if then != nil {
				then()
			}
		})
	})
}

// onApply applies the saved watch rule to what the source stored. With
// changes not saved (a rule just typed, say), it asks to save them
// first: applying the rule shown, not saved, would say a rule was
// applied that is not the source's.
func (e *sourceEditor) onApply() {
	if !e.unsaved() {
		e.apply()
		return
	}
	showConfirm(e.Win, "Save your changes first?",
		"Apply to history uses the saved watch rule. Save the changes to "+e.current.Name+" and apply its rule then?",
		"Save and apply", func(ok bool) {
			if ok {
				e.save(e.apply)
			}
		})
}

func (e *sourceEditor) apply() {
	id, name := e.current.ID, e.current.Name
	e.Go(func() {
		matched, total, err := e.svc.ApplyRules(id)
		onUI(err, e.OnError, func() {
			showInfo(e.Win, "Rule applied", fmt.Sprintf("%s of the %s stored from %s match the saved rule; their highlights were updated.",
				human.Int(matched), human.Count(total, "item", "items"), name))
			e.onSaved(e.current.ID)
		})
	})
}

func (e *sourceEditor) onRemove() {
	id, name := e.current.ID, e.current.Name
	showConfirm(e.Win, "Remove "+name+"?", "Rapport will stop checking this source. The mentions it found stay in your inbox.", "Remove", func(ok bool) {
		if !ok {
			return
		}
		e.Go(func() {
			err := e.svc.RemoveSource(id)
			onUI(err, e.OnError, func() {
				e.onSaved(0)
			})
		})
	})
}
