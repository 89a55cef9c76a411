package ideas

import (
	"strings"
	"testing"
	"time"

	"github.com/rapportapp/rapport/app/shared/testkit"
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/storage"
)

var t0 = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)

func service(t *testing.T) (*Service, *storage.Store) {
	st := testkit.Store(t)
	return New(Params{
		Store: st, Now: func() time.Time { return t0 },
		Business: func() (workspace.Business, error) {
			return workspace.Business{Name: "Ember & Oak", Owner: "Dana Reyes"}, nil
		},
	}), st
}

func TestAnIdeaMovesAcrossTheBoardAndClosesTheLoop(t *testing.T) {
	svc, st := service(t)
	maya := &storage.Person{Name: "Maya Lin"}
	testkit.Put(t, st, (*storage.Tx).People, maya)
	ms := []*storage.Mention{
		{Title: "Please sell decaf in smaller bags", Author: "mayabrews", PersonID: maya.ID, Published: t0},
		{Title: "Smaller decaf bags would be great", Author: "theo", Published: t0.Add(time.Hour)},
		{Title: "Again: smaller bags!", Author: "mayabrews", PersonID: maya.ID, Published: t0.Add(2 * time.Hour)},
	}
	ids := testkit.Mentions(t, st, ms...)
	i, err := svc.FromMentions("Sell decaf in 250 g bags", "product", ids)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CloseLoop(i.ID); err == nil {
		t.Error("an idea not done yet has no loop to close")
	}
	for _, st := range []string{StagePlanned, StageDone} {
		if i, err = svc.Move(i.ID, st); err != nil || i.Stage != st {
			t.Fatalf("move to %s: %v %+v", st, err, i)
		}
	}
	loop, err := svc.CloseLoop(i.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(loop.Notes) != 2 {
		t.Fatalf("one note per person who raised it, got %d: %+v", len(loop.Notes), loop.Notes)
	}
	if !strings.HasPrefix(loop.Notes[0].Draft, "Hi Maya,") || !strings.Contains(loop.Notes[0].Draft, "sell decaf in 250 g bags is now done") {
		t.Errorf("note: %s", loop.Notes[0].Draft)
	}
	if !strings.Contains(loop.Public, "2 of you") {
		t.Errorf("public post: %s", loop.Public)
	}
	if _, err := svc.Move(i.ID, "someday"); err == nil {
		t.Error("no such column")
	}
}

func TestRoadmapGroupsSimilarQuestions(t *testing.T) {
	svc, st := service(t)
	q := func(text string, tps ...string) *storage.Mention {
		return &storage.Mention{Title: text, Published: t0, Analysis: storage.Analysis{Analysed: true, Intents: []string{"question"}, TouchPoints: tps}}
	}
	testkit.Mentions(t, st,
		q("How long does shipping to Canada take?", "delivery"),
		q("Do you ship to Canada? How long does shipping take?", "delivery"),
		q("Shipping to Canada: how long?", "delivery"),
		q("What grind size for a moka pot?"),
		q("Which grind size works for moka pot brewing?"),
		&storage.Mention{Title: "Love it", Published: t0, Analysis: storage.Analysis{Analysed: true, Intents: []string{"praise"}}},
	)
	topics, err := svc.Roadmap(t0.Add(-time.Hour), t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(topics) != 2 || topics[0].Count != 3 || topics[1].Count != 2 {
		t.Fatalf("topics: %+v", topics)
	}
	if topics[0].TouchPoint != "delivery" || !strings.Contains(topics[0].Label, "canada") || !strings.Contains(topics[0].Suggestion, "3 people asked") {
		t.Errorf("first topic: %+v", topics[0])
	}
}
