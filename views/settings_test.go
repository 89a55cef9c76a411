package views

import (
	"strings"
	"testing"

	"github.com/rapportapp/rapport/app/shared/workspace"
)

func TestSettingsEditBusinessTeamAndTouchPoints(t *testing.T) {
	svc := newFake(1)
	svc.business = workspace.Business{Name: "Ember & Oak", BrandTerms: []string{"EmberOak"}}
	m := newWindow(t, svc)
	m.tabs.SelectIndex(tabSettings)
	p := m.settings.prefs
	eventually(t, "the business form", func() bool { return p.name.Text == "Ember & Oak" && p.brand.Text == "EmberOak" })
	p.promise.SetText("fresh, friendly")
	p.saveBusiness()
	eventually(t, "saved", func() bool {
		svc.mu.Lock()
		defer svc.mu.Unlock()
		return len(svc.business.Promise) == 2 && svc.business.Promise[1] == "friendly"
	})
	p.team.SetText("Kim Park, kim@e.com, online shop & support\nLuis Ortega")
	p.saveTeam()
	eventually(t, "team saved", func() bool {
		svc.mu.Lock()
		defer svc.mu.Unlock()
		return len(svc.team) == 2 && svc.team[0].Role == "online shop & support" && svc.team[1].Name == "Luis Ortega"
	})
	p.team.SetText("Kim Park, not-an-email")
	p.saveTeam() // refused with a message; nothing saved
	if len(svc.team) != 2 {
		t.Error("a team with a bad email was saved")
	}
	if !strings.Contains(p.touch.Text, "price:") {
		t.Fatalf("touch points %q", p.touch.Text)
	}
	p.touch.SetText(p.touch.Text + "\ncuppings: cupping, tasting")
	p.saveAnalysis()
	eventually(t, "touch points saved", func() bool {
		svc.mu.Lock()
		defer svc.mu.Unlock()
		if svc.analysis == nil {
			return false
		}
		last := svc.analysis.TouchPoints[len(svc.analysis.TouchPoints)-1]
		return last.Name == "cuppings" && last.Terms[1] == "tasting"
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
