package views

import (
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/human"
	"github.com/rapportapp/rapport/app/inbox"
)

// rowPage is how many rows are loaded at once as the list scrolls.
const rowPage = 64

// Inbox lists mentions newest first next to the selected one's detail.
// The list is virtualised: it holds only ids, and loads row models a page
// at a time for the rows that come into view.
type Inbox struct {
	svc     InboxService
	onError func(error)
	onEmpty func()

	filter   inbox.Filter
	ids      []uint64
	rows     map[uint64]inbox.Row
	pending  map[int]bool // pages being loaded
	loaded   bool
	selected uint64

	list      *widget.List
	sortSel   *widget.Select
	intentSel *widget.Select
	moodSel   *widget.Select
	detail    *Detail
	count     *widget.Label
	body      *fyne.Container // the split view or the empty state
	split     *container.Split
	empty     fyne.CanvasObject
	content   fyne.CanvasObject
}

// NewInbox builds the inbox screen. onEmpty is offered to the user as the
// first step when there are no mentions.
func NewInbox(svc InboxService, win fyne.Window, onError func(error), onEmpty func()) *Inbox {
	in := &Inbox{svc: svc, onError: onError, onEmpty: onEmpty, rows: map[uint64]inbox.Row{}, pending: map[int]bool{},
		filter: inbox.Filter{Sort: inbox.SortPriority}}
	in.list = widget.NewList(in.length, newInboxRow, in.updateRow)
	in.list.OnSelected = in.onSelected
	in.detail = NewDetail(svc, win, onError, in.onCorrected)
	in.count = widget.NewLabel("")
	in.count.TextStyle.Italic = true
	top := container.NewVBox(in.toolbar(), in.count)
	in.split = container.NewHSplit(container.NewBorder(top, nil, nil, nil, in.list), in.detail.Content())
	in.split.SetOffset(0.45)
	in.empty = in.emptyState()
	in.body = container.NewStack(in.split)
	in.content = in.body
	return in
}

// Content is the screen's root object.
func (in *Inbox) Content() fyne.CanvasObject { return in.content }

// Reload fetches the list of mentions again, in the background.
func (in *Inbox) Reload() {
	f := in.filter
	goAsync(func() {
		ids, err := in.svc.List(f, time.Now())
		fyne.Do(func() { in.applyIDs(ids, err) })
	})
}

func (in *Inbox) applyIDs(ids []uint64, err error) {
	if err != nil {
		in.onError(err)
		return
	}
	in.ids, in.loaded = ids, true
	in.rows, in.pending = map[uint64]inbox.Row{}, map[int]bool{}
	in.count.SetText(countText(len(ids), in.filter))
	if len(ids) == 0 && in.filter.Intent == "" && in.filter.Polarity == "" {
		in.body.Objects = []fyne.CanvasObject{in.empty}
	} else {
		in.body.Objects = []fyne.CanvasObject{in.split}
	}
	in.body.Refresh()
	in.list.Refresh()
	in.list.UnselectAll()
	if i := slices.Index(ids, in.selected); i >= 0 {
		in.list.Select(i)
		in.list.ScrollTo(i)
	} else if len(ids) > 0 {
		in.list.Select(0)
		in.list.ScrollToTop()
	}
}

func countText(n int, f inbox.Filter) string {
	order := "newest first"
	if f.Sort == inbox.SortPriority {
		order = "most important first"
	}
	switch n {
	case 0:
		if f.Intent != "" || f.Polarity != "" {
			return "No mentions match these filters."
		}
		return ""
	case 1:
		return "1 mention"
	}
	return human.Int(n) + " mentions, " + order
}

// onCorrected reloads one row after the owner corrected its reading.
func (in *Inbox) onCorrected(id uint64) {
	delete(in.rows, id)
	if i := slices.Index(in.ids, id); i >= 0 {
		in.list.RefreshItem(i)
	}
}

func (in *Inbox) length() int { return len(in.ids) }

func (in *Inbox) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	row := o.(*inboxRow)
	if i < 0 || i >= len(in.ids) {
		return
	}
	r, ok := in.rows[in.ids[i]]
	if !ok {
		row.setLoading()
		in.loadPage(i / rowPage)
		return
	}
	row.set(r, time.Now())
}

// loadPage loads the row models of one page off the UI goroutine.
func (in *Inbox) loadPage(p int) {
	if in.pending[p] {
		return
	}
	in.pending[p] = true
	start := p * rowPage
	ids := append([]uint64(nil), in.ids[start:min(start+rowPage, len(in.ids))]...)
	goAsync(func() {
		rows, err := in.svc.Rows(ids)
		fyne.Do(func() { in.applyRows(p, rows, err) })
	})
}

func (in *Inbox) applyRows(p int, rows []inbox.Row, err error) {
	delete(in.pending, p)
	if err != nil {
		in.onError(err)
		return
	}
	for _, r := range rows {
		in.rows[r.ID] = r
	}
	start := p * rowPage
	for i := start; i < min(start+rowPage, len(in.ids)); i++ {
		in.list.RefreshItem(i)
	}
}

func (in *Inbox) onSelected(i widget.ListItemID) {
	if i < 0 || i >= len(in.ids) {
		return
	}
	in.selected = in.ids[i]
	in.detail.Show(in.selected)
}

func (in *Inbox) emptyState() fyne.CanvasObject {
	title := widget.NewLabelWithStyle("Your inbox is empty", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	msg := widget.NewLabel("Mentions of your business appear here as Rapport finds them.\n" +
		"Add the feeds to watch in Sources, or try the sample workspace to see Rapport at work.")
	msg.Alignment = fyne.TextAlignCenter
	msg.Wrapping = fyne.TextWrapWord
	btn := widget.NewButtonWithIcon("Try the sample workspace", theme.DownloadIcon(), func() {
		if in.onEmpty != nil {
			in.onEmpty()
		}
	})
	btn.Importance = widget.HighImportance
	return container.NewCenter(container.NewVBox(title, msg, container.NewCenter(btn)))
}
