package views

import (
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/people/advocates"
	"github.com/rapportapp/rapport/app/people/crm"
	"github.com/rapportapp/rapport/app/shared/human"
)

// Contacts lists the people who talk about the business, with their
// advocate score, and shows the selected one's page.
type Contacts struct {
	svc ContactsService
	Env
	onReply func(mentionID uint64) // opens the composer on a mention

	filter   crm.ListFilter
	rows     []crm.Row // as listed: people being erased are left out
	selected uint64
	typed    int
	erasing  map[uint64]bool // erases held while their Undo is offered

	list        *widget.List
	search      *keyEntry
	sortSel     *widget.Select
	everyone    *widget.Check
	boardToggle *widget.Check
	suggest     *widget.Button
	count       *widget.Label
	page        *contactPage
	split       *container.Split
	body        *fyne.Container // the list and page, the board, or what to do when empty
	undo        *fyne.Container // where Undo is offered (undo.go)
	boardOn     bool
	content     fyne.CanvasObject

	loads   int            // Reload calls: only the last one's answer is shown
	shown   crm.ListFilter // the filter c.rows answer
	loading bool           // the list for c.filter is being read, and c.rows answer another (or none)
	failed  error          // why the last read of the list failed (c.rows are then empty)
	busy    *widget.ProgressBarInfinite
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
	c := &Contacts{Env: deps.Env, svc: deps.Svc, onReply: deps.OnReply, filter: crm.ListFilter{Sort: crm.ByScore}, erasing: map[uint64]bool{}, loading: true}
	c.busy = widget.NewProgressBarInfinite()
	c.busy.Stop()
	c.list = widget.NewList(func() int { return len(c.rows) }, newContactRow, c.updateRow)
	c.list.OnSelected = c.onSelected
	c.count = widget.NewLabel("")
	c.count.TextStyle.Italic = true
	c.count.Wrapping = fyne.TextWrapWord
	c.page = newContactPage(contactPageDeps{Env: deps.Env, svc: deps.Svc, onReply: deps.OnReply, onSaved: c.onPersonSaved, erase: c.holdErase})
	c.split = container.NewHSplit(container.NewBorder(c.count, nil, nil, nil, c.list), c.page.content)
	c.split.SetOffset(0.42)
	c.body = container.NewStack(c.split)
	c.undo = newUndoHost()
	c.content = container.NewBorder(c.toolbar(), nil, nil, nil, withUndo(c.body, c.undo))
	c.render() // "Reading your contacts…" until the first answer, not an empty list
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
	c.search = newEntry()
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
	c.search.OnSubmitted = func(string) { c.filter.Text = c.search.Text; c.Reload() }
	labels := make([]string, len(sortChoices))
	for i, s := range sortChoices {
		labels[i] = s.label
	}
	c.sortSel = widget.NewSelect(labels, c.onSort)
	c.sortSel.SetSelected(labels[0])
	c.everyone = widget.NewCheck("Everyone who wrote", func(on bool) { c.filter.Everyone = on; c.Reload() })
	c.boardToggle = widget.NewCheck("Board by stage", func(on bool) { c.boardOn = on; c.render() })
	add := widget.NewButtonWithIcon("New contact…", theme.ContentAddIcon(), func() { c.page.edit(crm.Details{}) })
	c.suggest = widget.NewButtonWithIcon("Merge suggestions", theme.ContentCopyIcon(), c.onSuggestions)
	imp := widget.NewButtonWithIcon("Import…", theme.FolderOpenIcon(), c.onImport)
	exp := widget.NewButtonWithIcon("Export…", theme.DocumentSaveIcon(), c.onExport)
	return container.NewVBox(
		container.NewBorder(nil, nil, nil, c.sortSel, c.search),
		newFlow(c.everyone, c.boardToggle, add, c.suggest, imp, exp),
	)
}

func (c *Contacts) onSort(label string) {
	for _, s := range sortChoices {
		if s.label != label || s.by == c.filter.Sort {
			continue
		}
		c.filter.Sort = s.by
		if c.loading || c.failed != nil || !sameList(c.filter, c.shown) {
			c.Reload()
			return
		}
		// The people on screen, in the new order, without reading them
		// again: at a million mentions everyone who wrote took seconds to
		// read, with the old order under the new sort's name meanwhile.
		// Sorting 160,000 rows takes a quarter of a second: in the
		// background, like a read, and dropped when a later one overtakes it.
		c.loads++
		n, f, rows := c.loads, c.filter, slices.Clone(c.rows)
		c.Go(func() {
			crm.SortRows(rows, f.Sort)
			fyne.Do(func() {
				if n != c.loads {
					return // a later sort or read is on its way
				}
				c.rows, c.shown = rows, f
				c.render()
			})
		})
		return
	}
}

// Reload reads the people again in the background.
//
// Until the people for a new filter arrive (everyone who wrote takes a
// while in a large workspace), the screen says it is reading them instead
// of showing the old list or "No contacts yet"; an answer overtaken by a
// later Reload is dropped.
func (c *Contacts) Reload() {
	c.loads++
	n, f := c.loads, c.filter
	if c.failed != nil || !sameList(f, c.shown) {
		// Also when a read is already under way (the first one, say): the
		// message follows the filter ("Reading everyone who wrote…").
		c.loading, c.failed = true, nil
		c.render()
	}
	c.Go(func() {
		rows, err := c.svc.Contacts(f)
		sgs, _ := c.svc.MergeSuggestions()
		onUI(err, func(err error) {
			if n != c.loads {
				return // a later Reload's answer is on its way
			}
			// Said in the list's place, with Try again, not in a dialog over
			// a search being typed; not the old list under the new filter,
			// nor "nobody".
			slog.Error("read the contacts", "err", err)
			c.rows, c.shown, c.loading, c.failed = nil, f, false, err
			c.render()
		}, func() {
			if n != c.loads {
				return // a later Reload's answer is on its way
			}
			c.rows = slices.DeleteFunc(rows, func(r crm.Row) bool { return c.erasing[r.ID] })
			c.shown, c.loading, c.failed = f, false, nil
			c.suggest.SetText(fmt.Sprintf("Merge suggestions (%d)", len(sgs)))
			c.render()
		})
	})
}

// sameList reports whether two filters list the same people (in any
// order).
func sameList(a, b crm.ListFilter) bool {
	return a.Everyone == b.Everyone && a.Text == b.Text && a.Stage == b.Stage
}

func (c *Contacts) render() {
	c.count.SetText(human.Count(len(c.rows), "person", "people") + " · advocate scores, out of 100, at the right")
	c.list.Refresh()
	if c.loading || c.failed != nil {
		c.body.Objects = []fyne.CanvasObject{c.loadingState()}
		c.body.Refresh()
		if c.loading {
			c.busy.Start()
		} else {
			c.busy.Stop()
		}
		return
	}
	c.busy.Stop()
	switch {
	case len(c.rows) == 0:
		c.body.Objects = []fyne.CanvasObject{c.emptyState()}
	case c.boardOn:
		c.body.Objects = []fyne.CanvasObject{c.buildBoard()}
	default:
		c.body.Objects = []fyne.CanvasObject{c.split}
	}
	c.body.Refresh()
	for i, r := range c.rows {
		if r.ID == c.selected {
			c.list.Select(i)
			return
		}
	}
	if len(c.rows) > 0 {
		c.list.UnselectAll()
		c.list.Select(0)
		return
	}
	c.selected = 0
	c.page.empty()
}

// loadingState says what is being read while the list is, or why it
// could not be, with a way to try again.
func (c *Contacts) loadingState() fyne.CanvasObject {
	if c.failed != nil {
		msg := widget.NewLabelWithStyle("The people could not be read: "+c.failed.Error(), fyne.TextAlignCenter, fyne.TextStyle{})
		msg.Wrapping = fyne.TextWrapWord
		again := widget.NewButtonWithIcon("Try again", theme.ViewRefreshIcon(), c.Reload)
		return container.NewCenter(container.NewVBox(msg, container.NewCenter(again)))
	}
	text := "Reading your contacts…"
	switch {
	case strings.TrimSpace(c.filter.Text) != "":
		text = "Looking for \u201c" + strings.TrimSpace(c.filter.Text) + "\u201d…"
	case c.filter.Everyone:
		text = "Reading everyone who wrote about you and working out their scores…\nIn a large workspace this takes a while; the rest of Rapport can be used meanwhile."
	}
	msg := widget.NewLabelWithStyle(text, fyne.TextAlignCenter, fyne.TextStyle{})
	return container.NewCenter(container.NewVBox(msg, c.busy))
}

// emptyState says why nobody is listed and what to do.
func (c *Contacts) emptyState() fyne.CanvasObject {
	title := "No contacts yet"
	text := "Contacts are the people you keep up with: advocates, customers, the press.\n" +
		"Rapport meets everyone who writes about you in your sources: tick Everyone who wrote\n" +
		"to see them, and make the ones who matter contacts. Or add someone with New contact…,\n" +
		"or bring in your address book with Import… (a vCard .vcf or a .csv file)."
	var buttons []fyne.CanvasObject
	switch {
	case strings.TrimSpace(c.filter.Text) != "":
		title = "Nobody matches \u201c" + strings.TrimSpace(c.filter.Text) + "\u201d"
		text = "The search looks in names, companies and handles."
		if !c.filter.Everyone {
			text += "\nTick Everyone who wrote to search the people who are not contacts yet too."
		}
		buttons = append(buttons, widget.NewButtonWithIcon("Clear the search", theme.ContentClearIcon(), func() { c.search.SetText("") }))
	case c.filter.Everyone:
		title = "No one has written about you yet"
		text = "People appear here when Rapport finds their posts in your sources.\n" +
			"Add sources under Sources, or add someone you know with New contact…"
		buttons = append(buttons, widget.NewButtonWithIcon("New contact…", theme.ContentAddIcon(), func() { c.page.edit(crm.Details{}) }))
	default:
		everyone := widget.NewButtonWithIcon("Show everyone who wrote", theme.AccountIcon(), func() { c.everyone.SetChecked(true) })
		everyone.Importance = widget.HighImportance
		buttons = append(buttons, everyone,
			widget.NewButtonWithIcon("New contact…", theme.ContentAddIcon(), func() { c.page.edit(crm.Details{}) }),
			widget.NewButtonWithIcon("Import…", theme.FolderOpenIcon(), c.onImport))
	}
	head := widget.NewLabelWithStyle(title, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	msg := widget.NewLabel(text)
	msg.Alignment = fyne.TextAlignCenter
	return container.NewCenter(container.NewVBox(head, msg, container.NewCenter(container.NewHBox(buttons...))))
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

func stageNames() []string {
	var out []string
	for _, s := range advocates.Stages() {
		out = append(out, string(s))
	}
	return out
}
