package views

import (
	"strings"
	"testing"
)

func TestSettingsEditBusinessTeamAndTouchPoints(t *testing.T) {
	// Given the sample workspace, its Settings open
	m, w := sampleWindow(t)
	m.tabs.SelectIndex(tabSettings)
	p := m.settings.prefs
	eventually(t, "the business form", func() bool {
		return p.name.Text == "Ember & Oak Coffee Roasters" && strings.Contains(p.brand.Text, "EmberOak")
	})
	// When the owner edits the promise, it is saved
	p.promise.SetText("fresh, friendly")
	p.saveBusiness()
	eventually(t, "saved", func() bool {
		b, _ := w.Business()
		return len(b.Promise) == 2 && b.Promise[1] == "friendly"
	})
	// And the team
	p.team.SetText("Kim Park, kim@e.com, online shop & support\nLuis Ortega")
	p.saveTeam()
	eventually(t, "team saved", func() bool {
		team, _ := w.Team()
		return len(team) == 2 && team[0].Role == "online shop & support" && team[1].Name == "Luis Ortega"
	})
	// A team with a bad email is refused with a message; nothing is saved
	p.team.SetText("Kim Park, not-an-email")
	p.saveTeam()
	work.drain()
	if team, _ := w.Team(); len(team) != 2 {
		t.Error("a team with a bad email was saved")
	}
	// New touch points are saved and every mention is read again
	if !strings.Contains(p.touch.Text, "price:") {
		t.Fatalf("touch points %q", p.touch.Text)
	}
	p.touch.SetText(p.touch.Text + "\ncuppings: cupping, tasting")
	p.saveAnalysis()
	eventually(t, "touch points saved", func() bool {
		cfg, _ := w.AnalysisConfig()
		last := cfg.TouchPoints[len(cfg.TouchPoints)-1]
		return last.Name == "cuppings" && len(last.Terms) == 2 && last.Terms[1] == "tasting"
	})
	if _, err := parseTouchPoints("no colon here", nil); err == nil {
		t.Error("a touch point line without a colon was accepted")
	}
}

func TestRoutingRulesAndHandOff(t *testing.T) {
	svc := newFake(2)
	m := newWindow(t, svc)
	r := m.settings.routes
	r.onSuggest()
	eventually(t, "the suggested rule is listed", func() bool {
		return strings.Contains(collectText(r.box), "Shop: complaints → Kim Park")
	})
	eventually(t, "mention 1 open", func() bool { return m.inbox.detail.shown.ID == 1 })
	if top := findButton(m.inbox.detail.Content(), "Hand off…"); top == nil {
		t.Fatal("no Hand off button")
	}
	m.inbox.handOff(1)
	work.drain() // the team is read in the background
	if top := m.Win.Canvas().Overlays().Top(); top == nil || !strings.Contains(collectText(top), "Hand off by email") {
		t.Fatal("no hand-off dialog")
	}
}
