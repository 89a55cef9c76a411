package views

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/shared/testkit"
	"github.com/rapportapp/rapport/storage"
)

func TestFirstRunSetsUpTheBusiness(t *testing.T) {
	// Given an empty data folder
	m, w := emptyWindow(t)
	eventually(t, "the welcome", func() bool { return m.welcome != nil })
	top := m.Win.Canvas().Overlays().Top()
	if !strings.Contains(collectText(top), "Try the sample workspace") {
		t.Fatalf("welcome: %q", collectText(top))
	}
	// When the owner sets up their business
	test.Tap(findButton(top, "Set up my business"))
	top = m.Win.Canvas().Overlays().Top()
	next := findButton(top, "Next")
	if next == nil || !next.Disabled() {
		t.Fatal("Next is enabled before the business has a name")
	}
	var entries []*keyEntry
	walk(top, func(o fyne.CanvasObject) {
		if e, ok := o.(*keyEntry); ok {
			entries = append(entries, e)
		}
	})
	if len(entries) != 6 {
		t.Fatalf("%d fields, want 6", len(entries))
	}
	business, owner, names, rivals, promise, team := entries[0], entries[1], entries[2], entries[3], entries[4], entries[5]
	test.Type(business, "Kaffeehaus Lind")
	test.Type(owner, "Anna Lind")
	test.Type(names, "@kaffeelind, Lind Rösterei")
	test.Type(rivals, "A, B, C, D, E, F")
	if !next.Disabled() {
		t.Error("six competitors were accepted")
	}
	rivals.SetText("Café Anker, Bohnenwerk")
	test.Type(promise, "frisch, freundlich")
	team.SetText("Jonas Weber, jonas@lind.de, Laden")
	test.Tap(next)
	// Then it offers to listen for the names given, on the services that
	// need nothing more
	top = m.Win.Canvas().Overlays().Top()
	text := collectText(top)
	if !strings.Contains(text, "“Kaffeehaus Lind”, “kaffeelind” and “Lind Rösterei”") {
		t.Errorf("listen page: %q", text)
	}
	var checks *widget.CheckGroup
	walk(top, func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.CheckGroup); ok {
			checks = c
		}
	})
	checks.SetSelected([]string{"Reddit search"})
	test.Tap(findButton(top, "Save and start listening"))
	eventually(t, "saved", func() bool { b, _ := w.Business(); return b.Name == "Kaffeehaus Lind" })
	b, _ := w.Business()
	if b.Owner != "Anna Lind" || !slices.Equal(b.BrandTerms, []string{"@kaffeelind", "Lind Rösterei"}) || !slices.Equal(b.Promise, []string{"frisch", "freundlich"}) {
		t.Errorf("business %+v", b)
	}
	if tm, _ := w.Team(); len(tm) != 1 || tm[0].Email != "jonas@lind.de" {
		t.Errorf("team %+v", tm)
	}
	if cfg, _ := w.AnalysisConfig(); !slices.Equal(cfg.Competitors, []string{"Café Anker", "Bohnenwerk"}) {
		t.Errorf("competitors %v (no defaults from elsewhere)", cfg.Competitors)
	}
	srcs := testkit.All(t, w.Store, (*storage.Tx).Sources)
	if len(srcs) != 3 {
		t.Fatalf("%d sources, want one Reddit search per name", len(srcs))
	}
	for _, s := range srcs {
		if s.Kind != "reddit" {
			t.Errorf("source %+v", s)
		}
	}
}

func TestTheSampleCanBeRemovedFromSettings(t *testing.T) {
	// Given the sample loaded in a new data folder
	m, w := emptyWindow(t)
	eventually(t, "the welcome", func() bool { return m.welcome != nil })
	test.Tap(findButton(m.Win.Canvas().Overlays().Top(), "Try the sample workspace"))
	eventually(t, "the sample loaded", func() bool { return len(m.inbox.ids) > 100 })
	// When the owner removes it in Settings
	m.tabs.SelectIndex(tabSettings)
	eventually(t, "the remove button", func() bool { return m.settings.removeSample.Visible() })
	test.Tap(m.settings.removeSample)
	test.Tap(findButton(m.Win.Canvas().Overlays().Top(), "Yes"))
	// Then the folder is empty again and the welcome is back
	eventually(t, "emptied", func() bool {
		empty, _ := w.IsEmpty()
		top := m.Win.Canvas().Overlays().Top()
		return empty && top != nil && strings.Contains(collectText(top), "Set up my business")
	})
}
