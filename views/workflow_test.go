package views

import (
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
	in.afterChange([]uint64{1}, func() error { return svc.Assign([]uint64{1}, "Kim Park") })
	eventually(t, "assigned", func() bool {
		svc.mu.Lock()
		defer svc.mu.Unlock()
		return svc.owners[1] == "Kim Park"
	})
	choices := snoozeChoices(testNow())
	if len(choices) != 4 || !choices[1].at.After(testNow()) || choices[3].at.Weekday() != 1 {
		t.Errorf("snooze choices %+v", choices)
	}
}

func TestSavedViewsAndSearch(t *testing.T) {
	svc := newFake(4)
	m := newWindow(t, svc)
	in := m.inbox
	eventually(t, "views listed with counts", func() bool { return in.viewList.Length() == 6 && len(in.counts) == 6 })
	// Typing a search filters by the rule language, combined with the view
	test.Type(in.search, "cold brew")
	in.runSearch()
	eventually(t, "the search reaches the service", func() bool {
		svc.mu.Lock()
		defer svc.mu.Unlock()
		return svc.lastFilter.Query == "cold brew" && len(svc.lastFilter.States) == 2
	})
	// and the open mention's detail highlights the search's matches
	in.detail.Show(1)
	eventually(t, "the detail asked with the search", func() bool {
		svc.mu.Lock()
		defer svc.mu.Unlock()
		return svc.detailQuery == "cold brew"
	})
	// Saving the view keeps the query
	saved, _ := svc.SaveView(inbox.View{Name: "Cold brew", Filter: in.effective()})
	if saved.Filter.Query != "cold brew" || saved.Filter.Sort != inbox.SortPriority {
		t.Errorf("saved %+v", saved)
	}
	in.reloadViews()
	eventually(t, "the saved view is listed", func() bool { return in.viewList.Length() == 7 })
	in.viewList.Select(5) // All mentions
	eventually(t, "the All view is shown", func() bool {
		svc.mu.Lock()
		defer svc.mu.Unlock()
		return in.view.ID == "all" && len(svc.lastFilter.States) == 0
	})
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
