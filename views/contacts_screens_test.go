package views

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"github.com/rapportapp/rapport/app/people/crm"
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/storage"
)

// sampleContacts opens the contacts screen of a window on the sample.
func sampleContacts(t *testing.T) (*MainWindow, *Contacts, *workspace.Workspace) {
	t.Helper()
	m, w := sampleWindow(t)
	t.Cleanup(work.elapse) // no held change outlives the test's store
	m.Win.Resize(fyne.NewSize(1024, 640))
	m.tabs.SelectIndex(tabContacts)
	c := m.contacts
	eventually(t, "the sample's eight contacts", func() bool { return len(c.rows) == 8 })
	return m, c, w
}

func rowNamed(t *testing.T, c *Contacts, name string) crm.Row {
	t.Helper()
	for _, r := range c.rows {
		if r.Name == name {
			return r
		}
	}
	t.Fatalf("%s is not listed", name)
	return crm.Row{}
}

func TestTheStageShownIsTheSelectedPersons(t *testing.T) {
	// Given everyone who wrote, so people without a stage are listed too
	_, c, _ := sampleContacts(t)
	c.everyone.SetChecked(true)
	eventually(t, "everyone", func() bool { return len(c.rows) > 8 })
	var none crm.Row
	for _, r := range c.rows {
		if r.Stage == "" && !r.Own {
			none = r
			break
		}
	}
	// When the owner opens Maya, an advocate, then someone without a stage
	maya := rowNamed(t, c, "Maya Lin")
	c.open(maya.ID)
	eventually(t, "Maya's page", func() bool { return c.page.pg.Person.ID == maya.ID })
	if c.page.stage.Selected != "advocate" {
		t.Fatalf("Maya's stage shows %q", c.page.stage.Selected)
	}
	c.open(none.ID)
	eventually(t, none.Name+"'s page", func() bool { return c.page.pg.Person.ID == none.ID })
	// Then the stage shows none, not Maya's
	if c.page.stage.Selected != "" {
		t.Errorf("%s has no stage, but the stage shows %q", none.Name, c.page.stage.Selected)
	}
}

func TestContactCountsReadRight(t *testing.T) {
	_, c, _ := sampleContacts(t)
	if c.count.Text != "8 people · advocate scores, out of 100, at the right" {
		t.Errorf("count %q", c.count.Text)
	}
	c.search.SetText("Maya")
	eventually(t, "one person", func() bool { return len(c.rows) == 1 })
	if !strings.HasPrefix(c.count.Text, "1 person ·") {
		t.Errorf("count %q, want \"1 person\"", c.count.Text)
	}
}

func TestPlatformsReadAsTheirNames(t *testing.T) {
	_, c, _ := sampleContacts(t)
	sam := rowNamed(t, c, "Sam Okafor")
	c.open(sam.ID)
	eventually(t, "Sam's page", func() bool { return c.page.pg.Person.ID == sam.ID })
	text := collectText(c.Content())
	for _, kind := range []string{"jsonfeed", "hackernews", "stackexchange", "bluesky:", "wrote on bluesky", "wrote on reddit"} {
		if strings.Contains(text, kind) {
			t.Errorf("the screen shows %q", kind)
		}
	}
	if !strings.Contains(text, "JSON Feed") || !strings.Contains(c.page.who.Text, "Bluesky: ") {
		t.Errorf("no platform names: who %q", c.page.who.Text)
	}
}

func TestTheBoardGroupsPeopleByTheStageTheyHave(t *testing.T) {
	// Given the sample: advocates, fans, an influencer, the press, at risk
	_, c, _ := sampleContacts(t)
	// When the owner turns the board on
	c.boardToggle.SetChecked(true)
	work.drain()
	cols := boardColumns(c.rows)
	where := map[string]string{}
	for _, col := range cols {
		for _, r := range col.rows {
			where[r.Name] = col.label
		}
	}
	// Then each is under the stage they have, fans under fan
	for name, want := range map[string]string{
		"Theo Grant": "fan", "Sam Okafor": "fan", "Carl Whitfield": "influencer", "Ruth Alvarez": "press",
		"Jordan Blake": "at risk", "Maya Lin": "advocate",
	} {
		if where[name] != want {
			t.Errorf("%s is under %q, want %q", name, where[name], want)
		}
	}
	text := collectText(c.body)
	for _, title := range []string{"Fan", "Influencer", "Press", "At risk", "Advocate"} {
		if !strings.Contains(text, title) {
			t.Errorf("no %q column on the board: %q", title, text)
		}
	}
	// And the board fits the screen, with the whole width: the page is
	// not beside it
	c.everyone.SetChecked(true)
	eventually(t, "everyone on the board", func() bool { return len(c.rows) > 100 })
	if w, min := c.Content().Size().Width, c.body.Objects[0].(*container.Scroll).Content.MinSize().Width; min > w {
		t.Errorf("the board needs %.0f px of %.0f", min, w)
	}
	text = collectText(c.body)
	if strings.Contains(text, "Advocate score") || strings.Contains(text, "Select a person") {
		t.Error("the board shares the screen with the page")
	}
	// When the owner picks someone on the board, their page opens
	test.Tap(findCard(t, c.body, "Ruth Alvarez"))
	eventually(t, "Ruth's page", func() bool { return c.page.pg.Person.Name == "Ruth Alvarez" })
	if c.boardOn {
		t.Error("the board stayed on over Ruth's page")
	}
}

func findCard(t *testing.T, o fyne.CanvasObject, prefix string) *boardCard {
	t.Helper()
	var found *boardCard
	walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*boardCard); ok && strings.HasPrefix(b.text, prefix) && found == nil {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no card %q…", prefix)
	}
	return found
}

func TestMergeSuggestionsAreOfTwoPeopleAndOfferUndo(t *testing.T) {
	// Given the sample's merge suggestions
	m, c, w := sampleContacts(t)
	c.onSuggestions()
	work.drain()
	top := m.Win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no suggestions dialog")
	}
	// Then nobody is paired with themselves
	if text := collectText(top); strings.Contains(text, "Maya Lin  and  Maya Lin") || strings.Contains(text, "Maya Lin and Maya Lin") {
		t.Errorf("a person is paired with themselves: %q", text)
	}
	// And Escape closes the dialog
	press(t, m.Win, fyne.KeyEscape)
	if m.Win.Canvas().Overlays().Top() != nil {
		t.Fatal("Escape did not close the suggestions")
	}
	// When the owner merges the first suggestion
	c.onSuggestions()
	work.drain()
	test.Tap(findButton(m.Win.Canvas().Overlays().Top(), "Merge"))
	work.drain()
	// Then an Undo bar says what was merged, and Undo splits them again
	if !c.undo.Visible() || !strings.Contains(collectText(c.undo), "merged into") {
		t.Fatalf("no undo bar after a merge: %q", collectText(c.undo))
	}
	if top := m.Win.Canvas().Overlays().Top(); top != nil {
		t.Errorf("a dialog is open after the merge: %q", collectText(top))
	}
	test.Tap(findButton(c.undo, "Undo"))
	work.drain()
	merged := 0
	_ = w.Store.View(func(tx *storage.Tx) error {
		return tx.People().Each(func(p *storage.Person) error {
			if p.MergedInto != 0 {
				merged++
			}
			return nil
		})
	})
	if merged != 0 {
		t.Errorf("%d people still merged after Undo", merged)
	}
}

func TestEraseIsHeldWithUndoThenCarriedOut(t *testing.T) {
	m, c, w := sampleContacts(t)
	jordan := rowNamed(t, c, "Jordan Blake")
	erase := func() {
		c.open(jordan.ID)
		eventually(t, "Jordan's page", func() bool { return c.page.pg.Person.ID == jordan.ID })
		c.page.onErase()
		entry := m.Win.Canvas().Focused().(*keyEntry)
		entry.SetText("Jordan Blake")
		press(t, m.Win, fyne.KeyReturn)
	}
	exists := func() bool {
		found := false
		_ = w.Store.View(func(tx *storage.Tx) error {
			_, err := tx.People().Get(jordan.ID)
			found = err == nil
			return nil
		})
		return found
	}
	// When the owner confirms erasing Jordan
	erase()
	work.drain()
	// Then Jordan leaves the list at once, with an Undo, but is still stored
	if slices.ContainsFunc(c.rows, func(r crm.Row) bool { return r.ID == jordan.ID }) {
		t.Error("Jordan is still listed while being erased")
	}
	if !strings.Contains(collectText(c.undo), "Jordan Blake will be erased") || !exists() {
		t.Fatalf("bar %q, stored %v", collectText(c.undo), exists())
	}
	// When they undo, Jordan is back and was never erased
	test.Tap(findButton(c.undo, "Undo"))
	eventually(t, "Jordan back", func() bool {
		return slices.ContainsFunc(c.rows, func(r crm.Row) bool { return r.ID == jordan.ID })
	})
	work.elapse()
	if !exists() {
		t.Fatal("Jordan was erased after Undo")
	}
	// When they erase again and let the seconds pass, it is carried out
	erase()
	work.elapse()
	if exists() {
		t.Fatal("Jordan was not erased once the Undo went")
	}
	if !strings.Contains(collectText(c.undo), "Jordan Blake was erased") {
		t.Errorf("no word of the erase: %q", collectText(c.undo))
	}
}

func TestNoContactsExplainsWhereTheyComeFrom(t *testing.T) {
	m := newWindow(t, newFake(3))
	m.tabs.SelectIndex(tabContacts)
	c := m.contacts
	eventually(t, "the empty state", func() bool { return strings.Contains(collectText(c.body), "No contacts yet") })
	text := collectText(c.body)
	for _, want := range []string{"Everyone who wrote", "New contact…", "Import…", "vCard"} {
		if !strings.Contains(text, want) {
			t.Errorf("the empty state does not mention %q: %q", want, text)
		}
	}
	if strings.Contains(text, "0 people") {
		t.Errorf("the empty state counts: %q", text)
	}
}

func TestANewContactNeedsANameBeforeSaving(t *testing.T) {
	// Given the new-contact form, with an email typed but no name
	m, c, _ := sampleContacts(t)
	c.page.edit(crm.Details{})
	name := m.Win.Canvas().Focused().(*keyEntry)
	m.Win.Canvas().Focus(nil)
	var email *keyEntry
	walk(m.Win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if e, ok := o.(*keyEntry); ok && e != name && email == nil {
			email = e
		}
	})
	email.SetText("nina@example.com")
	m.Win.Canvas().Focus(email)
	// When the owner presses Enter
	press(t, m.Win, fyne.KeyReturn)
	work.drain()
	// Then the form stays, with what was typed, and no error is raised
	top := m.Win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(collectText(top), "Looked after by") || email.Text != "nina@example.com" {
		t.Fatal("the form closed without a name")
	}
	// When they type a name, Enter saves
	name.SetText("Nina Novak")
	press(t, m.Win, fyne.KeyReturn)
	eventually(t, "Nina listed", func() bool {
		return slices.ContainsFunc(c.rows, func(r crm.Row) bool { return r.Name == "Nina Novak" })
	})
}

func TestAGiveOrGetWaitsForAnAmount(t *testing.T) {
	m, c, _ := sampleContacts(t)
	eventually(t, "a page", func() bool { return c.page.pg.Person.ID != 0 })
	c.page.onGiveGet()
	value := m.Win.Canvas().Focused().(*keyEntry)
	test.Type(value, "lots")
	press(t, m.Win, fyne.KeyReturn)
	work.drain()
	if top := m.Win.Canvas().Overlays().Top(); top == nil || !strings.Contains(collectText(top), "Add a give or get") {
		t.Fatal("Enter closed the form on an amount that is not one")
	}
	// Nor does the Add button, pressed with the amount still in error
	test.Tap(findButton(m.Win.Canvas().Overlays().Top(), "Add"))
	work.drain()
	if top := m.Win.Canvas().Overlays().Top(); top == nil || !strings.Contains(collectText(top), "Add a give or get") || value.Text != "lots" {
		t.Fatal("Add closed the form on an amount that is not one")
	}
}
