package views

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/interacting/inbox"
	"github.com/rapportapp/rapport/app/interacting/search"
	"github.com/rapportapp/rapport/app/people/crm"
	"github.com/rapportapp/rapport/app/shared/testkit"
	"github.com/rapportapp/rapport/storage"
)

func TestKeyboardDrivesTheInbox(t *testing.T) {
	// Given the sample's inbox, its most important mention open
	m, w := sampleWindow(t)
	in := m.inbox
	eventually(t, "the first mention open", func() bool { return len(in.ids) > 5 && in.selected == in.ids[0] })
	ids := append([]uint64(nil), in.ids[:5]...)
	state := func(id uint64) inbox.State { return testkit.Mention(t, w.Store, id).State }
	// When the owner presses j twice, then k
	m.onTypedRune('j')
	m.onTypedRune('j')
	m.onTypedRune('k')
	// Then the second mention is open
	eventually(t, "the second mention open", func() bool { return in.selected == ids[1] && in.detail.shown.ID == ids[1] })
	// When they archive it with e, it is archived and the next one opens
	m.onTypedRune('e')
	eventually(t, "archived and moved on", func() bool { return state(ids[1]) == inbox.StateArchived && in.selected == ids[2] })
	// x ticks rows for a bulk action; h marks them handled
	m.onTypedRune('x')
	m.onTypedRune('j')
	m.onTypedRune('x')
	if !in.bulk.Visible() || in.bulkLabel.Text != "2 ticked:" {
		t.Fatalf("bulk bar %v %q", in.bulk.Visible(), in.bulkLabel.Text)
	}
	m.onTypedRune('h')
	eventually(t, "both handled", func() bool {
		return state(ids[2]) == inbox.StateHandled && state(ids[3]) == inbox.StateHandled
	})
	eventually(t, "ticks cleared", func() bool { return len(in.marked) == 0 && !in.bulk.Visible() })
	// And each change is in the history, made by the owner
	if h := testkit.Mention(t, w.Store, ids[1]).History; len(h) == 0 || h[len(h)-1].By != "Dana Reyes" {
		t.Errorf("history %+v", h)
	}
	// / puts the cursor in the search field; ? lists the shortcuts
	m.onTypedRune('/')
	if m.Win.Canvas().Focused() != in.search {
		t.Error("/ does not focus the search field")
	}
	m.Win.Canvas().Unfocus()
	m.onTypedRune('?')
	if top := m.Win.Canvas().Overlays().Top(); top == nil || !strings.Contains(collectText(top), "next mention") {
		t.Error("? does not show the shortcuts")
	}
}

func TestAssignAndSnoozeDialogs(t *testing.T) {
	svc := newFake(3)
	m := newWindow(t, svc)
	in := m.inbox
	eventually(t, "mention 1 open", func() bool { return in.selected == 1 })
	m.onTypedRune('a')
	work.drain() // the team is read in the background
	top := m.Win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(collectText(top), "Assign") {
		t.Fatal("a does not open the assign dialog")
	}
	in.afterChange([]uint64{1}, "Gave 1 mention to Kim Park", func() error { return svc.Assign([]uint64{1}, "Kim Park") })
	eventually(t, "assigned", func() bool {
		svc.mu.Lock()
		defer svc.mu.Unlock()
		return svc.owners[1] == "Kim Park"
	})
}

func TestSnoozeOffersOnlyTimesAheadInOrder(t *testing.T) {
	at := func(day, hour, minute int) time.Time { return time.Date(2026, 12, day, hour, minute, 0, 0, time.Local) }
	tests := []struct {
		now  time.Time
		want []string
	}{
		// Friday 22:38: "this evening" would be Saturday; tomorrow morning comes first
		{at(4, 22, 38), []string{"In an hour Fri 23:38", "Tomorrow morning Sat 09:00", "Tomorrow evening Sat 18:00", "Next week Mon 09:00"}},
		{at(7, 10, 0), []string{"In an hour Mon 11:00", "This evening Mon 18:00", "Tomorrow morning Tue 09:00", "Tomorrow evening Tue 18:00", "Next week Mon 09:00"}},
		// Sunday evening: next week's Monday morning is tomorrow morning
		{at(6, 20, 0), []string{"In an hour Sun 21:00", "Tomorrow morning Mon 09:00", "Tomorrow evening Mon 18:00"}},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range snoozeChoices(tt.now) {
			got = append(got, c.label+" "+c.at.Format("Mon 15:04"))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("at %s:\n got %q\nwant %q", tt.now.Format("Mon 15:04"), got, tt.want)
		}
	}
}

func TestSavedViewsAndSearch(t *testing.T) {
	// Given the sample's inbox
	m, w := sampleWindow(t)
	in := m.inbox
	builtIn := len(inbox.BuiltInViews())
	eventually(t, "views listed with counts", func() bool { return in.viewList.Length() == builtIn && len(in.counts) == builtIn })
	// When the owner searches, the list narrows to what the search and the view select
	test.Type(in.search, "refund")
	in.runSearch()
	eventually(t, "the search is listed", func() bool { return len(in.ids) > 0 && in.filter.Query == "refund" })
	found := slices.Clone(in.ids)
	// An unfinished quote (the box's own example) is explained under the
	// box while typing; no dialog, and the last good results stay
	in.search.SetText(`"cold brew`)
	in.runSearch()
	work.drain()
	if top := m.Win.Canvas().Overlays().Top(); top != nil {
		t.Errorf("a dialog opened while typing: %q", collectText(top))
	}
	if !in.searchErr.Visible() || !strings.Contains(in.searchErr.Text, "quote") || !slices.Equal(in.ids, found) {
		t.Errorf("inline %q (visible %v), %d ids (want the %d found before)", in.searchErr.Text, in.searchErr.Visible(), len(in.ids), len(found))
	}
	in.search.SetText(`"cold brew"`)
	in.runSearch()
	eventually(t, "the finished quote is searched", func() bool { return !in.searchErr.Visible() && in.filter.Query == `"cold brew"` })
	// Escape or Down in the box goes back to the list
	m.Win.Canvas().Focus(in.search)
	in.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if m.Win.Canvas().Focused() != in.list {
		t.Error("Escape in the search box does not return to the list")
	}
	m.Win.Canvas().Focus(in.search)
	in.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if m.Win.Canvas().Focused() != in.list {
		t.Error("Down in the search box does not return to the list")
	}
	// Saving it describes it in words, keeps showing it and highlights it
	in.search.SetText("refund")
	in.runSearch()
	work.drain()
	in.onSaveView()
	top := m.Win.Canvas().Overlays().Top()
	text := collectText(top)
	if !strings.Contains(text, "Mentions that are new or waiting for a reply matching refund") || strings.Contains(text, "[") {
		t.Errorf("the save dialog says %q", text)
	}
	var name *keyEntry
	walk(top, func(o fyne.CanvasObject) {
		if e, ok := o.(*keyEntry); ok && name == nil {
			name = e
		}
	})
	test.Type(name, "Refunds")
	name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter saves
	eventually(t, "the saved view shown and highlighted", func() bool {
		return in.view.Name == "Refunds" && in.viewList.Length() == builtIn+1 && selectedView(in) == builtIn
	})
	if !slices.Equal(in.ids, found) {
		t.Errorf("after saving the list shows %d mentions, want the %d found", len(in.ids), len(found))
	}
	if views, _ := (inbox.New(inbox.Params{Store: w.Store})).Views(); len(views) != builtIn+1 || views[builtIn].Filter.Query != "refund" {
		t.Errorf("stored views %+v", views)
	}
	// Choosing another view shows it
	in.viewList.Select(builtIn - 1) // All mentions
	eventually(t, "the All view is shown", func() bool { return in.view.ID == "all" && len(in.ids) > len(found) })
}

// selectedView is the index highlighted in the views column.
func selectedView(in *Inbox) int {
	for i, v := range in.views {
		if v.ID == in.view.ID {
			return i
		}
	}
	return -1
}

func TestSearchAlsoFindsNotes(t *testing.T) {
	svc := newFake(4)
	svc.people = []crm.Row{{ID: 7, Name: "Maya Lin", Contact: true}}
	svc.notes = []search.InteractionHit{
		{Interaction: storage.Interaction{ID: 1, PersonID: 7, Kind: "call", Direction: "give", At: time.Now(), Note: "Promised oat milk samples"}, Person: "Maya Lin"},
		{Interaction: storage.Interaction{ID: 2, Kind: "reply", At: time.Now().Add(-time.Hour), Note: "Oat milk is back"}},
	}
	m := newWindow(t, svc)
	in := m.inbox
	// With no search, no notes are offered
	if in.notes.Visible() {
		t.Fatal("notes shown before any search")
	}
	// When the owner searches for words some notes hold
	test.Type(in.search, "oat milk")
	in.runSearch()
	// Then a button says how many notes match
	eventually(t, "the notes button", func() bool { return in.notes.Visible() })
	if !strings.HasPrefix(in.notes.Text, "2 notes") {
		t.Errorf("button says %q", in.notes.Text)
	}
	// and lists them, matches highlighted
	test.Tap(in.notes)
	top := m.Win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(collectText(top), "Promised oat milk samples") || !strings.Contains(collectText(top), "with Maya Lin") {
		t.Fatalf("notes dialog: %v", top)
	}
	var marked bool
	walk(top, func(o fyne.CanvasObject) {
		if r, ok := o.(*widget.RichText); ok && hasHighlight(r, "oat milk") {
			marked = true
		}
	})
	if !marked {
		t.Error("the match is not highlighted")
	}
	// Open contact goes to the person's page
	test.Tap(findButton(top, "Open contact"))
	if m.tabs.SelectedIndex() != tabContacts {
		t.Fatal("Open contact did not go to Contacts")
	}
	eventually(t, "Maya's page", func() bool { return m.contacts.page.title.Text == "Maya Lin" })
	// A search no note matches hides the button
	m.tabs.SelectIndex(tabInbox)
	in.search.SetText("espresso")
	in.runSearch()
	eventually(t, "the button hides", func() bool { return !in.notes.Visible() })
}

func TestEscapeClosesAndEnterConfirmsDialogs(t *testing.T) {
	m, w := sampleWindow(t)
	in := m.inbox
	eventually(t, "a mention open", func() bool { return in.detail.shown.ID != 0 })
	open := func(what string, show func()) fyne.CanvasObject {
		t.Helper()
		show()
		work.drain()
		top := m.Win.Canvas().Overlays().Top()
		if top == nil {
			t.Fatalf("%s: no dialog", what)
		}
		return top
	}
	closed := func(what string) {
		t.Helper()
		work.drain()
		if top := m.Win.Canvas().Overlays().Top(); top != nil {
			t.Errorf("%s is still open: %q", what, collectText(top))
		}
	}
	// The shortcuts sheet, the snooze and assign dialogs close with Escape
	for what, show := range map[string]func(){
		"the shortcuts sheet": func() { m.onTypedRune('?') },
		"the snooze dialog":   func() { m.onTypedRune('s') },
		"the assign dialog":   func() { m.onTypedRune('a') },
		"the save-view form":  in.onSaveView,
	} {
		open(what, show)
		m.onTypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		closed(what)
	}
	// Enter confirms: the snooze dialog snoozes the open mention
	id := in.detail.shown.ID
	open("the snooze dialog", func() { m.onTypedRune('s') })
	m.onTypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	closed("the snooze dialog")
	eventually(t, "snoozed", func() bool { return testkit.Mention(t, w.Store, id).State == inbox.StateSnoozed })
}

func TestKeysGoToTheAreaShownAndActOnOneMentionEach(t *testing.T) {
	m, w := sampleWindow(t)
	in := m.inbox
	eventually(t, "a mention open", func() bool { return len(in.ids) > 5 && in.detail.shown.ID == in.ids[0] })
	// A widget of Contacts had the focus; back in the inbox, keys are the inbox's
	m.tabs.SelectIndex(tabContacts)
	work.drain()
	m.Win.Canvas().Focus(m.contacts.search)
	m.tabs.SelectIndex(tabInbox)
	if f := m.Win.Canvas().Focused(); f != in.list {
		t.Fatalf("after switching back the focus is on %T, not the inbox list", f)
	}
	// e pressed twice before the first change is saved archives two mentions
	first, second := in.ids[0], in.ids[1]
	in.TypedRune('e')
	in.TypedRune('e')
	work.drain()
	eventually(t, "both archived", func() bool {
		return testkit.Mention(t, w.Store, first).State == inbox.StateArchived && testkit.Mention(t, w.Store, second).State == inbox.StateArchived
	})
}

func TestEveryWorkflowChangeOffersAnUndo(t *testing.T) {
	m, w := sampleWindow(t)
	in := m.inbox
	eventually(t, "a mention open", func() bool { return len(in.ids) > 3 && in.detail.shown.ID == in.ids[0] })
	tests := []struct {
		name   string
		act    func(id uint64)
		says   string
		before func(id uint64) inbox.Snapshot
	}{
		{"archive", func(id uint64) { in.setState([]uint64{id}, inbox.StateArchived) }, "Archived 1 mention", nil},
		{"handled", func(id uint64) { in.setState([]uint64{id}, inbox.StateHandled) }, "Marked 1 mention as handled", nil},
		{"assign", func(id uint64) {
			in.afterChange([]uint64{id}, "Gave 1 mention to Kim Park", func() error { return m.svc.Assign([]uint64{id}, "Kim Park") })
		}, "Gave 1 mention to Kim Park", nil},
		{"snooze", func(id uint64) {
			until := time.Now().Add(3 * time.Hour)
			in.afterChange([]uint64{id}, "Snoozed 1 mention", func() error { return m.svc.Snooze([]uint64{id}, until) })
		}, "Snoozed 1 mention", nil},
	}
	for _, tt := range tests {
		id := in.detail.shown.ID
		before := testkit.Mention(t, w.Store, id)
		tt.act(id)
		work.drain()
		bar := in.undoHost
		if !bar.Visible() || !strings.Contains(collectText(bar), tt.says) {
			t.Fatalf("%s: no Undo offered (%q)", tt.name, collectText(bar))
		}
		test.Tap(findButton(bar, "Undo"))
		work.drain()
		after := testkit.Mention(t, w.Store, id)
		if after.State != before.State || after.Owner != before.Owner || !after.Snoozed.Equal(before.Snoozed) {
			t.Errorf("%s: after Undo %v/%q, want %v/%q", tt.name, after.State, after.Owner, before.State, before.Owner)
		}
		if last := after.History[len(after.History)-1]; !strings.Contains(last.Note, "undone") {
			t.Errorf("%s: the undo is not on the record: %+v", tt.name, last)
		}
		m.openMention(id)
		eventually(t, "the mention open again", func() bool { return in.detail.shown.ID == id })
	}
}

// firstMentionOpen opens a window on n fake mentions and waits until the
// first is open.
func firstMentionOpen(t *testing.T, n int) (*fakeServices, *MainWindow, *Inbox) {
	t.Helper()
	svc := newFake(n)
	m := newWindow(t, svc)
	in := m.inbox
	eventually(t, "mention 1 open", func() bool { return in.selected == 1 && in.detail.shown.ID == 1 })
	return svc, m, in
}

// After a change that moves on to the next mention (e: archive), the
// reload that follows does not read and draw that mention's detail a
// second time; a change to the open mention itself, a deletion, or any
// other reload still does.
func TestChangeReadsTheNextMentionOnce(t *testing.T) {
	svc, m, in := firstMentionOpen(t, 4)
	reads := func(id uint64) int {
		svc.mu.Lock()
		defer svc.mu.Unlock()
		return svc.detailReads[id]
	}
	before := in.listSeq
	m.onTypedRune('e')
	eventually(t, "archived, the list reloaded, mention 2 open", func() bool {
		return in.listSeq > before && in.loaded && in.detail.shown.ID == 2 && in.keep == 0
	})
	work.drain()
	if n := reads(2); n != 1 {
		t.Errorf("mention 2's detail read %d times after e, want 1", n)
	}

	// A deletion that moves on reads the next mention again (a copy of it may be gone).
	n := reads(3)
	in.afterChange([]uint64{2}, "", func() error { return nil })
	eventually(t, "mention 3 open", func() bool { return in.detail.shown.ID == 3 && in.keep == 0 })
	work.drain()
	if got := reads(3) - n; got != 2 {
		t.Errorf("mention 3 read %d times after a deletion moved to it, want 2", got)
	}

	// A change to the open mention, the last (it stays open), reads it again: its new owner shows.
	in.list.Select(3)
	eventually(t, "mention 4 open", func() bool { return in.detail.shown.ID == 4 })
	n = reads(4)
	in.afterChange([]uint64{4}, "Gave 1 mention to Kim Park", func() error { return svc.Assign([]uint64{4}, "Kim Park") })
	eventually(t, "mention 4 read again", func() bool { return reads(4) > n })

	// Any other reload reads the open mention again.
	n = reads(4)
	in.Reload()
	eventually(t, "mention 4 read on a reload", func() bool { return reads(4) > n })
}

// A change reads the listing once, as soon as it is saved; when another
// reload was asked for meanwhile (new mentions came in), the listing is
// read again after it, so the newer answer is not dropped.
func TestChangeReadsTheListingOnceUnlessAskedAgain(t *testing.T) {
	svc, m, in := firstMentionOpen(t, 4)
	work.drain()
	pages := func() int {
		svc.mu.Lock()
		defer svc.mu.Unlock()
		return svc.pageReads
	}
	n := pages()
	m.onTypedRune('e')
	archived := func(id uint64) bool {
		svc.mu.Lock()
		defer svc.mu.Unlock()
		return svc.states[id] != ""
	}
	eventually(t, "archived and listed", func() bool { return archived(1) && in.keep == 0 && in.detail.shown.ID == 2 })
	work.drain()
	if got := pages() - n; got != 1 {
		t.Errorf("an archive read the listing %d times, want 1", got)
	}

	// When a reload is asked for while the change is being saved, the
	// listing is read after both.
	n = pages()
	in.afterChange([]uint64{2}, "Archived 1 mention", func() error { return svc.SetState([]uint64{2}, inbox.StateArchived) })
	in.Reload() // new mentions came in before the change was saved
	eventually(t, "the listing read after both", func() bool { return pages()-n == 3 })
	work.drain()
	time.Sleep(50 * time.Millisecond)
	work.drain()
	if got := pages() - n; got != 3 {
		t.Errorf("listing read %d times, want 3 (the reload, the change's, and once more)", got)
	}
}

// When another reload is asked for while an archive is being saved (new
// mentions came in), the listing that follows reads the open mention
// again: it may have changed (found in review: the detail kept the text
// read at the key press).
func TestReloadDuringAChangeReadsTheOpenMentionAgain(t *testing.T) {
	svc, m, in := firstMentionOpen(t, 4)
	work.drain()
	m.onTypedRune('e')
	// Only the read of the next mention's detail runs; the change waits.
	work.runFirst()
	svc.mu.Lock()
	svc.texts[2] = "Body of mention 2, edited"
	svc.mu.Unlock()
	in.Reload() // new mentions came in
	eventually(t, "the edited text shown", func() bool { return strings.Contains(richText(in.detail.text), "edited") })
}

// A listing that cannot be read leaves the list able to load more rows
// once the store answers again (found in review: a row load in flight
// was dropped and the list thought it was still loading).
func TestFailedReloadDoesNotStopLoadingRows(t *testing.T) {
	svc := newFake(300)
	svc.pageSize = 50
	m := newWindow(t, svc)
	in := m.inbox
	eventually(t, "the first 50 listed", func() bool { return len(in.ids) == 50 && in.next != nil })
	var errs []error
	in.OnError = func(err error) { errs = append(errs, err) }
	in.loadIDs(60) // the list scrolled past what is loaded
	svc.mu.Lock()
	svc.pageErr = errors.New("the disk is unreadable")
	svc.mu.Unlock()
	in.Reload() // meanwhile: its answer is an error, the row load's is dropped
	work.drain()
	if len(errs) == 0 {
		t.Fatal("the failed reload said nothing")
	}
	svc.mu.Lock()
	svc.pageErr = nil
	svc.mu.Unlock()
	in.loadIDs(60)
	eventually(t, "the rest of the rows loaded", func() bool { return len(in.ids) == 300 })

	// A row load asked for after a reload that fails goes on, and is not
	// asked for twice (the rows would be listed twice).
	svc.mu.Lock()
	svc.pageErr = nil
	svc.mu.Unlock()
	in.Reload()
	eventually(t, "the first 50 listed again", func() bool { return len(in.ids) == 50 })
	svc.mu.Lock()
	svc.pageErr = errors.New("the disk is unreadable")
	svc.mu.Unlock()
	in.Reload() // fails
	in.loadIDs(60)
	work.runFirst() // the reload's read runs (and fails) first
	svc.mu.Lock()
	svc.pageErr = nil
	svc.mu.Unlock()
	in.loadIDs(60) // still loading: asks nothing more
	work.drain()
	if len(in.ids) != 300 || len(slices.Compact(slices.Sorted(slices.Values(in.ids)))) != 300 {
		t.Errorf("%d ids listed (%d distinct), want 300", len(in.ids), len(slices.Compact(slices.Sorted(slices.Values(in.ids)))))
	}
}
