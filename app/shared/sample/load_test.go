package sample_test

import (
	"errors"
	"testing"
	"time"

	"github.com/rapportapp/rapport/app/shared/sample"
	"github.com/rapportapp/rapport/app/shared/testkit"
	"github.com/rapportapp/rapport/app/shared/workspace/workspacetest"
	"github.com/rapportapp/rapport/assets"
	"github.com/rapportapp/rapport/storage"
)

func TestLoadSample(t *testing.T) {
	t.Parallel()
	w := workspacetest.New(t)
	now := time.Date(2027, 3, 1, 9, 30, 0, 0, time.UTC)
	var steps int
	sum, err := sample.Load(w, assets.Sample(), now, func(string, int, int) { steps++ })
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("summary: %+v", sum)
	if sum.Sources != 10 || sum.Contacts != 8 || sum.Interactions < 20 || sum.Tasks < 5 || steps < 10 {
		t.Errorf("summary %+v after %d progress steps", sum, steps)
	}
	if sum.Ingest.New < 250 || sum.Ingest.Duplicate < 3 {
		t.Errorf("ingest %+v: want a few hundred mentions and the planted duplicates", sum.Ingest)
	}
	// The newest mention is recent relative to the load time.
	_ = w.Store.View(func(tx *storage.Tx) error {
		page, _, err := tx.MentionsPage(storage.MentionsByTime(), nil, 1)
		if err != nil || len(page) != 1 {
			t.Fatalf("newest page: %v %v", page, err)
		}
		if age := now.Sub(page[0].Time()); age < 0 || age > 24*time.Hour {
			t.Errorf("newest sample mention is %v old, want within a day of loading", age)
		}
		ids, _ := tx.TaskIDsByDue(false)
		tasks, _ := tx.Tasks().GetMany(ids)
		linked := 0
		for _, k := range tasks {
			if k.MentionID != 0 && k.PersonID != 0 {
				linked++
			}
		}
		if linked < len(tasks)-1 {
			t.Errorf("only %d of %d follow-ups link a mention and a contact", linked, len(tasks))
		}
		return nil
	})
	// Loading again adds nothing.
	again, err := sample.Load(w, assets.Sample(), now, nil)
	if err != nil {
		t.Fatal(err)
	}
	if again.Ingest.New != 0 || again.Interactions != 0 || again.Tasks != 0 {
		t.Errorf("second load added things: %+v", again)
	}
	st, _ := w.Store.Stats()
	if st.Counts["sources"] != 10 || st.Counts["rules"] != 1 {
		t.Errorf("counts after two loads: %v", st.Counts)
	}
}

func TestContactsCollectTheirPosts(t *testing.T) {
	t.Parallel()
	w := workspacetest.New(t)
	if _, err := sample.Load(w, assets.Sample(), time.Now(), nil); err != nil {
		t.Fatal(err)
	}
	_ = w.Store.View(func(tx *storage.Tx) error {
		ids, _ := tx.PeopleByHandle("bluesky", "mayabrews.bsky.social")
		if len(ids) != 1 {
			t.Fatalf("Maya's bluesky handle resolves to %v", ids)
		}
		maya, _ := tx.People().Get(ids[0])
		posts, _, _ := tx.MentionIDs(storage.MentionsByPerson(maya.ID), nil, 0)
		ms, _ := tx.Mentions().GetMany(posts)
		platforms := map[string]bool{}
		for _, m := range ms {
			platforms[m.Platform] = true
		}
		if !maya.Contact || len(platforms) < 3 {
			t.Errorf("Maya: contact=%v, %d posts on %v", maya.Contact, len(ms), platforms)
		}
		return nil
	})
}

func TestRemoveTakesTheSampleOutAndKeepsTheOwnersData(t *testing.T) {
	t.Parallel()
	// Given the sample, and a source and a mention of the owner's own
	w := workspacetest.New(t)
	if _, err := sample.Load(w, assets.Sample(), time.Now(), nil); err != nil {
		t.Fatal(err)
	}
	mine := testkit.Source(t, w.Store, "My blog", "")
	own := &storage.Mention{Title: "A post of mine", SourceIDs: []uint64{mine.ID}, Published: time.Now()}
	testkit.Mentions(t, w.Store, own)
	if ok, err := sample.Loaded(w.Store); !ok || err != nil {
		t.Fatalf("loaded: %v %v", ok, err)
	}
	// When the owner removes the sample
	out, err := sample.Remove(w)
	if err != nil {
		t.Fatal(err)
	}
	// Then only their own source and mention are left, and no profile
	if out.Mentions < 250 || out.People < 8 || out.Sources != 10 {
		t.Errorf("removed %+v", out)
	}
	srcs := testkit.All(t, w.Store, (*storage.Tx).Sources)
	ms := testkit.All(t, w.Store, (*storage.Tx).Mentions)
	if len(srcs) != 1 || srcs[0].ID != mine.ID || len(ms) != 1 || ms[0].ID != own.ID {
		t.Errorf("left %d sources, %d mentions", len(srcs), len(ms))
	}
	for name, n := range map[string]int{
		"people":       len(testkit.All(t, w.Store, (*storage.Tx).People)),
		"interactions": len(testkit.All(t, w.Store, (*storage.Tx).Interactions)), "tasks": len(testkit.All(t, w.Store, (*storage.Tx).Tasks)),
		"rules": len(testkit.All(t, w.Store, (*storage.Tx).Rules)),
	} {
		if n != 0 {
			t.Errorf("%d %s left", n, name)
		}
	}
	if b, _ := w.Business(); b.Name != "" {
		t.Errorf("the sample's profile stayed: %+v", b)
	}
	if ok, _ := sample.Loaded(w.Store); ok {
		t.Error("still marked as loaded")
	}
	if _, err := sample.Remove(w); !errors.Is(err, sample.ErrNotLoaded) {
		t.Errorf("a second remove: %v", err)
	}
}

// TestTheSampleHasHistoryAnExperimentAndIdeas checks what Insights needs of
// the sample: more than eight weeks of mentions, answered ones, a running
// experiment with a result and ideas on the board, as the services of
// step 4 read them.
func TestTheSampleHasHistoryAnExperimentAndIdeas(t *testing.T) {
	t.Parallel()
	w := workspacetest.Sample(t, time.Date(2027, 3, 1, 9, 30, 0, 0, time.UTC))
	var first, last storage.Day
	_ = w.Store.View(func(tx *storage.Tx) error { first, last, _ = tx.DailySpan(); return nil })
	if weeks := int(last-first) / 7; weeks < 8 {
		t.Errorf("the sample spans %d weeks, want 8 or more", weeks)
	}
	var docs struct {
		exps  []map[int]any
		ideas []map[int]any
	}
	_ = w.Store.View(func(tx *storage.Tx) error {
		_, _ = tx.GetDoc("experiments", &docs.exps)
		_, _ = tx.GetDoc("ideas", &docs.ideas)
		return nil
	})
	if len(docs.exps) != 1 || len(docs.ideas) < 4 {
		t.Errorf("%d experiments and %d ideas", len(docs.exps), len(docs.ideas))
	}
}
