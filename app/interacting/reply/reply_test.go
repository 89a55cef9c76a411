package reply

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/rapportapp/rapport/app/interacting/compose"
	"github.com/rapportapp/rapport/app/shared/testkit"
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/app/shared/workspace/workspacetest"
	"github.com/rapportapp/rapport/storage"
)

func setup(t *testing.T) (*Service, *workspace.Workspace, storage.Mention) {
	t.Helper()
	w := workspacetest.New(t)
	_ = w.SetBusiness(workspace.Business{Name: "Ember & Oak", Owner: "Dana Reyes", Email: "dana@e.com"})
	p := storage.Person{Name: "Maya Lin", Contact: true, Email: "maya@e.com", Phone: "+1 503 555 0100"}
	m := storage.Mention{
		Title: "Love the Guji", Author: "@mayabrews@mastodon.social", Platform: "mastodon", Link: "https://mastodon.social/@mayabrews/1",
		Published: time.Now().Add(-time.Hour), Analysis: storage.Analysis{TouchPoints: []string{"product quality"}},
	}
	_ = w.Store.Update(func(tx *storage.Tx) error {
		_ = tx.People().Put(&p)
		m.PersonID = p.ID
		return tx.Mentions().Put(&m)
	})
	return New(Params{Store: w.Store, Business: w.Business, Me: w.Me}), w, m
}

func TestContextFillsTheVariables(t *testing.T) {
	t.Parallel()
	s, _, m := setup(t)
	c, err := s.ContextFor(m.ID)
	if err != nil {
		t.Fatal(err)
	}
	v := c.Vars
	if c.Platform != "mastodon" || c.Email != "maya@e.com" || v.FirstName != "Maya" || v.Brand != "Ember & Oak" || v.Owner != "Dana Reyes" ||
		v.Link != m.Link || v.Product != "product quality" {
		t.Errorf("context %+v", c)
	}
	if firstName("u/mayabrews") != "" || firstName("Theo Grant") != "Theo" {
		t.Error("first names from handles")
	}
}

func TestLogRecordsAGiveAndAFollowUp(t *testing.T) {
	t.Parallel()
	s, w, m := setup(t)
	if _, err := s.Log(Action{MentionID: m.ID, Channel: "mastodon", Text: "Thank you!", FollowUp: 48 * time.Hour, By: "Dana"}); err != nil {
		t.Fatal(err)
	}
	_ = w.Store.View(func(tx *storage.Tx) error {
		ids, _ := tx.InteractionIDsByPerson(m.PersonID)
		xs, _ := tx.Interactions().GetMany(ids)
		if len(xs) != 1 || xs[0].Direction != "give" || xs[0].Kind != "reply" || xs[0].MentionID != m.ID || xs[0].Channel != "mastodon" {
			t.Errorf("interactions %+v", xs)
		}
		got, _ := tx.Mentions().Get(m.ID)
		if got.State != storage.StateHandled || len(got.History) != 1 {
			t.Errorf("mention state %v history %+v", got.State, got.History)
		}
		tasks, _ := tx.TaskIDsByPerson(m.PersonID)
		if len(tasks) != 1 {
			t.Fatalf("follow-ups %v", tasks)
		}
		task, _ := tx.Tasks().Get(tasks[0])
		if !task.AutoClose || task.MentionID != m.ID || time.Until(task.Due) < 47*time.Hour {
			t.Errorf("follow-up %+v", task)
		}
		return nil
	})
	if _, err := s.Log(Action{}); err == nil {
		t.Error("a reply to nothing was logged")
	}
}

func TestTemplatesSeedOnceAndRoundTrip(t *testing.T) {
	t.Parallel()
	s, _, _ := setup(t)
	ts, err := s.Templates()
	if err != nil || len(ts) < 6 {
		t.Fatalf("seeded %d templates, %v", len(ts), err)
	}
	for _, x := range ts {
		if err := s.DeleteTemplate(x.ID); err != nil {
			t.Fatal(err)
		}
	}
	if ts, _ := s.Templates(); len(ts) != 0 {
		t.Errorf("an emptied library came back with %d templates", len(ts))
	}
	if _, err := s.SaveTemplate(ts0()); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := s.ExportTemplates(&buf); err != nil {
		t.Fatal(err)
	}
	n, problems, err := s.ImportTemplates(strings.NewReader(buf.String()))
	if err != nil || n != 1 || len(problems) != 0 {
		t.Fatalf("import %d %v %v", n, problems, err)
	}
	if ts, _ := s.Templates(); len(ts) != 1 {
		t.Errorf("importing the same name twice made %d templates", len(ts))
	}
}

func TestFollowUpsComeDueOnce(t *testing.T) {
	t.Parallel()
	s, _, m := setup(t)
	now := time.Now()
	s.now = func() time.Time { return now }
	if _, err := s.AddFollowUp(NewFollowUp{Title: "Send a sample", Due: now.Add(-time.Minute), PersonID: m.PersonID, MentionID: m.ID}); err != nil {
		t.Fatal(err)
	}
	s.AddFollowUp(NewFollowUp{Title: "Later", Due: now.Add(time.Hour)})
	if _, err := s.AddFollowUp(NewFollowUp{Title: " ", Due: now}); err == nil {
		t.Error("a follow-up without a title was added")
	}
	due, err := s.DueNow()
	if err != nil || len(due) != 1 || due[0].Person != "Maya Lin" || due[0].Mention != "Love the Guji" {
		t.Fatalf("due %+v %v", due, err)
	}
	if again, _ := s.DueNow(); len(again) != 0 {
		t.Errorf("announced twice: %+v", again)
	}
	if err := s.SetDone(due[0].ID, true); err != nil {
		t.Fatal(err)
	}
	open, _ := s.FollowUps(false)
	done, _ := s.FollowUps(true)
	if len(open) != 1 || len(done) != 1 {
		t.Errorf("open %d done %d", len(open), len(done))
	}
}

func ts0() compose.Template { return compose.Template{Name: "Thanks", Body: "Thanks {first_name}!"} }

func TestADraftIsNotAReplyUntilConfirmed(t *testing.T) {
	t.Parallel()
	s, w, m := setup(t)
	given := func() int { return len(testkit.All(t, w.Store, (*storage.Tx).Interactions)) }
	// An empty reply is neither drafted nor logged
	for _, text := range []string{"", "  \n "} {
		if err := s.Draft(Action{MentionID: m.ID, Channel: "mastodon", Text: text}); !errors.Is(err, ErrEmptyReply) {
			t.Errorf("draft %q: %v", text, err)
		}
		if _, err := s.Log(Action{MentionID: m.ID, Channel: "email", Text: text}); !errors.Is(err, ErrEmptyReply) {
			t.Errorf("log %q: %v", text, err)
		}
	}
	// A draft changes no state and gives nothing
	if err := s.Draft(Action{MentionID: m.ID, Channel: "mastodon", Text: "Thanks!", FollowUp: time.Hour}); err != nil {
		t.Fatal(err)
	}
	got := testkit.Mention(t, w.Store, m.ID)
	if got.Draft == nil || got.State != storage.StateNew || given() != 0 || !strings.Contains(got.History[len(got.History)-1].Note, "reply drafted for Mastodon") {
		t.Fatalf("after the draft: %+v, %d interactions", got, given())
	}
	// Confirming records it as given, with its follow-up
	if _, err := s.Confirm(m.ID); err != nil {
		t.Fatal(err)
	}
	got = testkit.Mention(t, w.Store, m.ID)
	if got.Draft != nil || got.State != storage.StateHandled || given() != 1 || len(testkit.All(t, w.Store, (*storage.Tx).Tasks)) != 1 {
		t.Fatalf("after confirming: %+v, %d interactions", got, given())
	}
	if _, err := s.Confirm(m.ID); err == nil {
		t.Error("a second confirm recorded the reply twice")
	}
	// A draft that was not sent leaves the mention needing a reply
	_ = s.Draft(Action{MentionID: m.ID, Channel: "email", Text: "Hello again"})
	if err := s.NotSent(m.ID); err != nil {
		t.Fatal(err)
	}
	if got = testkit.Mention(t, w.Store, m.ID); got.Draft != nil || got.State != storage.StateNeedsReply || given() != 1 {
		t.Errorf("after not sent: %+v, %d interactions", got, given())
	}
}
