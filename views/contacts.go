package views

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/people/advocates"
	"github.com/rapportapp/rapport/app/people/crm"
)

// Contacts lists the people who talk about the business, with their
// advocate score, and shows the selected one's page.
type Contacts struct {
	svc ContactsService
	Env
	onReply func(mentionID uint64) // opens the composer on a mention

	filter   crm.ListFilter
	rows     []crm.Row
	sums     []advocates.StageSum
	selected uint64
	typed    int

	list     *widget.List
	search   *widget.Entry
	sortSel  *widget.Select
	everyone *widget.Check
	suggest  *widget.Button
	count    *widget.Label
	page     *contactPage
	board    *fyne.Container
	left     *fyne.Container // the list or the board
	boardOn  bool
	content  fyne.CanvasObject
}

var sortChoices = []struct{ label, by string }{
	{"Score", crm.ByScore},
	{"Stage", crm.ByStage},
	{"Last contact", crm.ByLastContact},
	{"Balance", crm.ByBalance},
	{"Name", crm.ByName},
}

// ContactsDeps is what the contacts screen is built from.
type ContactsDeps struct {
	Env
	Svc ContactsService
	// OnReply opens the composer on a mention.
	OnReply func(mentionID uint64)
}

// NewContacts builds the contacts screen.
func NewContacts(deps ContactsDeps) *Contacts {
	c := &Contacts{Env: deps.Env, svc: deps.Svc, onReply: deps.OnReply, filter: crm.ListFilter{Sort: crm.ByScore}}
	c.list = widget.NewList(func() int { return len(c.rows) }, newContactRow, c.updateRow)
	c.list.OnSelected = c.onSelected
	c.count = widget.NewLabel("")
	c.count.TextStyle.Italic = true
	c.page = newContactPage(contactPageDeps{Env: deps.Env, svc: deps.Svc, onReply: deps.OnReply, onSaved: c.onPersonSaved})
	c.board = container.NewHBox()
	c.left = container.NewStack(container.NewBorder(c.count, nil, nil, nil, c.list))
	split := container.NewHSplit(c.left, c.page.content)
	split.SetOffset(0.42)
	c.content = container.NewBorder(c.toolbar(), nil, nil, nil, split)
	return c
}

// Content is the screen's root object.
func (c *Contacts) Content() fyne.CanvasObject { return c.content }

// onPersonSaved reloads the list after a change to a person, selecting id.
func (c *Contacts) onPersonSaved(id uint64) {
	c.selected = id
	c.Reload()
}

func (c *Contacts) toolbar() fyne.CanvasObject {
	c.search = widget.NewEntry()
	c.search.SetPlaceHolder("Find a person, company or handle")
	c.search.OnChanged = func(string) {
		c.typed++
		n := c.typed
		c.After(previewDelay, func() {
			if n == c.typed {
				c.filter.Text = c.search.Text
				c.Reload()
			}
		})
	}
	labels := make([]string, len(sortChoices))
	for i, s := range sortChoices {
		labels[i] = s.label
	}
	c.sortSel = widget.NewSelect(labels, c.onSort)
	c.sortSel.SetSelected(labels[0])
	c.everyone = widget.NewCheck("Everyone who wrote", func(on bool) { c.filter.Everyone = on; c.Reload() })
	board := widget.NewCheck("Board by stage", func(on bool) { c.boardOn = on; c.render() })
	add := widget.NewButtonWithIcon("New contact…", theme.ContentAddIcon(), func() { c.page.edit(crm.Details{}) })
	c.suggest = widget.NewButtonWithIcon("Merge suggestions", theme.ContentCopyIcon(), c.onSuggestions)
	imp := widget.NewButtonWithIcon("Import…", theme.FolderOpenIcon(), c.onImport)
	exp := widget.NewButtonWithIcon("Export…", theme.DocumentSaveIcon(), c.onExport)
	return container.NewVBox(
		container.NewBorder(nil, nil, nil, c.sortSel, c.search),
		newFlow(c.everyone, board, add, c.suggest, imp, exp),
	)
}

func (c *Contacts) onSort(label string) {
	for _, s := range sortChoices {
		if s.label == label && s.by != c.filter.Sort {
			c.filter.Sort = s.by
			c.Reload()
		}
	}
}

// Reload reads the people again in the background.
func (c *Contacts) Reload() {
	f := c.filter
	c.Go(func() {
		rows, err := c.svc.Contacts(f)
		sgs, _ := c.svc.MergeSuggestions()
		sums, _ := c.svc.StageSums()
		onUI(err, c.OnError, func() {
			c.rows, c.sums = rows, sums
			c.suggest.SetText(fmt.Sprintf("Merge suggestions (%d)", len(sgs)))
			c.render()
		})
	})
}

func (c *Contacts) render() {
	c.count.SetText(fmt.Sprintf("%d people", len(c.rows)))
	c.list.Refresh()
	if c.boardOn {
		c.left.Objects = []fyne.CanvasObject{container.NewHScroll(c.buildBoard())}
	} else {
		c.left.Objects = []fyne.CanvasObject{container.NewBorder(c.count, nil, nil, nil, c.list)}
	}
	c.left.Refresh()
	for i, r := range c.rows {
		if r.ID == c.selected {
			c.list.Select(i)
			return
		}
	}
	if len(c.rows) > 0 && c.selected == 0 {
		c.list.Select(0)
	}
	if len(c.rows) == 0 {
		c.page.empty()
	}
}

func (c *Contacts) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= 0 && i < len(c.rows) {
		o.(*contactRow).set(c.rows[i], time.Now())
	}
}

func (c *Contacts) onSelected(i widget.ListItemID) {
	if i >= 0 && i < len(c.rows) {
		c.open(c.rows[i].ID)
	}
}

// open shows a person's page.
func (c *Contacts) open(id uint64) {
	c.selected = id
	c.page.load(id)
}

// buildBoard groups the people by stage, one column per rung of the ladder
// and one for people without a stage.
func (c *Contacts) buildBoard() fyne.CanvasObject {
	cols := container.NewHBox()
	stages := append([]string{""}, stageNames()...)
	for _, st := range stages {
		title := st
		if title == "" {
			title = "no stage"
		}
		for _, sum := range c.sums {
			if string(sum.Stage) == st && st != "" {
				title += fmt.Sprintf(" · %d · %s", sum.People, money(sum.Value))
			}
		}
		col := container.NewVBox(widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, r := range c.rows {
			if stageOf(r.Stage) != st {
				continue
			}
			id, name := r.ID, fmt.Sprintf("%s (%.0f)", r.Name, r.Score)
			col.Add(widget.NewButton(name, func() { c.open(id) }))
		}
		cols.Add(col)
	}
	return cols
}

func stageNames() []string {
	var out []string
	for _, s := range advocates.Stages() {
		out = append(out, string(s))
	}
	return out
}

// stageOf maps a stage label to a rung of the ladder ("" for none; custom
// labels that are not aliases count as none).
func stageOf(label string) string {
	if st, ok := advocates.ParseStage(label); ok {
		return string(st)
	}
	return ""
}
