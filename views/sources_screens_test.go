package views

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/rapportapp/rapport/app/listening/monitor"
	"github.com/rapportapp/rapport/app/listening/opml"
	"github.com/rapportapp/rapport/app/shared/human"
	"github.com/rapportapp/rapport/storage"
)

// sampleSources opens the sources screen of a window on the sample.
func sampleSources(t *testing.T) (*MainWindow, *Sources) {
	t.Helper()
	m, _ := sampleWindow(t)
	t.Cleanup(work.elapse)
	m.Win.Resize(fyne.NewSize(1024, 640))
	m.tabs.SelectIndex(tabSources)
	s := m.sources
	eventually(t, "the sample's ten sources", func() bool { return len(s.items) == 10 })
	return m, s
}

func selectSource(t *testing.T, s *Sources, name string) monitor.SourceView {
	t.Helper()
	for i, it := range s.items {
		if it.Name == name {
			s.list.Select(i)
			eventually(t, name+" in the editor", func() bool { return s.editor.current.ID == it.ID })
			return it
		}
	}
	t.Fatalf("no source %q", name)
	return monitor.SourceView{}
}

func TestTheSamplesSourcesSayWhyTheyArePaused(t *testing.T) {
	_, s := sampleSources(t)
	if s.count.Text != "10 sources · 10 paused" {
		t.Errorf("count %q", s.count.Text)
	}
	for _, it := range s.items {
		if text, _ := healthText(it, time.Now()); !strings.Contains(text, "sample") {
			t.Errorf("%s says %q", it.Name, text)
		}
	}
	selectSource(t, s, "Portland Coffee Reviews")
	if h := s.editor.health.Text; !strings.Contains(h, "works offline") || !strings.Contains(h, "10 mentions") {
		t.Errorf("the editor says %q", h)
	}
}

func TestSourceKindsReadAsTheirNames(t *testing.T) {
	_, s := sampleSources(t)
	selectSource(t, s, "Portland Coffee Reviews")
	text := collectText(s.Content())
	if strings.Contains(text, "jsonfeed") || !strings.Contains(text, "JSON Feed") {
		t.Errorf("the kind does not read as a name: %q", s.editor.kind.Text)
	}
	selectSource(t, s, "Hacker News comments: ember oak")
	if !strings.Contains(s.editor.kind.Text, "Hacker News") {
		t.Errorf("kind %q", s.editor.kind.Text)
	}
}

const importOPML = `<?xml version="1.0"?>
<opml version="2.0"><head><title>Coffee friends</title></head><body>
  <outline text="Coffee">
    <outline text="Sprudge" type="rss" xmlUrl="https://sprudge.com/feed"/>
    <outline text="Daily Coffee News" type="rss" xmlUrl="https://dailycoffeenews.com/feed/"/>
  </outline>
  <outline text="Reviews again" type="rss" xmlUrl="https://portlandcoffeereviews.com/feed.json"/>
</body></opml>`

func TestOPMLImportShowsWhatItWillAddFirst(t *testing.T) {
	// Given an OPML file with two new feeds in a folder and one watched already
	m, s := sampleSources(t)
	file := filepath.Join(t.TempDir(), "friends.opml")
	if err := os.WriteFile(file, []byte(importOPML), 0o600); err != nil {
		t.Fatal(err)
	}
	// When the owner imports it, typing its path
	s.onImport()
	m.Win.Canvas().Focused().(*keyEntry).SetText(file)
	press(t, m.Win, fyne.KeyReturn)
	work.drain()
	// Then Rapport shows what it will add, by folder, and what is watched already, before adding
	top := m.Win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no preview")
	}
	text := collectText(top)
	for _, want := range []string{"Coffee", "Sprudge", "Daily Coffee News", "Portland Coffee Reviews", "Add 2 sources"} {
		if !strings.Contains(text, want) {
			t.Errorf("the preview does not show %q: %q", want, text)
		}
	}
	s.Reload()
	work.drain()
	if len(s.items) != 10 {
		t.Fatalf("%d sources before the owner agreed", len(s.items))
	}
	// When they agree, the two are added and the summary reads right
	press(t, m.Win, fyne.KeyReturn)
	eventually(t, "twelve sources", func() bool { return len(s.items) == 12 })
	if top := m.Win.Canvas().Overlays().Top(); top == nil || !strings.Contains(collectText(top), "1 was already watched") {
		t.Errorf("summary %q", collectText(m.Win.Canvas().Overlays().Top()))
	}
}

func TestImportSummaryReadsRight(t *testing.T) {
	for _, tt := range []struct {
		res  monitor.ImportResult
		want string
	}{
		{monitor.ImportResult{Duplicates: []string{"a"}}, "Added no sources. 1 was already watched."},
		{monitor.ImportResult{Added: make([]storage.Source, 1), Duplicates: []string{"a", "b"}}, "Added 1 source. 2 were already watched."},
		{monitor.ImportResult{Added: make([]storage.Source, 3), Skipped: []opml.Skip{{Text: "x"}}}, "Added 3 sources. 1 entry was not a feed."},
	} {
		if got := importSummary(tt.res); got != tt.want {
			t.Errorf("%q, want %q", got, tt.want)
		}
	}
}

func TestSourceDialogsCloseWithEscape(t *testing.T) {
	m, s := sampleSources(t)
	selectSource(t, s, "Portland Coffee Reviews")
	for name, open := range map[string]func(){
		"add": s.onAdd, "listen": s.onListen, "remove": s.editor.onRemove, "check": func() { s.checkNow(nil); work.drain() },
	} {
		open()
		if m.Win.Canvas().Overlays().Top() == nil {
			t.Fatalf("%s: no dialog", name)
		}
		press(t, m.Win, fyne.KeyEscape)
		if top := m.Win.Canvas().Overlays().Top(); top != nil {
			t.Errorf("%s: Escape left %q open", name, collectText(top))
			m.Win.Canvas().Overlays().Remove(top)
		}
	}
	if len(s.items) != 10 {
		t.Errorf("%d sources after cancelling", len(s.items))
	}
}

func TestTheEditorShowsTheSelectedSourcesPreviewAndInterval(t *testing.T) {
	// Given Reddit and Bluesky, which share the sample's watch rule, and
	// the Bluesky search checked every two hours (not one of the choices)
	m, s := sampleSources(t)
	bluesky := selectSource(t, s, "Bluesky search: Ember & Oak")
	if err := m.svc.UpdateSource(bluesky.ID, monitor.Edit{Folder: bluesky.Folder, Every: 2 * time.Hour, Disabled: true}); err != nil {
		t.Fatal(err)
	}
	s.Reload()
	work.drain()
	e := s.editor
	reddit := selectSource(t, s, "Reddit search: Ember & Oak")
	eventually(t, "Reddit's preview", func() bool { return strings.Contains(e.preview.Text, "stored from this source") })
	redditPreview := e.preview.Text
	// When the owner selects Bluesky
	selectSource(t, s, bluesky.Name)
	work.drain()
	// Then the preview is Bluesky's, not Reddit's
	if e.preview.Text == redditPreview || !strings.Contains(e.preview.Text, human.Count(bluesky.Mentions, "item", "items")) {
		t.Errorf("Bluesky (%d stored) shows %q; Reddit (%d) showed %q", bluesky.Mentions, e.preview.Text, reddit.Mentions, redditPreview)
	}
	// And its interval reads as words, not Reddit's and not Go's
	if e.every.Selected != "2 hours" {
		t.Errorf("check every shows %q, want \"2 hours\"", e.every.Selected)
	}
	// And saving keeps it
	e.onSave()
	work.drain()
	for _, it := range s.items {
		if it.ID == bluesky.ID && it.Every != 2*time.Hour {
			t.Errorf("saved every %v", it.Every)
		}
	}
}

func TestEveryLabel(t *testing.T) {
	for _, tt := range []struct {
		d    time.Duration
		want string
	}{
		{15 * time.Minute, "15 minutes"},
		{time.Hour, "1 hour"},
		{2 * time.Hour, "2 hours"},
		{45 * time.Minute, "45 minutes"},
		{48 * time.Hour, "2 days"},
		{90 * time.Minute, "90 minutes"},
		{90 * time.Second, "1m30s"},
		{0, "15 minutes"},
	} {
		if got := everyLabel(tt.d); got != tt.want {
			t.Errorf("everyLabel(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestSourceFormsWaitForWhatTheyNeed(t *testing.T) {
	// An empty address or keyword keeps the form open instead of closing
	// it on an error
	m, s := sampleSources(t)
	for field, open := range map[string]func(){"Address": s.onAdd, "Listen for": s.onListen} {
		open()
		press(t, m.Win, fyne.KeyReturn)
		work.drain()
		top := m.Win.Canvas().Overlays().Top()
		if top == nil || !strings.Contains(collectText(top), field) {
			t.Errorf("the form with %s closed on an empty field", field)
		}
		for m.Win.Canvas().Overlays().Top() != nil {
			m.Win.Canvas().Overlays().Remove(m.Win.Canvas().Overlays().Top())
		}
	}
}

func TestAFailingSourceSaysWhenAndWhatNext(t *testing.T) {
	now := time.Now()
	v := fakeSource(1, "Sprudge", storage.SourceHealth{
		LastCheck: now.Add(-2 * time.Minute), Failures: 3, NextCheck: now.Add(40 * time.Minute),
		LastError: "could not find the server sprudge.com — check the address or your internet connection",
	})
	row, _ := healthText(v, now)
	if !strings.HasPrefix(row, "Could not find") {
		t.Errorf("row %q", row)
	}
	full := healthInFull(v, now)
	for _, want := range []string{"2 min ago", "failed: Could not find", "3 failures in a row", "Next try in 40 min"} {
		if !strings.Contains(full, want) {
			t.Errorf("%q does not say %q", full, want)
		}
	}
}
