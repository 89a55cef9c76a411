package experiments

import (
	"strings"
	"testing"
	"time"

	"github.com/rapportapp/rapport/app/interacting/reply"
	"github.com/rapportapp/rapport/app/shared/testkit"
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/storage"
)

// TestAnExperimentSuggestsRecordsAndTallies runs an experiment end to end:
// the composer's suggestions alternate, replies record the variant, and
// people who come back within the window count as successes.
func TestAnExperimentSuggestsRecordsAndTallies(t *testing.T) {
	st := testkit.Store(t)
	t0 := time.Now().Add(-time.Hour) // the reply service logs at the real time
	now := t0
	clock := func() time.Time { return now }
	svc := New(Params{Store: st, Now: clock})
	rp := reply.New(reply.Params{Store: st, Business: func() (workspace.Business, error) { return workspace.Business{}, nil }})
	e, err := svc.Save(Experiment{
		Name: "Offline or public", Hypothesis: "Taking complaints offline brings people back",
		Variants: []Variant{{Name: "Reply in public"}, {Name: "Offer email"}}, Population: Population{Polarity: "negative"},
		Outcome: OutcomeReturns, Days: 7,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.Start(e.ID); err != nil {
		t.Fatal(err)
	}
	e, _ = svc.Get(e.ID)
	// 40 negative mentions by 40 people; B's people come back three times
	// out of four, A's one time in four (5 and 15 of 20).
	var ids []uint64
	for i := range 40 {
		p := &storage.Person{Name: "p"}
		testkit.Put(t, st, (*storage.Tx).People, p)
		m := &storage.Mention{
			Title: "bad", PersonID: p.ID, Published: t0.Add(time.Duration(i) * time.Minute),
			Analysis: storage.Analysis{Analysed: true, Polarity: "negative"},
		}
		testkit.Put(t, st, (*storage.Tx).Mentions, m)
		ids = append(ids, m.ID)
	}
	other := &storage.Mention{Title: "good", Analysis: storage.Analysis{Analysed: true, Polarity: "positive"}}
	testkit.Put(t, st, (*storage.Tx).Mentions, other)
	if _, ok, _ := svc.Suggest(other.ID); ok {
		t.Error("a positive mention is not in the population")
	}
	got := ""
	for i, id := range ids {
		sg, ok, err := svc.Suggest(id)
		if err != nil || !ok {
			t.Fatalf("no suggestion for mention %d: %v", id, err)
		}
		got += sg.Variant.Key
		x, err := rp.Log(reply.Action{MentionID: id, Channel: "reddit", Text: "sorry", Experiment: sg.Experiment, Variant: sg.Variant.Key})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := svc.Suggest(id); ok {
			t.Error("an answered mention gets no second suggestion")
		}
		if (sg.Variant.Key == "B" && i%8 != 1) || (sg.Variant.Key == "A" && i%8 == 0) {
			back := &storage.Mention{Title: "back", PersonID: x.PersonID, Published: x.At.Add(48 * time.Hour)}
			testkit.Put(t, st, (*storage.Tx).Mentions, back)
		}
	}
	if !strings.HasPrefix(got, "ABABAB") {
		t.Errorf("alternating assignment gave %s", got)
	}
	now = t0.Add(30 * 24 * time.Hour)
	r, err := svc.Results(e)
	if err != nil {
		t.Fatal(err)
	}
	a, b := r.Variants[0], r.Variants[1]
	if a.N != 20 || b.N != 20 || a.Successes != 5 || b.Successes != 15 {
		t.Fatalf("tally: A %+v, B %+v", a, b)
	}
	if r.Best != "B" || r.PValue > 0.01 || !strings.HasPrefix(r.Sentence, "B looks better") {
		t.Errorf("result: %+v", r)
	}
	var learned string
	svc.p.OnConcluded = func(e Experiment, summary string) error { learned = e.Conclusion + " / " + summary; return nil }
	if err := svc.Conclude(e.ID, "Offer email to unhappy people"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(learned, "Offer email") || !strings.Contains(learned, "B looks better") {
		t.Errorf("learning written: %q", learned)
	}
}

func TestFewRepliesAreNotEnoughData(t *testing.T) {
	r := Result{Variants: []VariantResult{{Key: "A", N: 3, Successes: 1, Rate: 0.3333}, {Key: "B", N: 4, Successes: 3, Rate: 0.75}}}
	r.compare()
	if !strings.HasPrefix(r.Sentence, "Not enough data yet") {
		t.Errorf("sentence: %s", r.Sentence)
	}
	r = Result{Variants: []VariantResult{{Key: "A", N: 30, Successes: 12, Rate: 0.4}, {Key: "B", N: 30, Successes: 16, Rate: 0.5333}}}
	r.compare()
	if r.More <= 0 || !strings.Contains(r.Sentence, "more replies needed") {
		t.Errorf("a small difference should ask for more data: %+v", r)
	}
}
