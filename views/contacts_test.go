package views

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/rapportapp/rapport/app/people/crm"
)

func TestContactsListAndPage(t *testing.T) {
	svc := newFake(2)
	svc.people = []crm.Row{
		{ID: 1, Name: "Maya Lin", Contact: true, Stage: "advocate", Score: 84, Platforms: []string{"reddit", "mastodon"}},
		{ID: 2, Name: "Jordan Blake", Contact: true, Stage: "at risk", Score: 0},
	}
	m := newWindow(t, svc)
	m.tabs.SelectIndex(tabContacts)
	c := m.contacts
	eventually(t, "two people listed", func() bool { return c.list.Length() == 2 })
	eventually(t, "Maya's page", func() bool { return c.page.title.Text == "Maya Lin" })
	if !strings.Contains(c.page.score.Text, "Advocate score 84") || c.page.stage.Selected != "advocate" {
		t.Errorf("page score %q stage %q", c.page.score.Text, c.page.stage.Selected)
	}
	if len(c.page.timeline.Objects) != 1 {
		t.Errorf("timeline has %d events", len(c.page.timeline.Objects))
	}
	// Moving her to champion records it through the service.
	c.page.stage.SetSelected("champion")
	eventually(t, "stage saved", func() bool {
		svc.mu.Lock()
		defer svc.mu.Unlock()
		return svc.people[0].Stage == "champion"
	})
	// Search narrows the list.
	c.filter.Text = "jordan"
	c.Reload()
	eventually(t, "filtered", func() bool { return c.list.Length() == 1 && c.rows[0].Name == "Jordan Blake" })
	// The board groups by stage.
	c.filter.Text = ""
	c.boardOn = true
	c.Reload()
	eventually(t, "board", func() bool { return strings.Contains(collectText(c.body), "Champion") })
	// Reply to latest opens the composer on their newest mention.
	c.boardOn = false
	c.open(1)
	eventually(t, "page again", func() bool { return c.page.pg.Person.ID == 1 })
	c.page.onReplyLatest()
	eventually(t, "composer", func() bool { return m.inbox.composer != nil && m.inbox.composer.ctx.MentionID == 1 })
}

func TestParseHandlesAndMoney(t *testing.T) {
	hs := parseHandles("reddit: mayabrews\n\nhttps://maya.blog\n bluesky : maya.bsky.social ")
	if len(hs) != 3 || hs[0].Platform != "reddit" || hs[1].Platform != "web" || hs[2].Handle != "maya.bsky.social" {
		t.Errorf("handles %+v", hs)
	}
	for in, want := range map[string]float64{"": 0, "36": 36, "$12.50": 12.5, "1,200.00": 1200} {
		if got, err := parseMoney(in); err != nil || got != want {
			t.Errorf("parseMoney(%q) = %v %v", in, got, err)
		}
	}
	if _, err := parseMoney("lots"); err == nil {
		t.Error("parseMoney accepted words")
	}
}

// While the people for a new filter are read (everyone who wrote takes a
// while in a large workspace), the screen says so rather than "No contacts
// yet" or the old list; an answer overtaken by a later one is dropped.
func TestContactsSaysItIsReadingAndDropsAnOvertakenAnswer(t *testing.T) {
	svc := newFake(0)
	svc.people = []crm.Row{{ID: 1, Name: "Maya Lin", Contact: true}, {ID: 2, Name: "Jordan Blake", Contact: true}}
	m := newWindow(t, svc)
	m.tabs.SelectIndex(tabContacts)
	c := m.contacts
	eventually(t, "two people listed", func() bool { return c.list.Length() == 2 })
	var held []func() // the background reads, run when and in the order the test says
	c.Go = func(fn func()) { held = append(held, fn) }
	test.Tap(c.everyone)
	if text := collectText(c.body); !strings.Contains(text, "Reading everyone who wrote") || strings.Contains(text, "No contacts yet") || strings.Contains(text, "Maya") {
		t.Errorf("while everyone is read, the screen shows %q", text)
	}
	// A search typed meanwhile is answered first; the answer for everyone,
	// when it comes after, is not shown over it.
	c.filter.Text = "jordan"
	c.Reload()
	for i := len(held) - 1; i >= 0; i-- {
		held[i]()
	}
	eventually(t, "the search's answer", func() bool { return len(c.rows) == 1 && c.rows[0].Name == "Jordan Blake" && !c.loading })
	if text := collectText(c.body); strings.Contains(text, "Reading") || !strings.Contains(text, "Jordan Blake") {
		t.Errorf("after the answers, the screen shows %q", text)
	}
}

// A list that could not be read says so, with Try again: not the old list
// under the new filter, nor "No one has written about you yet".
func TestContactsSaysWhenTheListCouldNotBeRead(t *testing.T) {
	svc := newFake(0)
	svc.people = []crm.Row{{ID: 1, Name: "Maya Lin", Contact: true}}
	m := newWindow(t, svc)
	m.tabs.SelectIndex(tabContacts)
	c := m.contacts
	eventually(t, "Maya listed", func() bool { return c.list.Length() == 1 })
	svc.mu.Lock()
	svc.contactsErr = errors.New("the disk is full")
	svc.mu.Unlock()
	test.Tap(c.everyone)
	eventually(t, "the failure said", func() bool {
		text := collectText(c.body)
		return strings.Contains(text, "could not be read: the disk is full") && !strings.Contains(text, "Maya") && !strings.Contains(text, "No one has written")
	})
	for _, o := range m.Win.Canvas().Overlays().List() {
		if strings.Contains(collectText(o), "disk is full") {
			t.Errorf("a dialog came over the screen as well: %q", collectText(o))
		}
	}
	svc.mu.Lock()
	svc.contactsErr = nil
	svc.mu.Unlock()
	again := findButton(c.body, "Try again")
	if again == nil {
		t.Fatalf("no Try again in %q", collectText(c.body))
	}
	test.Tap(again)
	eventually(t, "the list after trying again", func() bool { return c.list.Length() == 1 && !strings.Contains(collectText(c.body), "could not") })
}

// From the first moment the screen is shown it says it is reading, and a
// filter changed before the first answer says what it now reads: at a
// million mentions the first read takes seconds, and the screen stayed an
// empty list under a ticked Everyone who wrote.
func TestContactsSaysItIsReadingFromTheFirstLoad(t *testing.T) {
	svc := newFake(0)
	svc.people = []crm.Row{{ID: 1, Name: "Maya Lin", Contact: true}}
	m := newWindow(t, svc)
	c := m.contacts
	var held []func()
	c.Go = func(fn func()) { held = append(held, fn) }
	m.tabs.SelectIndex(tabContacts)
	if text := collectText(c.body); !strings.Contains(text, "Reading your contacts") {
		t.Errorf("before the first answer, the screen shows %q", text)
	}
	test.Tap(c.everyone)
	if text := collectText(c.body); !strings.Contains(text, "Reading everyone who wrote") {
		t.Errorf("Everyone who wrote ticked before the first answer: the screen shows %q", text)
	}
	for _, fn := range held {
		fn()
	}
	eventually(t, "Maya listed", func() bool { return c.list.Length() == 1 && !c.loading })
}

// Sorting the people on screen sorts them where they are: reading them
// again took 5.4 s for everyone who wrote at a million mentions, with the
// old order under the new sort's name all the while.
func TestContactsSortsWithoutReadingAgain(t *testing.T) {
	svc := newFake(0)
	svc.people = []crm.Row{{ID: 1, Name: "Maya Lin", Contact: true, Score: 50}, {ID: 2, Name: "Jordan Blake", Contact: true, Score: 10}}
	m := newWindow(t, svc)
	m.tabs.SelectIndex(tabContacts)
	c := m.contacts
	eventually(t, "two people listed", func() bool { return c.list.Length() == 2 && !c.loading })
	reads := func() int {
		svc.mu.Lock()
		defer svc.mu.Unlock()
		return svc.contactReads
	}
	before := reads()
	c.sortSel.SetSelected("Name")
	eventually(t, "the list by name", func() bool { return c.rows[0].Name == "Jordan Blake" && c.rows[1].Name == "Maya Lin" })
	if n := reads(); n != before || c.loading {
		t.Errorf("sorting by name read the people again (%d reads, loading %v)", n-before, c.loading)
	}
	if text := collectText(c.body); !strings.Contains(text, "Jordan Blake") || strings.Contains(text, "Reading") {
		t.Errorf("after sorting, the screen shows %q", text)
	}
	c.sortSel.SetSelected("Score")
	eventually(t, "the list by score", func() bool { return c.rows[0].Name == "Maya Lin" })
	if n := reads(); n != before {
		t.Errorf("sorting by score read the people again (%d reads)", n-before)
	}
	// A sort chosen while a read is under way reads again, in that order.
	var held []func()
	c.Go = func(fn func()) { held = append(held, fn) }
	test.Tap(c.everyone)
	c.sortSel.SetSelected("Name")
	if len(held) != 2 {
		t.Errorf("%d reads for a new filter and a sort during its read, want 2", len(held))
	}
}
