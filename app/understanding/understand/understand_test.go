package understand

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/rapportapp/rapport/app/shared/testkit"
	"github.com/rapportapp/rapport/app/understanding/analyze"
	"github.com/rapportapp/rapport/storage"
)

func TestApplyReadsAndRanks(t *testing.T) {
	t.Parallel()
	cfg := analyze.DefaultConfig()
	cfg.Brand = []string{"Ember & Oak"}
	cfg.Promise = []string{"fresh"}
	s := New(cfg)
	tests := []struct {
		name          string
		m             storage.Mention
		author        *storage.Person
		polarity      string
		intent        string
		whyHas        []string
		minPri, maxPr float64
	}{
		{
			"angry customer",
			storage.Mention{Title: "Stale beans again", Text: "My bag was stale and nobody answers my emails. Never again."},
			&storage.Person{Stage: "customer"}, "negative", "complaint",
			[]string{"complaint", "negative", "customer"},
			45, 100,
		},
		{"happy stranger", storage.Mention{Text: "Lovely cortado at Ember & Oak today"}, nil, "positive", "praise", []string{"praise", "positive", "stranger"}, 5, 30},
		{"question from an advocate", storage.Mention{Text: "Do you ship to Canada?"}, &storage.Person{Stage: "advocate"}, "", "question", []string{"question", "advocate"}, 30, 60},
		{"german", storage.Mention{Text: "Das ist ein sehr guter Kaffee und ich trinke ihn jeden Tag gerne."}, nil, "", "", []string{"not analysed"}, 5, 15},
		{"reach", storage.Mention{Text: "Nice video about Ember & Oak", Reach: 50000}, nil, "positive", "", []string{"reach 50k"}, 10, 40},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := tt.m
			s.Apply(&m, tt.author)
			a := m.Analysis
			if tt.polarity != "" && a.Polarity != tt.polarity {
				t.Errorf("polarity %q, want %q", a.Polarity, tt.polarity)
			}
			if tt.intent != "" && !contains(a.Intents, tt.intent) {
				t.Errorf("intents %v lack %q", a.Intents, tt.intent)
			}
			for _, w := range tt.whyHas {
				if !strings.Contains(a.Why, w) {
					t.Errorf("why %q lacks %q", a.Why, w)
				}
			}
			if a.Priority < tt.minPri || a.Priority > tt.maxPr {
				t.Errorf("priority %.1f not in [%v, %v] (%s)", a.Priority, tt.minPri, tt.maxPr, a.Why)
			}
		})
	}
}

func TestCorrectionsWin(t *testing.T) {
	t.Parallel()
	s := New(analyze.DefaultConfig())
	m := storage.Mention{
		Text:      "Great, another week without my delivery 🙃",
		Corrected: &storage.Correction{Polarity: "negative", Intents: []string{"complaint"}, TouchPoints: []string{"delivery/shipping"}},
	}
	s.Apply(&m, nil)
	a := m.Analysis
	if a.Polarity != "negative" || len(a.Intents) != 1 || a.Intents[0] != "complaint" || a.TouchPoints[0] != "delivery/shipping" {
		t.Fatalf("correction lost: %+v", a)
	}
	// A correction of an unreadable language makes it analysed.
	de := storage.Mention{Text: "Das ist ein sehr guter Kaffee und ich trinke ihn jeden Tag gerne.", Corrected: &storage.Correction{Polarity: "positive"}}
	s.Apply(&de, nil)
	if !de.Analysis.Analysed || de.Analysis.Polarity != "positive" {
		t.Errorf("corrected foreign post: %+v", de.Analysis)
	}
}

func TestCurrentWeighsByAge(t *testing.T) {
	t.Parallel()
	tests := []struct{ age, want float64 }{{-5, 80}, {0, 80}, {24, 60}, {48, 50}, {1e6, 40}}
	for _, tt := range tests {
		if got := Current(80, tt.age); math.Abs(got-tt.want) > 0.01 {
			t.Errorf("Current(80, %vh) = %.2f, want %.2f", tt.age, got, tt.want)
		}
	}
}

func TestText(t *testing.T) {
	t.Parallel()
	tests := []struct{ title, text, want string }{
		{"", "body", "body"}, {"title", "", "title"}, {"Same start", "Same start and more", "Same start and more"}, {"T", "body", "T\nbody"},
	}
	for _, tt := range tests {
		if got := Text(&storage.Mention{Title: tt.title, Text: tt.text}); got != tt.want {
			t.Errorf("Text(%q, %q) = %q", tt.title, tt.text, got)
		}
	}
}

func TestSetConfigTakesEffect(t *testing.T) {
	t.Parallel()
	s := New(analyze.DefaultConfig())
	gen := s.Generation()
	cfg := analyze.DefaultConfig()
	cfg.TouchPoints = append(cfg.TouchPoints, analyze.Category{Name: "cuppings", Terms: []string{"cupping"}})
	s.SetConfig(cfg)
	if s.Generation() == gen {
		t.Error("the generation did not change with the configuration: analyses made ahead would be kept")
	}
	m := storage.Mention{Text: "The Saturday cupping was so much fun"}
	s.Apply(&m, nil)
	if !contains(m.Analysis.TouchPoints, "cuppings") {
		t.Errorf("new touch point not used: %v", m.Analysis.TouchPoints)
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func TestReanalyzeAppliesNewTouchPoints(t *testing.T) {
	t.Parallel()
	st := testkit.Store(t)
	s := New(analyze.DefaultConfig())
	m := storage.Mention{Text: "The Saturday cupping was so much fun", Corrected: &storage.Correction{Polarity: "neutral"}}
	s.Apply(&m, nil)
	_ = st.Update(func(tx *storage.Tx) error { return tx.Mentions().Put(&m) })
	cfg := analyze.DefaultConfig()
	cfg.TouchPoints = append(cfg.TouchPoints, analyze.Category{Name: "cuppings", Terms: []string{"cupping"}})
	s.SetConfig(cfg)
	var steps int
	n, err := s.Reanalyze(st, func(done, total int) { steps++ })
	if err != nil || n != 1 || steps != 1 {
		t.Fatalf("reanalyze %d %v (%d steps)", n, err, steps)
	}
	_ = st.View(func(tx *storage.Tx) error {
		got, _ := tx.Mentions().Get(m.ID)
		if !contains(got.Analysis.TouchPoints, "cuppings") || got.Analysis.Polarity != "neutral" {
			t.Errorf("after reanalysis %+v (the correction must win)", got.Analysis)
		}
		return nil
	})
}

// Given mentions read by an older analyser, ReanalyzeOutdated reads only
// those again, in batches, with progress, keeps corrections, and stops
// when cancelled.
func TestReanalyzeOutdated(t *testing.T) {
	st := openStore(t)
	s := New(analyze.DefaultConfig())
	var ms []*storage.Mention
	for i := range 450 {
		m := &storage.Mention{Text: "In reply to Kim Park. my order never arrived"}
		s.Apply(m, nil)
		if i%3 != 0 {
			m.Analysis.Version = 1 // read by the previous analyser
		}
		ms = append(ms, m)
	}
	ms[1].Corrected = &storage.Correction{Polarity: "neutral"}
	put(t, st, ms...)
	if n, err := s.Outdated(st); err != nil || n != 300 {
		t.Fatalf("outdated %d %v", n, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var steps []int
	n, err := s.ReanalyzeOutdated(ctx, st, func(done, total int) {
		steps = append(steps, done)
		if total != 300 {
			t.Errorf("total %d", total)
		}
		cancel() // after the first batch
	})
	if !errors.Is(err, context.Canceled) || n != 200 || len(steps) != 1 {
		t.Fatalf("cancelled run: %d %v %v", n, err, steps)
	}
	n, err = s.ReanalyzeOutdated(context.Background(), st, nil)
	if err != nil || n != 100 {
		t.Fatalf("second run: %d %v", n, err)
	}
	if n, _ := s.Outdated(st); n != 0 {
		t.Errorf("%d still outdated", n)
	}
	_ = st.View(func(tx *storage.Tx) error {
		m, _ := tx.Mentions().Get(ms[1].ID)
		if m.Analysis.Polarity != "neutral" || m.Analysis.Version != Version {
			t.Errorf("corrected mention after migration: %+v", m.Analysis)
		}
		return nil
	})
}

// Once every mention was found read by this version, the store remembers
// it and Outdated answers without reading them again; a new, empty store
// is noted as read from the start, one with mentions is not.
func TestOutdatedIsRememberedOnceNoneAre(t *testing.T) {
	s := New(analyze.DefaultConfig())
	st := openStore(t)
	m := &storage.Mention{Text: "my order never arrived"}
	s.Apply(m, nil)
	m.Analysis.Version = 1
	put(t, st, m)
	if err := NoteFresh(st); err != nil {
		t.Fatal(err)
	}
	if n, err := s.Outdated(st); err != nil || n != 1 {
		t.Fatalf("a store with an outdated mention, noted fresh: outdated %d %v", n, err)
	}
	if n, err := s.ReanalyzeOutdated(context.Background(), st, nil); err != nil || n != 1 {
		t.Fatalf("reanalyze %d %v", n, err)
	}
	// The note is what answers now: a mention an older analyser read,
	// slipped in behind it (only an older Rapport could), is not looked for.
	old := &storage.Mention{Text: "still waiting"}
	s.Apply(old, nil)
	old.Analysis.Version = 1
	put(t, st, old)
	if n, err := s.Outdated(st); err != nil || n != 0 {
		t.Errorf("after reading everything again: outdated %d %v, want 0 from the note", n, err)
	}

	fresh := openStore(t)
	if err := NoteFresh(fresh); err != nil {
		t.Fatal(err)
	}
	later := &storage.Mention{Text: "still waiting"}
	s.Apply(later, nil)
	put(t, fresh, later)
	if n, err := s.Outdated(fresh); err != nil || n != 0 {
		t.Errorf("a store noted fresh when empty: outdated %d %v", n, err)
	}
}

// TestAnalysisReadsOnlyTitleTextAndAuthor: an import analyses entries
// ahead of their transactions from a mention with only these three
// fields (ingest.Enricher), so that must read as Apply reads the stored
// mention, corrections, reach and author included.
func TestAnalysisReadsOnlyTitleTextAndAuthor(t *testing.T) {
	t.Parallel()
	cfg := analyze.DefaultConfig()
	cfg.Brand = []string{"Ember & Oak"}
	s := New(cfg)
	tests := []struct {
		name   string
		m      storage.Mention
		author *storage.Person
	}{
		{"complaint by a customer", storage.Mention{Title: "Stale beans again", Text: "My bag was stale and nobody answers.", Author: "Kim", Lang: "en", Platform: "reddit"}, &storage.Person{Stage: "customer"}},
		{"praise with reach", storage.Mention{Text: "Lovely cortado at Ember & Oak today", Author: "ember_fan", Reach: 50000, Link: "https://x"}, nil},
		{"corrected", storage.Mention{Text: "Do you ship to Canada?", Corrected: &storage.Correction{Polarity: "negative", Intents: []string{"complaint"}}}, &storage.Person{Stage: "advocate"}},
		{"comment title", storage.Mention{Title: "New comment by kim in \"Coffee\"", Text: "Best espresso in town, Ember & Oak!", Author: "kim"}, nil},
		{"not english", storage.Mention{Text: "Das ist ein sehr guter Kaffee und ich trinke ihn jeden Tag gerne.", Lang: "de"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			applied := tt.m
			s.Apply(&applied, tt.author)
			ahead := tt.m
			a := s.Analysis(&storage.Mention{Title: tt.m.Title, Text: tt.m.Text, Author: tt.m.Author})
			s.ApplyAnalysis(&ahead, tt.author, a)
			if !reflect.DeepEqual(applied.Analysis, ahead.Analysis) {
				t.Errorf("analysed ahead %+v, applied %+v", ahead.Analysis, applied.Analysis)
			}
		})
	}
}

// TestReanalyzeReadsAsApplyDoes: a reanalysis analyses each batch ahead
// of its transaction, on several goroutines; every mention ends up with
// what Apply gives it, corrections, reach and author included.
func TestReanalyzeReadsAsApplyDoes(t *testing.T) {
	t.Parallel()
	st := openStore(t)
	s := New(analyze.DefaultConfig())
	texts := []string{
		"The Saturday cupping was so much fun", "My order never arrived and nobody answers", "Do you ship to Canada?",
		"Best espresso in town", "Price went up again, not happy", "Das ist ein sehr guter Kaffee und ich trinke ihn gerne.",
	}
	people := []*storage.Person{{Name: "Kim", Stage: "advocate"}, {Name: "Lou", Stage: "customer"}}
	if err := st.Update(func(tx *storage.Tx) error {
		for _, p := range people {
			if err := tx.People().Put(p); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	var ms []*storage.Mention
	for i := range 450 { // three batches
		m := &storage.Mention{Title: fmt.Sprint("post ", i), Text: texts[i%len(texts)], Author: fmt.Sprint("a", i%9), Reach: i * 10}
		if i%7 == 0 {
			m.Corrected = &storage.Correction{Polarity: "negative", Intents: []string{"complaint"}}
		}
		if i%5 < len(people) {
			m.PersonID = people[i%5].ID
		}
		ms = append(ms, m)
	}
	put(t, st, ms...)
	cfg := analyze.DefaultConfig()
	cfg.TouchPoints = append(cfg.TouchPoints, analyze.Category{Name: "cuppings", Terms: []string{"cupping"}})
	s.SetConfig(cfg)
	if n, err := s.Reanalyze(st, nil); err != nil || n != len(ms) {
		t.Fatalf("reanalyze: %d %v", n, err)
	}
	_ = st.View(func(tx *storage.Tx) error {
		for _, m := range ms {
			got, err := tx.Mentions().Get(m.ID)
			if err != nil {
				t.Fatal(err)
			}
			var author *storage.Person
			if got.PersonID != 0 {
				p, err := tx.People().Get(got.PersonID)
				if err != nil {
					t.Fatal(err)
				}
				author = &p
			}
			want := got
			s.Apply(&want, author)
			if !reflect.DeepEqual(got.Analysis, want.Analysis) {
				t.Fatalf("%q: reanalysed %+v, Apply gives %+v", m.Title, got.Analysis, want.Analysis)
			}
		}
		return nil
	})
}

// TestAReadingAheadIsUsedOnlyForTheSameWords: a mention edited after its
// batch was analysed ahead, or an analyser changed since, is analysed
// again in the transaction.
func TestAReadingAheadIsUsedOnlyForTheSameWords(t *testing.T) {
	t.Parallel()
	s := New(analyze.DefaultConfig())
	m := storage.Mention{ID: 7, Title: "t", Text: "Best espresso in town", Author: "kim"}
	r := &batchRead{ids: []uint64{7}, read: s.analyseAll([]storage.Mention{m}), gen: s.Generation()}
	tests := []struct {
		name   string
		change func(m *storage.Mention)
		ok     bool
	}{
		{"the same words", func(*storage.Mention) {}, true},
		{"another state", func(m *storage.Mention) { m.State = storage.StateArchived }, true},
		{"the text edited", func(m *storage.Mention) { m.Text = "Worst espresso in town" }, false},
		{"the title edited", func(m *storage.Mention) { m.Title = "u" }, false},
		{"another author", func(m *storage.Mention) { m.Author = "lou" }, false},
		{"another mention", func(m *storage.Mention) { m.ID = 8 }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := m
			tt.change(&c)
			if _, ok := r.of(s, &c); ok != tt.ok {
				t.Errorf("used %v, want %v", ok, tt.ok)
			}
		})
	}
	s.SetConfig(analyze.DefaultConfig())
	if _, ok := r.of(s, &m); ok {
		t.Error("a reading of the analyser before SetConfig was used")
	}
}

// TestACancelledReanalysisReadsNoMoreBatches: cancelled after its first
// batch, a reanalysis stops between batches, and the reading ahead stops
// with it: at most the batch being read when it was cancelled is read
// for nothing.
func TestACancelledReanalysisReadsNoMoreBatches(t *testing.T) {
	t.Parallel()
	st := openStore(t)
	s := New(analyze.DefaultConfig())
	var ms []*storage.Mention
	for i := range 40 * reanalyzeBatch {
		ms = append(ms, &storage.Mention{Title: fmt.Sprint("post ", i), Text: "Best espresso in town"})
	}
	for from := 0; from < len(ms); from += 500 {
		put(t, st, ms[from:from+500]...)
	}
	var ids []uint64
	for _, m := range ms {
		ids = append(ids, m.ID)
	}
	for range 10 {
		ctx, cancel := context.WithCancel(context.Background())
		quit := make(chan struct{})
		reads := s.readAhead(st, ids, quit)
		sent := 0
		var wg sync.WaitGroup
		wg.Add(1)
		go func() { // counts what the reading ahead hands over, as reanalyzeIDs would drain it
			defer wg.Done()
			<-ctx.Done()
			close(quit)
			for range reads {
				sent++
			}
		}()
		<-reads
		cancel()
		wg.Wait()
		if sent > 1 {
			t.Fatalf("%d batches read and handed over after the cancel", sent)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	n, err := s.reanalyzeIDs(ctx, st, ids, func(done, total int) { cancel() })
	if !errors.Is(err, context.Canceled) || n != reanalyzeBatch {
		t.Fatalf("cancelled after the first batch: %d read again, %v", n, err)
	}
}
