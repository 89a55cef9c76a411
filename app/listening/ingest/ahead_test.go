package ingest

import (
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rapportapp/rapport/app/listening/feed"
	"github.com/rapportapp/rapport/app/shared/testkit"
	"github.com/rapportapp/rapport/storage"
)

// labeller is an Enricher whose analysis names the words it read, so a
// mention stored with another entry's analysis shows; after a change of
// generation (SetConfig, Learn) it names that too.
type labeller struct{ reads, gen atomic.Int64 }

func (l *labeller) Analysis(m *storage.Mention) storage.Analysis {
	l.reads.Add(1)
	a := storage.Analysis{Reason: m.Title + "|" + m.Author}
	if g := l.gen.Load(); g > 0 {
		a.Reason += fmt.Sprintf("|g%d", g)
	}
	return a
}

func (l *labeller) Generation() uint64 { return uint64(l.gen.Load()) }

func (l *labeller) ApplyAnalysis(m *storage.Mention, author *storage.Person, a storage.Analysis) {
	if author != nil {
		a.Why = "known author"
	}
	m.Analysis = a
}

// TestEveryMentionGetsTheAnalysisOfItsOwnEntry: entries are analysed
// ahead of their transactions (Ingest on another goroutine, Prepare on
// the caller's), and each stored mention gets its own entry's analysis,
// across batches and when a batch is split for being too large.
func TestEveryMentionGetsTheAnalysisOfItsOwnEntry(t *testing.T) {
	long := func(i int) string {
		var b strings.Builder
		for j := range 3000 { // 3,000 distinct words each: the batch is split
			fmt.Fprintf(&b, "w%dx%d ", i, j)
		}
		return b.String()
	}
	tests := []struct {
		name     string
		n        int
		text     func(i int) string
		prepared bool
	}{
		{"three batches", 250, func(int) string { return "x" }, false},
		{"three batches, prepared", 250, func(int) string { return "x" }, true},
		{"split batches", 100, long, false},
		{"split batches, prepared", 100, long, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, svc, l := newLabelled(t, func(o *storage.Options) { o.Words = storage.Words{Version: "test", Split: strings.Fields} })
			src := testkit.Source(t, st, "s", "")
			var b strings.Builder
			for i := range tt.n {
				b.WriteString(item("", "https://e.com/"+strconv.Itoa(i), "title "+strconv.Itoa(i), tt.text(i), "a"+strconv.Itoa(i%7)))
			}
			f := parse(t, "", b.String())
			var r Result
			var err error
			if tt.prepared {
				r, err = ingestPrepared(svc, src, f)
			} else {
				r, err = svc.Ingest(src, f, Options{})
			}
			if err != nil || r.New != tt.n {
				t.Fatalf("%+v %v", r, err)
			}
			for _, m := range mentions(t, st) {
				if want := m.Title + "|" + m.Author; m.Analysis.Reason != want {
					t.Fatalf("mention %q by %q has the analysis of %q", m.Title, m.Author, m.Analysis.Reason)
				}
				if m.Analysis.Why != "known author" {
					t.Fatalf("mention %q: the author was not handed to ApplyAnalysis", m.Title)
				}
			}
			if got := l.reads.Load(); got != int64(tt.n) {
				t.Errorf("%d analyses for %d entries", got, tt.n)
			}
		})
	}
}

// TestAReimportAnalysesNothing: entries the store already has, or deleted,
// are not analysed ahead (a re-import cost no analysis before analyses
// were made ahead), and one that is new after all is analysed in its
// transaction.
func TestAReimportAnalysesNothing(t *testing.T) {
	for _, prepared := range []bool{false, true} {
		t.Run(fmt.Sprint("prepared ", prepared), func(t *testing.T) {
			st, svc, l := newLabelled(t)
			src := testkit.Source(t, st, "s", "")
			var b strings.Builder
			for i := range 150 {
				b.WriteString(item("g"+strconv.Itoa(i), "https://e.com/"+strconv.Itoa(i), "title "+strconv.Itoa(i), "x", "a"))
			}
			f := parse(t, "", b.String())
			ingest := func() Result {
				t.Helper()
				var r Result
				var err error
				if prepared {
					r, err = ingestPrepared(svc, src, f)
				} else {
					r, err = svc.Ingest(src, f, Options{})
				}
				if err != nil {
					t.Fatal(err)
				}
				return r
			}
			if r := ingest(); r.New != 150 || l.reads.Load() != 150 {
				t.Fatalf("first import: %+v, %d analyses", r, l.reads.Load())
			}
			if r := ingest(); r.Duplicate != 150 || l.reads.Load() != 150 {
				t.Fatalf("second import: %+v, %d analyses in all", r, l.reads.Load())
			}
		})
	}
}

// TestAnEntryNewAfterAllIsAnalysedInItsTransaction: an entry that looked
// stored when it was analysed ahead, and is not when its batch is stored,
// gets its analysis all the same.
func TestAnEntryNewAfterAllIsAnalysedInItsTransaction(t *testing.T) {
	st, svc, _ := newLabelled(t)
	src := testkit.Source(t, st, "s", "")
	f := parse(t, "", item("g1", "https://e.com/1", "one", "x", "a"))
	if _, err := svc.Ingest(src, f, Options{}); err != nil {
		t.Fatal(err)
	}
	p, err := svc.NewPreparer().Prepare(src, f) // analyses nothing: the entry is stored
	if err != nil {
		t.Fatal(err)
	}
	ms := mentions(t, st)
	// Erased for good (no tombstone), as a retention purge might, between
	// the analysis and the transaction.
	if err := st.Update(func(tx *storage.Tx) error { return tx.Mentions().Delete(ms[0].ID) }); err != nil {
		t.Fatal(err)
	}
	if r, err := svc.IngestPrepared(p, Options{}); err != nil || r.New != 1 {
		t.Fatalf("%+v %v", r, err)
	}
	if got := mentions(t, st); len(got) != 1 || got[0].Analysis.Reason != "one|a" {
		t.Fatalf("stored %+v", got)
	}
}

func ingestPrepared(svc *Service, src storage.Source, f *feed.Feed) (Result, error) {
	p, err := svc.NewPreparer().Prepare(src, f)
	if err != nil {
		return Result{}, err
	}
	return svc.IngestPrepared(p, Options{})
}

// newLabelled is a store and an ingest service with a labeller.
func newLabelled(t *testing.T, opts ...testkit.Option) (*storage.Store, *Service, *labeller) {
	t.Helper()
	st := testkit.Store(t, opts...)
	l := &labeller{}
	svc := New(st, l)
	svc.now = func() time.Time { return now }
	return st, svc, l
}

// TestOnlyWhatIsStoredIsAnalysedAhead: entries that will not be stored
// are not analysed ahead of their transactions, as they were not analysed
// before: those the source's watch rules leave out (a poll of a feed with
// a narrow rule), a second copy of an entry in the same feed, and an entry
// of the file before in an import, which may not be stored yet.
func TestOnlyWhatIsStoredIsAnalysedAhead(t *testing.T) {
	items := func(from, n int) string {
		var b strings.Builder
		for i := from; i < from+n; i++ {
			text := "plain"
			if i%3 == 0 {
				text = "espresso"
			}
			b.WriteString(item("g"+strconv.Itoa(i), "https://e.com/"+strconv.Itoa(i), "title "+strconv.Itoa(i), text, "a"))
		}
		return b.String()
	}
	t.Run("watch rules", func(t *testing.T) {
		st, svc, l := newLabelled(t)
		src := testkit.Source(t, st, "s", "espresso") // keeps a third
		f := parse(t, "", items(0, 150))
		for poll := range 3 {
			r, err := svc.Ingest(src, f, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if poll == 0 && (r.New != 50 || r.Filtered != 100) {
				t.Fatalf("first poll: %+v", r)
			}
		}
		if got := l.reads.Load(); got != 50 {
			t.Errorf("%d analyses in three polls of 150 entries, 50 kept", got)
		}
		prepared, err := ingestPrepared(svc, src, parse(t, "", items(1000, 150)))
		if err != nil || prepared.New != 50 {
			t.Fatalf("prepared: %+v %v", prepared, err)
		}
		if got := l.reads.Load(); got != 100 {
			t.Errorf("%d analyses after preparing 150 more entries, 50 kept; want 100 in all", got)
		}
	})
	t.Run("copies in one feed", func(t *testing.T) {
		st, svc, l := newLabelled(t)
		src := testkit.Source(t, st, "s", "")
		f := parse(t, "", items(0, 150)+items(0, 150))
		if r, err := svc.Ingest(src, f, Options{}); err != nil || r.New != 150 || r.Duplicate != 150 {
			t.Fatalf("%+v %v", r, err)
		}
		if got := l.reads.Load(); got != 150 {
			t.Errorf("%d analyses of 150 entries each twice in the feed", got)
		}
	})
	t.Run("the file before, not yet stored", func(t *testing.T) {
		st, svc, l := newLabelled(t)
		src := testkit.Source(t, st, "s", "")
		pr := svc.NewPreparer()
		a, err := pr.Prepare(src, parse(t, "", items(0, 150)))
		if err != nil {
			t.Fatal(err)
		}
		b, err := pr.Prepare(src, parse(t, "", items(100, 150))) // 50 shared with a
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []*Prepared{a, b} {
			if _, err := svc.IngestPrepared(p, Options{}); err != nil {
				t.Fatal(err)
			}
		}
		if n := len(mentions(t, st)); n != 250 {
			t.Fatalf("%d mentions stored, want 250", n)
		}
		if got := l.reads.Load(); got != 250 {
			t.Errorf("%d analyses of 250 distinct entries", got)
		}
	})
}

// TestAnAnalysisMadeBeforeTheAnalyserChangedIsMadeAgain: the owner edits
// the configuration (or a correction is learned) between the analysis
// made ahead and the transaction: the mention is stored with the new
// reading, not the old one.
func TestAnAnalysisMadeBeforeTheAnalyserChangedIsMadeAgain(t *testing.T) {
	st, svc, l := newLabelled(t)
	src := testkit.Source(t, st, "s", "")
	p, err := svc.NewPreparer().Prepare(src, parse(t, "", item("g1", "https://e.com/1", "one", "x", "a")))
	if err != nil {
		t.Fatal(err)
	}
	l.gen.Add(1)
	if r, err := svc.IngestPrepared(p, Options{}); err != nil || r.New != 1 {
		t.Fatalf("%+v %v", r, err)
	}
	if got := mentions(t, st); len(got) != 1 || got[0].Analysis.Reason != "one|a|g1" {
		t.Fatalf("stored %+v, want the reading of generation 1", got[0].Analysis)
	}
}
