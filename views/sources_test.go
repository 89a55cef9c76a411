package views

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/rapportapp/rapport/app/listening/monitor"
	"github.com/rapportapp/rapport/storage"
)

func fakeSource(id uint64, name string, h storage.SourceHealth) monitor.SourceView {
	v := monitor.SourceView{Rules: []string{"coffee"}, Mentions: 12}
	v.ID, v.Name, v.URL, v.Every, v.Health = id, name, "https://e.com/"+name, 15*time.Minute, h
	return v
}

func TestSourcesShowHealthAndEdit(t *testing.T) {
	svc := newFake(1)
	now := time.Now()
	svc.sources = []monitor.SourceView{
		fakeSource(1, "Reddit", storage.SourceHealth{LastCheck: now.Add(-5 * time.Minute), LastSuccess: now, Items: 25, NextCheck: now.Add(10 * time.Minute)}),
		fakeSource(2, "Old blog", storage.SourceHealth{LastCheck: now, LastError: "the server said 404 (not found) — the feed may have moved", Failures: 3}),
	}
	m := newWindow(t, svc)
	m.tabs.SelectIndex(tabSources)
	s := m.sources
	eventually(t, "the sources list", func() bool { return s.list.Length() == 2 })
	if s.count.Text != "2 sources · 1 failing" {
		t.Errorf("count %q", s.count.Text)
	}
	if text, c := healthText(svc.sources[1], now); !strings.Contains(text, "404") || c != colorNameNegative {
		t.Errorf("failing health %q %v", text, c)
	}
	if text, _ := healthText(svc.sources[0], now); !strings.Contains(text, "Checked 5 min ago · 25 items · next in") {
		t.Errorf("healthy text %q", text)
	}
	// The first source is selected and its settings shown.
	e := s.editor
	eventually(t, "the editor shows Reddit", func() bool { return e.name.Text == "Reddit" && e.rule.Text == "coffee" })
	if e.every.Selected != "15 minutes" || !e.enabled.Checked {
		t.Errorf("every %q enabled %v", e.every.Selected, e.enabled.Checked)
	}
	// A rule being typed is previewed; a syntax error says where.
	e.rule.SetText(`"cold brew`)
	e.runPreview()
	eventually(t, "the preview explains the mistake", func() bool { return strings.Contains(e.preview.Text, "col 1") })
	e.rule.SetText(`"cold brew"`)
	e.runPreview()
	eventually(t, "the preview counts", func() bool { return strings.Contains(e.preview.Text, "Matches 2 of the 5") })
	// Saving sends the edit.
	e.name.SetText("Reddit search")
	e.onSave()
	eventually(t, "saved and reloaded", func() bool { return s.items[0].Name == "Reddit search" && s.items[0].Rules[0] == `"cold brew"` })
}

func TestSourcesEmptyStateAndListen(t *testing.T) {
	svc := newFake(0)
	m := newWindow(t, svc)
	s := m.sources
	eventually(t, "the empty state", func() bool { return strings.Contains(collectText(s.body), "No sources yet") })
	s.listen("cold brew", []string{"reddit-search"}, presetsInput())
	eventually(t, "the keyword reached the service and a check ran", func() bool {
		svc.mu.Lock()
		defer svc.mu.Unlock()
		return len(svc.listened) == 1 && svc.listened[0] == "cold brew:reddit-search" && svc.checked == 1
	})
}

func TestAddingAWebPageOffersItsFeeds(t *testing.T) {
	svc := newFake(0)
	m := newWindow(t, svc)
	s := m.sources
	s.add(monitor.AddRequest{URL: "https://blog.example/page"})
	eventually(t, "a feed picker", func() bool {
		top := m.Win.Canvas().Overlays().Top()
		return top != nil && strings.Contains(collectText(top), "offers these feeds")
	})
	s.add(monitor.AddRequest{URL: "https://e.com/feed.xml"})
	eventually(t, "the new source is listed and selected", func() bool {
		return s.list.Length() == 1 && s.editor.current.Name == "Added https://e.com/feed.xml"
	})
}

// A change typed in the source editor and not saved stays when the
// screen reloads (shown again, after a check), picking another source
// asks first, and quitting asks about it. Before, each reload and each
// pick wrote the stored source over what was typed, without a word.
func TestSourceChangesNotSavedAreKept(t *testing.T) {
	svc := newFake(1)
	now := time.Now()
	svc.sources = []monitor.SourceView{
		fakeSource(1, "Reddit", storage.SourceHealth{LastCheck: now, LastSuccess: now, Items: 25}),
		fakeSource(2, "Old blog", storage.SourceHealth{LastCheck: now, LastSuccess: now, Items: 3}),
	}
	m := newWindow(t, svc)
	m.tabs.SelectIndex(tabSources)
	s, e := m.sources, m.sources.editor
	eventually(t, "the editor shows Reddit", func() bool { return e.name.Text == "Reddit" && e.rule.Text == "coffee" })
	if e.unsaved() || len(s.unsavedChanges()) != 0 {
		t.Fatal("unsaved right after it was shown")
	}
	e.rule.SetText(`coffee -decaf`)
	e.folder.SetText("Social")
	// Shown again: the list reloads, the typing stays.
	m.tabs.SelectIndex(tabInbox)
	m.tabs.SelectIndex(tabSources)
	s.Reload()
	work.drain()
	if e.rule.Text != "coffee -decaf" || e.folder.Text != "Social" || e.current.ID != 1 {
		t.Fatalf("after a reload: rule %q folder %q source %d", e.rule.Text, e.folder.Text, e.current.ID)
	}
	// Another source: asked; Cancel keeps Reddit and its changes.
	s.list.Select(1)
	top := m.Win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(collectText(top), "Discard your changes to Reddit?") {
		t.Fatalf("picking another source asked nothing (%v)", top)
	}
	test.Tap(findButton(top, "Cancel"))
	if e.current.ID != 1 || e.rule.Text != "coffee -decaf" || s.selected != 1 {
		t.Fatalf("after Cancel: source %d, rule %q, selected %d", e.current.ID, e.rule.Text, s.selected)
	}
	// Quitting asks about the source, and Cancel shows it.
	if got := s.unsavedChanges(); len(got) != 1 || got[0] != "the source “Reddit”" {
		t.Fatalf("unsaved: %v", got)
	}
	m.tabs.SelectIndex(tabInbox)
	m.onClose()
	top = m.Win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(collectText(top), "Your changes to the source “Reddit” are not saved") {
		t.Fatalf("quit without asking about the source (%v)", top)
	}
	test.Tap(findButton(top, "Cancel"))
	if m.tabs.SelectedIndex() != tabSources {
		t.Errorf("after Cancel, area %d is shown, want Sources", m.tabs.SelectedIndex())
	}
	work.drain()
	// Discard: the other source is shown as stored.
	s.list.Select(1)
	top = m.Win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("picking another source asked nothing the second time")
	}
	test.Tap(findButton(top, "Discard"))
	if e.current.ID != 2 || e.name.Text != "Old blog" || e.rule.Text != "coffee" || e.unsaved() {
		t.Fatalf("after Discard: source %d %q, rule %q", e.current.ID, e.name.Text, e.rule.Text)
	}
	// Saved changes: a reload shows the stored source, and nothing asks.
	e.rule.SetText("tea")
	e.onSave()
	eventually(t, "saved and shown", func() bool { return s.items[1].Rules[0] == "tea" && e.rule.Text == "tea" && !e.unsaved() })
	s.list.Select(0)
	if top := m.Win.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("asked after saving: %q", collectText(top))
	}
	if e.current.ID != 1 {
		t.Errorf("source %d shown, want Reddit", e.current.ID)
	}
}

// The editor follows the list through reloads: a source added that sorts
// before the one shown is shown (the list kept its old index, and Select
// did nothing for it); a field not changed shows a newer read (a check
// paused the source) while one changed keeps what was typed; a reload
// while the question is open and then Discard leaves the list and the
// editor on the same source; a name saved empty (which keeps the name)
// is no change left.
func TestSourceEditorFollowsTheList(t *testing.T) {
	svc := newFake(1)
	now := time.Now()
	svc.sources = []monitor.SourceView{
		fakeSource(2, "Reddit", storage.SourceHealth{LastCheck: now, LastSuccess: now}),
		fakeSource(3, "Old blog", storage.SourceHealth{LastCheck: now, LastSuccess: now}),
	}
	m := newWindow(t, svc)
	m.tabs.SelectIndex(tabSources)
	s, e := m.sources, m.sources.editor
	eventually(t, "the editor shows Reddit", func() bool { return e.current.ID == 2 && e.name.Text == "Reddit" })
	selectedRow := func() int {
		for i, it := range s.items {
			if it.ID == e.current.ID {
				return i
			}
		}
		return -1
	}
	// Added, and listed before the one shown.
	svc.mu.Lock()
	svc.sources = append([]monitor.SourceView{fakeSource(1, "Added", storage.SourceHealth{})}, svc.sources...)
	svc.mu.Unlock()
	s.selected = 1
	s.Reload()
	work.drain()
	if e.current.ID != 1 || e.name.Text != "Added" {
		t.Fatalf("after adding: the editor shows %d %q", e.current.ID, e.name.Text)
	}
	// A check pauses the source while its rule is being changed.
	e.rule.SetText("coffee -decaf")
	svc.mu.Lock()
	svc.sources[0].Disabled = true
	svc.mu.Unlock()
	s.Reload()
	work.drain()
	if e.rule.Text != "coffee -decaf" || e.enabled.Checked {
		t.Fatalf("after a check paused it: rule %q, checked %v (want the typed rule and not checked)", e.rule.Text, e.enabled.Checked)
	}
	// Picked another; the list is read again before the answer; Discard.
	s.list.Select(2) // Old blog
	top := m.Win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no question")
	}
	s.Reload()
	work.drain()
	test.Tap(findButton(top, "Discard"))
	if e.current.ID != 3 || s.selected != 3 || selectedRow() != 2 {
		t.Fatalf("after Discard: editor %d, selected %d, row %d", e.current.ID, s.selected, selectedRow())
	}
	// A name saved empty keeps the name: nothing is left unsaved.
	e.name.SetText("")
	if e.unsaved() {
		t.Error("an empty name counts as a change")
	}
	e.onSave()
	eventually(t, "saved", func() bool { return e.name.Text == "Old blog" })
	if e.unsaved() {
		t.Error("unsaved after saving an empty name")
	}
}

// Apply to history with a rule typed and not saved asks to save it
// first, and applies the rule saved then: before, it applied the stored
// rule and said "Rule applied" with another rule in the field.
func TestApplyToHistorySavesFirst(t *testing.T) {
	svc := newFake(1)
	now := time.Now()
	svc.sources = []monitor.SourceView{fakeSource(1, "Reddit", storage.SourceHealth{LastCheck: now, LastSuccess: now})}
	m := newWindow(t, svc)
	m.tabs.SelectIndex(tabSources)
	e := m.sources.editor
	eventually(t, "the editor shows Reddit", func() bool { return e.current.ID == 1 && e.rule.Text == "coffee" })
	e.rule.SetText("coffee -decaf")
	e.onApply()
	top := m.Win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(collectText(top), "Save your changes first?") {
		t.Fatalf("applied without asking (%v)", top)
	}
	test.Tap(findButton(top, "Save and apply"))
	eventually(t, "saved, then applied", func() bool {
		svc.mu.Lock()
		defer svc.mu.Unlock()
		return len(svc.applied) == 1
	})
	if svc.applied[0] != "coffee -decaf" {
		t.Errorf("applied %q, want the rule typed", svc.applied[0])
	}
	eventually(t, "the note", func() bool {
		top := m.Win.Canvas().Overlays().Top()
		return top != nil && strings.Contains(collectText(top), "match the saved rule")
	})
	// Nothing to save: applied at once.
	m.Win.Canvas().Overlays().Remove(m.Win.Canvas().Overlays().Top())
	work.drain()
	e.onApply()
	eventually(t, "applied again", func() bool {
		svc.mu.Lock()
		defer svc.mu.Unlock()
		return len(svc.applied) == 2
	})
}
