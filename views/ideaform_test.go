package views

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/interacting/inbox"
)

func TestAMentionTurnsIntoAnIdeaOnTheBoard(t *testing.T) {
	// Given the sample's inbox with a mention open
	m, _ := sampleWindow(t)
	in := m.inbox
	eventually(t, "a mention is open", func() bool { return in.selected != 0 && len(in.rows) > 0 })
	id := in.selected
	if findButton(in.Content(), "Idea…") == nil {
		t.Fatal("the detail bar has no Idea… button")
	}
	// When the user presses i, names the idea and adds it
	m.onTypedRune('i')
	top := m.Win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(collectText(top), "Turn into an idea") {
		t.Fatal("i does not open the idea dialog")
	}
	var entry *widget.Entry
	walk(top, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && entry == nil {
			entry = e
		}
	})
	if entry == nil || entry.Text == "" {
		t.Fatal("the idea's title is not suggested from the mention")
	}
	entry.SetText("")
	test.Type(entry, "Open earlier on Sundays")
	test.Tap(findButton(top, "Add to the board"))
	work.drain()
	// Then the board holds it, with the mention as its evidence
	board, err := m.svc.Ideas()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, i := range board {
		if i.Title == "Open earlier on Sundays" {
			found = slices.Equal(i.Mentions, []uint64{id})
		}
	}
	if !found {
		t.Errorf("the board lacks the idea with mention %d: %+v", id, board)
	}
	if top := m.Win.Canvas().Overlays().Top(); top == nil || !strings.Contains(collectText(top), "ideas board") {
		t.Error("the user is not told where the idea went")
	}
}

func TestAnIdeasKindFollowsTheMention(t *testing.T) {
	tests := []struct {
		intents []string
		want    string
	}{
		{[]string{"question"}, "content"},
		{[]string{"praise", "know"}, "content"},
		{[]string{"complaint"}, "process"},
		{[]string{"praise"}, "product"},
		{nil, "product"},
	}
	for _, tt := range tests {
		if got := ideaKind(inbox.Row{Intents: tt.intents}); got != tt.want {
			t.Errorf("%v: %s, want %s", tt.intents, got, tt.want)
		}
	}
}
