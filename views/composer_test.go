package views

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/rapportapp/rapport/app/interacting/reply"
)

func TestComposerEndToEnd(t *testing.T) {
	// Given a mention from Mastodon open in the inbox
	svc := newFake(2)
	m := newWindow(t, svc)
	in := m.inbox
	eventually(t, "mention 1 open", func() bool { return in.detail.shown.ID == 1 })
	// When the owner presses r
	m.onTypedRune('r')
	var c *composer
	eventually(t, "the composer opens", func() bool {
		top := m.Win.Canvas().Overlays().Top()
		if top == nil || !strings.Contains(collectText(top), "Copy and open the conversation") {
			return false
		}
		c = m.inbox.composer
		return c != nil
	})
	// Then it counts for Mastodon and fills a template's variables
	if c.platform.Selected != "Mastodon" {
		t.Errorf("platform %q", c.platform.Selected)
	}
	c.template.SetSelected(c.template.Options[0])
	if !strings.Contains(c.draft.Text, "Ember & Oak") && !strings.Contains(c.draft.Text, "Maya") && !strings.Contains(c.draft.Text, "Dana") {
		t.Errorf("template not rendered with variables: %q", c.draft.Text)
	}
	// The counter turns red past the limit, and the tone check flags shouting
	c.draft.SetText(strings.Repeat("a", 501))
	if seg := c.counter.Segments[0]; !strings.Contains(richText(c.counter), "1 too many") || seg == nil {
		t.Errorf("counter %q", richText(c.counter))
	}
	c.draft.SetText("BUY NOW!!! LIMITED TIME OFFER")
	work.drain()
	if !strings.Contains(c.tone.Text, "capitals") && !strings.Contains(strings.ToLower(c.tone.Text), "shout") {
		t.Errorf("tone %q", c.tone.Text)
	}
	// When they copy and open the conversation
	c.draft.SetText("Thanks so much, Maya!")
	c.onCopyAndOpen()
	eventually(t, "the reply is logged with its follow-up", func() bool {
		svc.mu.Lock()
		defer svc.mu.Unlock()
		return len(svc.replies) == 1
	})
	a := svc.replies[0]
	if a.Channel != "mastodon" || a.Text != "Thanks so much, Maya!" || a.FollowUp != 48*time.Hour || a.MentionID != 1 {
		t.Errorf("logged %+v", a)
	}
	if got := fyne.CurrentApp().Clipboard().Content(); got != "Thanks so much, Maya!" {
		t.Errorf("clipboard %q", got)
	}
}

func TestTodayShowsFollowUpsThenMentions(t *testing.T) {
	svc := newFake(3)
	now := time.Now()
	var due reply.FollowUp
	due.ID, due.Title, due.Due, due.Person, due.MentionID = 1, "Call Jordan about the refund", now.Add(-2*time.Hour), "Jordan Blake", 2
	svc.follow = []reply.FollowUp{due}
	m := newWindow(t, svc)
	td := m.today
	eventually(t, "today filled", func() bool { return strings.Contains(collectText(td.content), "Call Jordan about the refund") })
	text := collectText(td.content)
	if !strings.Contains(text, "1 follow-up due today or overdue") || !strings.Contains(text, "Headline 1") {
		t.Errorf("today shows %q", text)
	}
	td.setDone(1)
	eventually(t, "done follow-up gone", func() bool { return !strings.Contains(collectText(td.content), "Call Jordan") })
	// Open jumps to the mention in the inbox.
	td.onOpen(2)
	eventually(t, "the inbox shows mention 2", func() bool {
		return m.tabs.SelectedIndex() == tabInbox && m.inbox.detail.shown.ID == 2
	})
}
