package views

import (
	"strings"
	"testing"
	"time"

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
