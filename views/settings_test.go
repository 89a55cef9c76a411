package views

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/shared/backups"
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

// Quitting (Ctrl+Q, the close button) with a change in Settings not saved
// asks first: Cancel keeps the window and shows Settings, with what was
// typed; once the changes are saved, it quits without asking. Before,
// what was typed in a form was lost without a word, and showing Settings
// again (which reloads it) wrote over it.
func TestQuittingAsksAboutUnsavedSettings(t *testing.T) {
	m, _ := sampleWindow(t)
	m.Win.Resize(fyne.NewSize(1111, 777))
	m.tabs.SelectIndex(tabSettings)
	p, temps := m.settings.prefs, m.settings.temps
	eventually(t, "the forms filled", func() bool { return p.saved != nil && p.name.Text != "" && len(temps.temps) > 0 })
	if got := m.settings.unsavedChanges(); len(got) != 0 {
		t.Fatalf("unsaved right after the forms were filled: %v", got)
	}
	p.promise.SetText("fresh, friendly")
	temps.show(temps.temps[0])
	temps.body.SetText(temps.body.Text + " Thanks again!")
	if got := strings.Join(m.settings.unsavedChanges(), ", "); got != "Business, Templates" {
		t.Fatalf("unsaved: %q", got)
	}
	m.tabs.SelectIndex(tabInbox)
	m.onClose()
	top := m.Win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("quit without asking")
	}
	var msg string
	walk(top, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, "not saved") {
			msg = l.Text
		}
	})
	if !strings.Contains(msg, "Business and Templates") {
		t.Errorf("the question says %q", msg)
	}
	m.onClose() // pressed again while asked
	if n := len(m.Win.Canvas().Overlays().List()); n != 1 {
		t.Errorf("%d dialogs after quitting twice, want the one question", n)
	}
	test.Tap(findButton(top, "Cancel"))
	if m.tabs.SelectedIndex() != tabSettings {
		t.Errorf("after Cancel, area %d is shown, want Settings", m.tabs.SelectedIndex())
	}
	if w := m.app.Preferences().Float(prefWindowWidth); w != 0 {
		t.Fatalf("the window quit after Cancel (width %v kept)", w)
	}
	// Showing Settings again reloaded the forms, over what was typed.
	work.drain()
	if p.promise.Text != "fresh, friendly" || !strings.HasSuffix(temps.body.Text, "Thanks again!") {
		t.Fatalf("after Settings was shown again: promise %q, template %q", p.promise.Text, temps.body.Text)
	}
	// Saved, both: quitting asks nothing.
	p.saveBusiness()
	temps.onSave()
	eventually(t, "both saved", func() bool { return len(m.settings.unsavedChanges()) == 0 })
	for m.Win.Canvas().Overlays().Top() != nil { // the "Saved" notes
		m.Win.Canvas().Overlays().Remove(m.Win.Canvas().Overlays().Top())
	}
	m.onClose()
	if m.Win.Canvas().Overlays().Top() != nil {
		t.Error("asked again after saving")
	}
	if w := m.app.Preferences().Float(prefWindowWidth); w < 1000 {
		t.Errorf("did not quit once saved (width kept %v)", w)
	}
}

// The backups form counts too, once it shows the schedule.
func TestUnsavedBackupSettings(t *testing.T) {
	m, _ := sampleWindow(t)
	b := m.settings.backup
	if b == nil {
		t.Skip("no backups service")
	}
	m.tabs.SelectIndex(tabSettings)
	eventually(t, "the schedule shown", func() bool { return b.shown != nil })
	if got := m.settings.unsavedChanges(); len(got) != 0 {
		t.Fatalf("unsaved right after loading: %v", got)
	}
	b.folder.SetText("/media/usb/rapport")
	if got := m.settings.unsavedChanges(); len(got) != 1 || got[0] != "Backups" {
		t.Fatalf("unsaved: %v", got)
	}
	// A number kept that the list does not offer (set from the command
	// line) is shown, and is no change: every quit asked about it.
	b.shown = nil
	b.apply(backups.Schedule{Enabled: true, Folder: "/media/usb", Keep: 10}, backups.Status{})
	if b.keep.Selected != "10" || strings.Join(b.keep.Options, " ") != "3 7 10 14 30 90" {
		t.Errorf("keep %q of %v", b.keep.Selected, b.keep.Options)
	}
	if got := m.settings.unsavedChanges(); len(got) != 0 {
		t.Errorf("unsaved after showing a schedule keeping 10: %v", got)
	}
}

// Picking another template or New with changes to the one shown not
// saved asks first; Cancel keeps the changes and the selection. Before,
// the pick wrote the other template over what was typed.
func TestTemplateChangesAskBeforeTheyGo(t *testing.T) {
	m, _ := sampleWindow(t)
	m.tabs.SelectIndex(tabSettings)
	temps := m.settings.temps
	eventually(t, "the templates listed", func() bool { return len(temps.temps) > 1 })
	temps.list.Select(0)
	first, second := temps.temps[0], temps.temps[1]
	if temps.current.ID != first.ID || temps.body.Text != first.Body {
		t.Fatalf("showing %q, want %q", temps.current.Name, first.Name)
	}
	temps.list.Select(1) // nothing changed: no question
	if top := m.Win.Canvas().Overlays().Top(); top != nil || temps.current.ID != second.ID {
		t.Fatalf("picking a template unchanged: shown %q, asked %v", temps.current.Name, top != nil)
	}
	temps.body.SetText(second.Body + " Thanks again!")
	temps.list.Select(0)
	top := m.Win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(collectText(top), "Discard your changes to "+second.Name+"?") {
		t.Fatalf("picking another template asked nothing (%v)", top)
	}
	test.Tap(findButton(top, "Cancel"))
	if temps.current.ID != second.ID || !strings.HasSuffix(temps.body.Text, "Thanks again!") {
		t.Fatalf("after Cancel: %q with %q", temps.current.Name, temps.body.Text)
	}
	temps.onNew()
	top = m.Win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(collectText(top), "Discard your changes to "+second.Name+"?") {
		t.Fatalf("New asked nothing (%v)", top)
	}
	test.Tap(findButton(top, "Discard"))
	if temps.current.ID != 0 || temps.name.Text != "New template" || temps.body.Text != "" {
		t.Fatalf("after Discard: %q %q", temps.name.Text, temps.body.Text)
	}
	if got := m.settings.unsavedChanges(); len(got) != 0 {
		t.Errorf("unsaved after Discard: %v", got)
	}
}
