package views

import (
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/rapportapp/rapport/app/interacting/reply"
	"github.com/rapportapp/rapport/app/shared/testkit"
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/storage"
)

// mastodonMention finds a new Mastodon mention of the sample that links to
// its conversation.
func mastodonMention(t *testing.T, w *workspace.Workspace) storage.Mention {
	t.Helper()
	for _, m := range testkit.All(t, w.Store, (*storage.Tx).Mentions) {
		if m.Platform == "mastodon" && m.Link != "" && m.State == storage.StateNew && m.Draft == nil {
			return m
		}
	}
	t.Fatal("the sample has no new Mastodon mention")
	return storage.Mention{}
}

// openComposer opens mention id and presses r.
func openComposer(t *testing.T, m *MainWindow, id uint64) *composer {
	t.Helper()
	m.openMention(id)
	eventually(t, "the mention open", func() bool { return m.inbox.detail.shown.ID == id })
	m.onTypedRune('r')
	eventually(t, "the composer opens", func() bool {
		top := m.Win.Canvas().Overlays().Top()
		return top != nil && strings.Contains(collectText(top), "Copy and open the conversation") && m.inbox.composer != nil &&
			m.inbox.composer.ctx.MentionID == id
	})
	return m.inbox.composer
}

func TestComposerRecordsOnlyWhatHappened(t *testing.T) {
	// Given a new Mastodon mention of the sample
	op := &opener{}
	m, w := sampleWindowOpening(t, op)
	target := mastodonMention(t, w)
	interactions := func() int { return len(testkit.All(t, w.Store, (*storage.Tx).Interactions)) }
	before := interactions()
	// When the owner presses r, the composer counts for Mastodon
	c := openComposer(t, m, target.ID)
	if c.platform.Selected != "Mastodon" {
		t.Errorf("platform %q", c.platform.Selected)
	}
	// With an empty or blank draft, nothing can be sent
	for _, text := range []string{"", "   \n\t "} {
		c.draft.SetText(text)
		if !c.send.Disabled() || !c.email.Disabled() {
			t.Errorf("draft %q: send and email are enabled", text)
		}
	}
	// A template fills its variables
	c.template.SetSelected(c.template.Options[0])
	if strings.TrimSpace(c.draft.Text) == "" || c.send.Disabled() {
		t.Fatalf("template gave %q", c.draft.Text)
	}
	// The counter turns red past the limit, and the tone check flags shouting
	c.draft.SetText(strings.Repeat("a", 501))
	if !strings.Contains(richText(c.counter), "1 too many") {
		t.Errorf("counter %q", richText(c.counter))
	}
	c.draft.SetText("BUY NOW!!! LIMITED TIME OFFER")
	work.drain()
	if !strings.Contains(c.tone.Text, "capitals") && !strings.Contains(strings.ToLower(c.tone.Text), "shout") {
		t.Errorf("tone %q", c.tone.Text)
	}
	// A flagged draft asks once before it goes; "Edit it" keeps it here
	c.onCopyAndOpen()
	work.drain()
	top := m.Win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(collectText(top), "Send it as it is?") {
		t.Fatal("a shouting draft went without a question")
	}
	test.Tap(findButton(top, "Edit it"))
	if len(op.opened()) != 0 {
		t.Fatal("the conversation was opened although the owner chose to edit")
	}
	// When nothing can open the conversation, the composer says so and
	// nothing is recorded
	op.err = errors.New("no method available for opening 'https://…'")
	c.draft.SetText("Thanks so much, Maya!")
	c.onCopyAndOpen()
	work.drain()
	if !c.status.Visible() || !strings.Contains(c.status.Text, "Nothing was recorded") {
		t.Errorf("status %q visible %v", c.status.Text, c.status.Visible())
	}
	if got := testkit.Mention(t, w.Store, target.ID); got.Draft != nil || interactions() != before {
		t.Fatalf("a reply that could not be opened was recorded: draft %+v", got.Draft)
	}
	// When it opens, the reply is copied and recorded as a draft only
	op.err = nil
	c.onCopyAndOpen()
	work.drain()
	if got := fyne.CurrentApp().Clipboard().Content(); got != "Thanks so much, Maya!" {
		t.Errorf("clipboard %q", got)
	}
	if links := op.opened(); len(links) != 2 || links[1] != target.Link {
		t.Errorf("opened %v, want the conversation %s", links, target.Link)
	}
	got := testkit.Mention(t, w.Store, target.ID)
	if got.Draft == nil || got.Draft.Text != "Thanks so much, Maya!" || got.State != storage.StateNew || interactions() != before {
		t.Fatalf("after copying: state %v draft %+v, %d interactions (was %d)", got.State, got.Draft, interactions(), before)
	}
	// Then the mention asks whether it was posted; Yes records the reply
	eventually(t, "the question", func() bool {
		return m.inbox.detail.draftBar.Visible() && strings.Contains(m.inbox.detail.draftMsg.Text, "Did you post it?")
	})
	test.Tap(findButton(m.inbox.detail.draftBar, "Yes, I posted it"))
	eventually(t, "recorded as sent", func() bool {
		got := testkit.Mention(t, w.Store, target.ID)
		return got.State == storage.StateHandled && got.Draft == nil && interactions() == before+1
	})
	xs := testkit.All(t, w.Store, (*storage.Tx).Interactions)
	if x := xs[len(xs)-1]; x.MentionID != target.ID || x.Note != "Thanks so much, Maya!" || x.Direction != "give" {
		t.Errorf("recorded %+v", x)
	}
}

func TestADraftNotSentIsNotAReply(t *testing.T) {
	op := &opener{}
	m, w := sampleWindowOpening(t, op)
	target := mastodonMention(t, w)
	before := len(testkit.All(t, w.Store, (*storage.Tx).Interactions))
	c := openComposer(t, m, target.ID)
	c.draft.SetText("Hi Maya, sorry to hear that. DM us your order number?")
	c.onEmail()
	work.drain()
	if links := op.opened(); len(links) != 1 || !strings.HasPrefix(links[0], "mailto:") {
		t.Fatalf("opened %v", links)
	}
	eventually(t, "the question", func() bool { return strings.Contains(m.inbox.detail.draftMsg.Text, "Did you send it?") })
	test.Tap(findButton(m.inbox.detail.draftBar, "Not yet"))
	eventually(t, "not sent", func() bool {
		got := testkit.Mention(t, w.Store, target.ID)
		return got.Draft == nil && got.State == storage.StateNeedsReply
	})
	if n := len(testkit.All(t, w.Store, (*storage.Tx).Interactions)); n != before {
		t.Errorf("%d interactions, want %d: a reply that was not sent counts in the ledger", n, before)
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

func TestCtrlEnterCopiesAndOpens(t *testing.T) {
	op := &opener{}
	m, w := sampleWindowOpening(t, op)
	target := mastodonMention(t, w)
	c := openComposer(t, m, target.ID)
	c.draft.SetText("Thank you, that made our day!")
	c.draft.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierShortcutDefault})
	work.drain()
	if links := op.opened(); len(links) != 1 || links[0] != target.Link {
		t.Errorf("opened %v", links)
	}
	if got := testkit.Mention(t, w.Store, target.ID); got.Draft == nil {
		t.Error("Ctrl+Enter recorded no draft")
	}
}
