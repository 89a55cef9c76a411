package understand

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/rapportapp/rapport/app/understanding/analyze"
	"github.com/rapportapp/rapport/storage"
)

func openStore(t *testing.T) *storage.Store {
	t.Helper()
	st, err := storage.Open(t.TempDir(), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st
}

func put(t *testing.T, st *storage.Store, ms ...*storage.Mention) {
	t.Helper()
	err := st.Update(func(tx *storage.Tx) error {
		for _, m := range ms {
			if err := tx.Mentions().Put(m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Given an owner who corrects three giveaway tags to "no intent", when
// Rapport learns from them, then a new giveaway tag is read their way, Why?
// says so, the examples are in the store and a new service loads them.
func TestLearnFromCorrections(t *testing.T) {
	st := openStore(t)
	s := New(analyze.DefaultConfig())
	texts := []string{
		"tagging @sam_k and @lou for the lamp giveaway, we need this lamp",
		"@jenny_b @mo_t entering the lamp giveaway, fingers crossed",
		"lamp giveaway entry! tagging @kitkat",
	}
	var ids []uint64
	for _, text := range texts {
		m := &storage.Mention{Text: text, Corrected: &storage.Correction{Intents: []string{}}}
		s.Apply(m, nil)
		put(t, st, m)
		ids = append(ids, m.ID)
	}
	gen := s.Generation()
	stats, err := s.Learn(context.Background(), st, ids...)
	if err != nil || stats.Corrections != 3 {
		t.Fatalf("learn: %+v %v", stats, err)
	}
	if s.Generation() == gen {
		t.Error("the generation did not change with what was learned: analyses made ahead would be kept")
	}
	r := s.Read("tagging @rob_p for the lamp giveaway, we need it")
	if len(r.Intents) != 0 {
		t.Errorf("a new giveaway tag still reads %v", r.Intents)
	}
	// a new service on the same store reads the same way
	s2 := New(analyze.DefaultConfig())
	if st2, err := s2.LoadLearned(st); err != nil || st2.Corrections != 3 {
		t.Fatalf("load learned: %+v %v", st2, err)
	}
	if r := s2.Read("tagging @rob_p for the lamp giveaway, we need it"); len(r.Intents) != 0 {
		t.Errorf("after LoadLearned a giveaway tag reads %v", r.Intents)
	}
	// removing a correction forgets it
	err = st.Update(func(tx *storage.Tx) error {
		m, err := tx.Mentions().Get(ids[0])
		if err != nil {
			return err
		}
		m.Corrected = nil
		return tx.Mentions().Put(&m)
	})
	if err != nil {
		t.Fatal(err)
	}
	if stats, _ := s.Learn(context.Background(), st, ids[0]); stats.Corrections != 2 {
		t.Errorf("after removing a correction: %+v", stats)
	}
	if err := s.ForgetLearned(st); err != nil || s.Learned().Examples() != 0 {
		t.Errorf("forget: %v %+v", err, s.Learned())
	}
}

// A mention handled without a correction is weaker evidence.
func TestLearnFromHandled(t *testing.T) {
	st := openStore(t)
	s := New(analyze.DefaultConfig())
	m := &storage.Mention{Text: "where is my parcel? ordered 2 weeks ago", State: storage.StateHandled}
	s.Apply(m, nil)
	put(t, st, m)
	stats, err := s.LearnAll(context.Background(), st)
	if err != nil || stats.Handled != 1 || stats.Corrections != 0 {
		t.Fatalf("learn all: %+v %v", stats, err)
	}
}

func TestLearnedCueSaysSo(t *testing.T) {
	st := openStore(t)
	s := New(analyze.DefaultConfig())
	var ids []uint64
	for _, text := range []string{
		"the oak lamp glow in our hallway every evening", "that brass lamp glow on a dark evening",
		"lamp glow, evening sorted",
	} {
		m := &storage.Mention{Text: text, Corrected: &storage.Correction{Intents: []string{analyze.Praise}}}
		s.Apply(m, nil)
		put(t, st, m)
		ids = append(ids, m.ID)
	}
	before := s.Read("the walnut lamp glow in the evening")
	if before.Has(analyze.Praise) {
		t.Skip("already praise without corrections")
	}
	if _, err := s.Learn(context.Background(), st, ids...); err != nil {
		t.Fatal(err)
	}
	r := s.Read("the walnut lamp glow in the evening")
	if !r.Has(analyze.Praise) {
		t.Fatalf("after corrections: %v", r.Intents)
	}
	if !slices.ContainsFunc(r.Cues, func(c analyze.Cue) bool {
		return c.Kind == analyze.CueModel && strings.HasPrefix(c.Note, "learned from your corrections")
	}) {
		t.Errorf("no cue says it was learned from corrections: %+v", r.Cues)
	}
}

func TestLearnCancelled(t *testing.T) {
	st := openStore(t)
	s := New(analyze.DefaultConfig())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Learn(ctx, st, 1); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled learn: %v", err)
	}
}
