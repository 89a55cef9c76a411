package views

import (
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/interacting/inbox"
	"github.com/rapportapp/rapport/app/interacting/search"
	"github.com/rapportapp/rapport/app/shared/human"
)

// rowPage is how many rows are loaded at once as the list scrolls.
const rowPage = 64

// Inbox lists mentions newest first next to the selected one's detail.
// The list is virtualised: it holds only ids, and loads row models a page
// at a time for the rows that come into view.
type Inbox struct {
	InboxDeps

	filter   inbox.Filter // what the toolbar adds to the view
	view     inbox.View   // the saved view shown
	views    []inbox.View
	counts   []inbox.Count
	marked   map[uint64]bool // rows ticked for a bulk action
	ids      []uint64        // the listing's ids loaded so far, in order
	next     *inbox.Cursor   // where the listing goes on (nil: all loaded)
	total    int             // how many the listing has (-1: not known)
	more     bool            // the filter selects more than the listing holds (a query's newest 10,000)
	listed   inbox.Filter    // the filter the listing was asked with
	fetching bool            // more ids are being loaded
	fetchSeq int             // the listSeq those ids are loaded for
	rows     map[uint64]inbox.Row
	pending  map[int]bool // pages being loaded
	loaded   bool
	listSeq  int // counts reloads, so a slow older answer never overwrites a newer one
	selected uint64
	typed    int // counts search edits, so only the last is run

	// keep is the open mention that the listing being applied need not
	// read again: a change to other mentions (archive, assign, snooze)
	// opened it just before, and that change cannot alter what its detail
	// shows (set only while afterChange applies its own listing).
	keep uint64

	// viewsBusy: the views' counts are being read; viewsAgain: something
	// changed meanwhile, so they are read once more when that ends.
	viewsBusy, viewsAgain bool

	list      *keyList
	viewList  *widget.List
	search    *keyEntry
	searchErr *widget.Label // why the search box's query cannot run yet
	bulk      *fyne.Container
	bulkLabel *widget.Label
	sortSel   *widget.Select
	intentSel *widget.Select
	moodSel   *widget.Select
	detail    *Detail
	composer  *composer       // the composer opened last
	undoHost  *fyne.Container // where a change offers its Undo
	count     *widget.Label
	notes     *widget.Button // matching notes of interactions
	notesHits []search.InteractionHit
	body      *fyne.Container // the split view or the empty state
	split     *container.Split
	empty     fyne.CanvasObject
	content   fyne.CanvasObject
}

// InboxDeps is what the inbox screen is built from.
type InboxDeps struct {
	Env
	Svc     InboxService
	Replies ReplyService   // the composer's; nil leaves Reply inert
	Routing RoutingService // hand-offs; nil leaves Hand off inert
	// OnEmpty is offered to the user as the first step when there are no
	// mentions (loads the sample).
	OnEmpty func()
	// OnContact opens a contact's page; nil: notes cannot.
	OnContact func(personID uint64)
}

// NewInbox builds the inbox screen.
func NewInbox(deps InboxDeps) *Inbox {
	in := &Inbox{
		InboxDeps: deps, rows: map[uint64]inbox.Row{}, pending: map[int]bool{},
		marked: map[uint64]bool{}, views: inbox.BuiltInViews(),
	}
	in.view = in.views[0]
	in.filter = inbox.Filter{Sort: in.view.Filter.Sort}
	in.list = newKeyList(in.length, in.newRow, in.updateRow, in.TypedRune)
	in.list.OnSelected = in.onSelected
	in.detail = NewDetail(DetailDeps{
		Env: deps.Env, Svc: deps.Svc, OnCorrected: in.onCorrected,
		Search: func() string { return in.filter.Query }, OpenCopy: in.Open, Bar: actionButtons(onDetail, in.onDetailAction),
		OnDraftAnswer: in.onDraftAnswer,
	})
	in.count = widget.NewLabel("")
	in.count.TextStyle.Italic = true
	in.bulk = in.bulkBar()
	in.notes = in.newNotesButton()
	top := container.NewVBox(in.toolbar(), in.notes, in.count, in.bulk)
	inner := container.NewHSplit(container.NewBorder(top, nil, nil, nil, in.list), in.detail.Content())
	inner.SetOffset(0.5)
	// Undo floats over the bottom of the list and the mention, never over
	// the views column, whose "Save view…" sits at its foot.
	in.undoHost = newUndoHost()
	in.split = container.NewHSplit(in.viewsColumn(), withUndo(inner, in.undoHost))
	in.split.SetOffset(0.16)
	in.empty = in.emptyState()
	in.body = container.NewStack(in.split)
	in.content = in.body
	return in
}

// Content is the screen's root object.
func (in *Inbox) Content() fyne.CanvasObject { return in.content }

// Reload fetches the list of mentions again, and the views' counts, in
// the background.
func (in *Inbox) Reload() {
	f := in.effective()
	in.listSeq++
	seq := in.listSeq
	limit := in.reloadLimit()
	in.Go(func() {
		p, err := in.Svc.Page(f, time.Now(), nil, limit)
		in.trace("inbox page read")
		fyne.Do(func() {
			if seq != in.listSeq {
				return // a newer reload was asked for meanwhile: its answer counts
			}
			in.applyPage(f, p, err)
		})
	})
	in.reloadViews()
}

// reloadLimit is how many ids a reload asks for: the first page, or down
// to the open mention.
func (in *Inbox) reloadLimit() int {
	limit := idsPage
	if i := slices.Index(in.ids, in.selected); i >= 0 {
		limit = min(max(limit, i+rowPage), maxReloadIDs)
	}
	return limit
}

// idsPage is how many ids a page of the listing asks for; a reload asks
// for enough to reach the open mention again, up to maxReloadIDs.
const (
	idsPage      = 256
	maxReloadIDs = 20_000
)

// loadIDs loads the listing's ids on to row i (and a page more) in the
// background, when the list scrolls past what was loaded.
func (in *Inbox) loadIDs(i int) {
	if in.fetching || in.next == nil {
		return
	}
	in.fetching = true
	seq, f, after, want := in.listSeq, in.listed, in.next, i-len(in.ids)+idsPage
	in.fetchSeq = seq
	in.Go(func() {
		p, err := in.Svc.Page(f, time.Now(), after, want)
		fyne.Do(func() {
			if seq != in.listSeq {
				return // the listing was reloaded meanwhile
			}
			in.fetching = false
			if err != nil {
				in.OnError(err)
				return
			}
			in.ids, in.next = append(in.ids, p.IDs...), p.Next
			if p.Total >= 0 {
				in.total = p.Total
			}
			in.count.SetText(in.countLabel())
			in.list.Refresh()
		})
	})
}

// effective combines the view's filter with what the toolbar adds.
func (in *Inbox) effective() inbox.Filter {
	f := in.view.Filter
	f.Sort = in.filter.Sort
	if in.filter.Intent != "" {
		f.Intent = in.filter.Intent
	}
	if in.filter.Polarity != "" {
		f.Polarity = in.filter.Polarity
	}
	switch q := strings.TrimSpace(in.filter.Query); {
	case q == "":
	case f.Query == "":
		f.Query = q
	default:
		f.Query = "(" + f.Query + ") (" + q + ")"
	}
	return f
}

// applyPage shows the listing of filter f that a reload read.
func (in *Inbox) applyPage(f inbox.Filter, p inbox.Page, err error) {
	in.listed = f
	if err != nil {
		// The listing shown stays. A row load on its way from before this
		// reload was asked for will be dropped, so it loads nothing now.
		if in.fetchSeq != in.listSeq {
			in.fetching = false
		}
		in.OnError(err)
		return
	}
	ids := p.IDs
	in.ids, in.loaded, in.next, in.total, in.more, in.fetching = ids, true, p.Next, p.Total, p.More, false
	in.trace("inbox listed")
	in.rows, in.pending = map[uint64]inbox.Row{}, map[int]bool{}
	for id := range in.marked {
		if !slices.Contains(ids, id) {
			delete(in.marked, id)
		}
	}
	in.updateBulk()
	in.count.SetText(in.countLabel())
	in.updateEmpty()
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

// updateEmpty shows the first-steps screen when the workspace has no
// mentions at all (the All view counts none).
func (in *Inbox) updateEmpty() {
	empty := in.loaded && len(in.ids) == 0
	if empty {
		empty = false
		for i, v := range in.views {
			if v.ID == "all" && i < len(in.counts) {
				empty = in.counts[i].N == 0
			}
		}
	}
	obj := fyne.CanvasObject(in.split)
	if empty {
		obj = in.empty
	}
	if len(in.body.Objects) != 1 || in.body.Objects[0] != obj {
		in.body.Objects = []fyne.CanvasObject{obj}
		in.body.Refresh()
	}
}

// countLabel says how many mentions the listing has: its total, or, when
// the total is not known (a filter checked mention by mention) and more
// are to come, how many are loaded so far.
func (in *Inbox) countLabel() string {
	if in.total < 0 && in.next != nil {
		if len(in.ids) < 2 {
			return "Reading more mentions…"
		}
		return "More than " + countText(len(in.ids), in.effective())
	}
	if in.more { // the search matches more than the inbox lists
		newest := " the search's newest " + human.Int(inbox.SearchCap) + " matches"
		if in.length() == 0 {
			return "Nothing here among" + newest
		}
		return human.Int(in.length()) + " of" + newest
	}
	return countText(in.length(), in.effective())
}

func countText(n int, f inbox.Filter) string {
	order := "newest first"
	if f.Sort == inbox.SortPriority {
		order = "most important first"
	}
	switch n {
	case 0:
		return "Nothing here. Other views, or fewer filters, may show more."
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

// length is how many rows the list has: the listing's total, or what is
// loaded (and one more row while there is more).
func (in *Inbox) length() int {
	if in.next == nil {
		return len(in.ids)
	}
	return max(in.total, len(in.ids)+1)
}

func (in *Inbox) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	row := o.(*inboxRow)
	if i >= len(in.ids) && i < in.length() { // not loaded yet
		row.setLoading()
		row.setMarked(false)
		in.loadIDs(i)
		return
	}
	if i < 0 || i >= len(in.ids) {
		return
	}
	r, ok := in.rows[in.ids[i]]
	if !ok {
		row.setLoading()
		row.setMarked(false)
		in.loadPage(i / rowPage)
		return
	}
	row.set(r, time.Now())
	row.setMarked(in.marked[r.ID])
}

func (in *Inbox) newRow() fyne.CanvasObject { return newInboxRow(in.mark) }

// loadPage loads the row models of one page off the UI goroutine.
func (in *Inbox) loadPage(p int) {
	if in.pending[p] {
		return
	}
	in.pending[p] = true
	start := p * rowPage
	ids := append([]uint64(nil), in.ids[start:min(start+rowPage, len(in.ids))]...)
	in.Go(func() {
		rows, err := in.Svc.Rows(ids)
		fyne.Do(func() { in.applyRows(p, rows, err) })
	})
}

func (in *Inbox) applyRows(p int, rows []inbox.Row, err error) {
	delete(in.pending, p)
	if err != nil {
		in.OnError(err)
		return
	}
	for _, r := range rows {
		in.rows[r.ID] = r
	}
	in.trace("inbox rows")
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
	if in.keep == in.selected && in.detail.want == in.selected {
		return // shown (or being read) already, and the change did not touch it
	}
	in.detail.Show(in.selected)
}

func (in *Inbox) emptyState() fyne.CanvasObject {
	title := widget.NewLabelWithStyle("Your inbox is empty", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	msg := widget.NewLabel("Mentions of your business appear here as Rapport finds them.\n" +
		"Add the feeds to watch in Sources, or try the sample workspace to see Rapport at work.")
	msg.Alignment = fyne.TextAlignCenter
	btn := widget.NewButtonWithIcon("Try the sample workspace", theme.DownloadIcon(), func() {
		if in.OnEmpty != nil {
			in.OnEmpty()
		}
	})
	btn.Importance = widget.HighImportance
	return container.NewCenter(container.NewVBox(title, msg, container.NewCenter(btn)))
}

// Open shows one mention: in the current list if it is there, else in the
// All view.
func (in *Inbox) Open(id uint64) {
	if i := slices.Index(in.ids, id); i >= 0 {
		in.list.Select(i)
		in.list.ScrollTo(i)
		return
	}
	for i, v := range in.views {
		if v.ID == "all" {
			in.viewList.Select(i) // reloads the list in the background
			in.selected = id      // and this one opens once it is there
		}
	}
}
