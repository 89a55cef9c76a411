package views

import (
	"reflect"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/interacting/inbox"
)

// Choices of the inbox toolbar, as users read them.
const (
	sortPriorityLabel = "Priority"
	sortNewestLabel   = "Newest"
	anyIntentLabel    = "Any intent"
	anySentimentLabel = "Any sentiment"
)

var sentimentChoices = []string{anySentimentLabel, "negative", "neutral", "positive", "not analysed"}

// toolbar builds the sort and filter choices above the list.
func (in *Inbox) toolbar() fyne.CanvasObject {
	in.sortSel = widget.NewSelect([]string{sortPriorityLabel, sortNewestLabel}, in.onSortChanged)
	in.sortSel.SetSelected(sortPriorityLabel)
	intents, _ := in.Svc.Vocabulary()
	in.intentSel = widget.NewSelect(append([]string{anyIntentLabel}, intents...), in.onFilterChanged)
	in.intentSel.SetSelected(anyIntentLabel)
	in.moodSel = widget.NewSelect(sentimentChoices, in.onFilterChanged)
	in.moodSel.SetSelected(anySentimentLabel)
	in.search = newEntry()
	in.search.SetPlaceHolder(`Search, e.g. "cold brew" -decaf   (press / )`)
	in.search.OnChanged = in.onSearchChanged
	in.search.OnSubmitted = func(string) { in.runSearch() }
	in.search.onEscape, in.search.onDown = in.backToList, in.backToList
	in.searchErr = widget.NewLabel("")
	in.searchErr.Wrapping = fyne.TextWrapWord
	in.searchErr.Importance = widget.DangerImportance
	in.searchErr.Hide()
	return container.NewVBox(in.search, in.searchErr, container.NewGridWithColumns(3, in.sortSel, in.intentSel, in.moodSel))
}

// backToList leaves the search box for the list (Escape or Down), so the
// keys work on mentions again.
func (in *Inbox) backToList() {
	in.Win.Canvas().Focus(in.list)
}

// onSearchChanged searches as the owner types, once typing pauses.
func (in *Inbox) onSearchChanged(string) {
	in.typed++
	n := in.typed
	in.After(previewDelay, func() {
		if n == in.typed {
			in.runSearch()
		}
	})
}

// runSearch lists what the search box asks for. A query that does not
// parse yet (an unfinished quote while typing) is explained under the box,
// and the last good results stay.
func (in *Inbox) runSearch() {
	q := strings.TrimSpace(in.search.Text)
	if err := inbox.CheckQuery(q); err != nil {
		in.searchErr.SetText("Not searched yet: " + err.Error() + ". The list shows the last search that worked.")
		in.searchErr.Show()
		return
	}
	in.searchErr.Hide()
	if q != in.filter.Query {
		in.filter.Query = q
		in.selected = 0
		in.reloadIfReady()
		in.findNotes(q)
	}
}

// resetToolbar clears the toolbar's filters (a view was chosen or saved).
func (in *Inbox) resetToolbar() {
	in.search.SetText("")
	in.applyNotes(in.filter.Query, nil)
	in.intentSel.SetSelected(anyIntentLabel)
	in.moodSel.SetSelected(anySentimentLabel)
	in.sortSel.SetSelected(sortLabel(in.filter.Sort))
}

func (in *Inbox) onSortChanged(s string) {
	sort := inbox.SortNewest
	if s == sortPriorityLabel {
		sort = inbox.SortPriority
	}
	if sort != in.filter.Sort {
		in.filter.Sort = sort
		in.reloadIfReady()
	}
}

func (in *Inbox) onFilterChanged(string) {
	f := in.filter
	f.Intent, f.Polarity = "", ""
	if in.intentSel != nil && in.intentSel.Selected != anyIntentLabel {
		f.Intent = in.intentSel.Selected
	}
	if in.moodSel != nil && in.moodSel.Selected != anySentimentLabel {
		f.Polarity = in.moodSel.Selected
	}
	if !reflect.DeepEqual(f, in.filter) {
		in.filter = f
		in.reloadIfReady()
	}
}

// reloadIfReady reloads after a change of choice, but not while the
// toolbar is being built.
func (in *Inbox) reloadIfReady() {
	if in.loaded {
		in.Reload()
	}
}
