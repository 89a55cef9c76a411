package crm

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/rapportapp/rapport/app/shared/testkit"
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/storage"
)

// eraseBench is a store of benchEraseMentions posts in which each of
// benchErasePeople people wrote one and is named in benchEraseNamed others.
type eraseBench struct {
	st     *storage.Store
	s      *Service
	named  [][]storage.Mention // by person: the others' posts that name them, as first written
	at     time.Time
	rounds int
}

const (
	benchEraseMentions = 20_000
	benchErasePeople   = 50
	benchEraseNamed    = 5
)

func newEraseBench(b *testing.B, opts ...testkit.Option) *eraseBench {
	b.Helper()
	st := testkit.Store(b, append(opts, testkit.HoldWordQueue)...)
	r := rand.New(rand.NewPCG(7, 7))
	words := make([]string, 3000)
	for i := range words {
		words[i] = fmt.Sprintf("w%03dx", i)
	}
	e := &eraseBench{st: st, s: New(Params{Store: st, Log: testkit.Quiet()}), at: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	ms := make([]*storage.Mention, benchEraseMentions)
	for i := range ms {
		var text strings.Builder
		for range 30 + r.IntN(30) {
			text.WriteString(words[min(r.IntN(len(words)), r.IntN(len(words)))])
			text.WriteByte(' ')
		}
		ms[i] = &storage.Mention{Text: text.String(), Link: fmt.Sprintf("https://b.example/%d", i), Published: e.at.Add(time.Duration(i) * time.Minute)}
	}
	e.named = make([][]storage.Mention, benchErasePeople)
	for p := range benchErasePeople {
		for k := range benchEraseNamed {
			m := ms[(p*benchEraseNamed+k)*37%len(ms)]
			m.Text = fmt.Sprintf("Thanks Ada%03d Lovel%03d, and ", p, p) + m.Text
		}
	}
	for from := 0; from < len(ms); from += 1000 {
		testkit.Put(b, st, (*storage.Tx).Mentions, ms[from:min(from+1000, len(ms))]...)
	}
	for p := range benchErasePeople {
		for k := range benchEraseNamed {
			e.named[p] = append(e.named[p], *ms[(p*benchEraseNamed+k)*37%len(ms)])
		}
	}
	if err := st.IndexQueuedWords(); err != nil {
		b.Fatal(err)
	}
	return e
}

// next writes the next person back (their post, and the others' posts
// that name them as first written), so that every erase finds the same.
func (e *eraseBench) next(b *testing.B) uint64 {
	b.Helper()
	p := e.rounds % benchErasePeople
	e.rounds++
	who := storage.Person{Name: fmt.Sprintf("Ada%03d Lovel%03d", p, p)}
	testkit.Put(b, e.st, (*storage.Tx).People, &who)
	own := storage.Mention{Text: "my own post", PersonID: who.ID, Link: fmt.Sprintf("https://own.example/%d", e.rounds), Published: e.at}
	testkit.Put(b, e.st, (*storage.Tx).Mentions, &own)
	ms := make([]*storage.Mention, len(e.named[p]))
	for i := range e.named[p] {
		m := e.named[p][i]
		ms[i] = &m
	}
	testkit.Put(b, e.st, (*storage.Tx).Mentions, ms...)
	if err := e.st.IndexQueuedWords(); err != nil {
		b.Fatal(err)
	}
	return who.ID
}

// BenchmarkErase erases a person named in 5 of 20,000 posts: with the
// word index giving the posts to redact, against the baseline of the same
// run, a store without a word index, where every post is read (what erase
// did for every store before schema 11). The rewrite of the files after
// an erase (CompactErased) is not included. docs/benchmarks.md has the
// numbers.
func BenchmarkErase(b *testing.B) {
	for _, c := range []struct {
		name string
		opts []testkit.Option
	}{{"baseline-read-every-mention", []testkit.Option{testkit.WithoutWords}}, {"rapport-word-index", nil}} {
		b.Run(c.name, func(b *testing.B) {
			e := newEraseBench(b, c.opts...)
			for b.Loop() {
				b.StopTimer()
				id := e.next(b)
				b.StartTimer()
				out, err := e.s.Erase(id)
				if err != nil || out.Redacted != benchEraseNamed || out.Mentions != 1 {
					b.Fatalf("erase = %+v, %v; want 1 mention and %d others redacted", out, err, benchEraseNamed)
				}
			}
		})
	}
}

// BenchmarkListEveryone lists everyone who wrote 20,000 posts (4,000
// authors, a few prolific, a third of the posts positive and a tenth
// negative, 500 interactions) sorted by score: in one pass over the
// mentions, against the baseline of the same run, each person's records
// read through the indexes (what List did before).
func BenchmarkListEveryone(b *testing.B) {
	st := testkit.Store(b, testkit.HoldWordQueue)
	r := rand.New(rand.NewPCG(11, 11))
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	people := make([]*storage.Person, 4000)
	for i := range people {
		people[i] = &storage.Person{Name: fmt.Sprintf("Author %d", i), Handles: []storage.Handle{{Platform: "reddit", Handle: fmt.Sprintf("u%d", i)}}}
	}
	for from := 0; from < len(people); from += 500 {
		testkit.Put(b, st, (*storage.Tx).People, people[from:min(from+500, len(people))]...)
	}
	ms := make([]*storage.Mention, 20_000)
	for i := range ms {
		p := people[min(r.IntN(len(people)), r.IntN(len(people)), r.IntN(len(people)))]
		m := &storage.Mention{
			PersonID: p.ID, Text: strings.Repeat("words of a post ", 3+r.IntN(8)), Link: fmt.Sprintf("https://reddit.com/r/c/comments/%d/x", i),
			Published: at.Add(time.Duration(i) * time.Hour), SourceIDs: []uint64{uint64(1 + r.IntN(50))}, Reach: r.IntN(5000),
		}
		switch x := r.IntN(30); {
		case x < 10:
			m.Analysis.Polarity = "positive"
		case x < 13:
			m.Analysis.Polarity = "negative"
		}
		ms[i] = m
	}
	for from := 0; from < len(ms); from += 1000 {
		testkit.Put(b, st, (*storage.Tx).Mentions, ms[from:min(from+1000, len(ms))]...)
	}
	xs := make([]*storage.Interaction, 500)
	for i := range xs {
		xs[i] = &storage.Interaction{PersonID: people[r.IntN(200)].ID, Kind: []string{"review", "purchase", "sample"}[i%3], Direction: []string{"get", "get", "give"}[i%3], At: at.Add(time.Duration(i) * 24 * time.Hour)}
	}
	testkit.Put(b, st, (*storage.Tx).Interactions, xs...)
	now := func() time.Time { return at.Add(20_000 * time.Hour) }
	for _, c := range []struct {
		name      string
		perPerson bool
	}{{"baseline-per-person", true}, {"rapport-indexes", false}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				// a service of its own each time: the list it keeps
				// (everyoneNow) would be given again otherwise
				s := New(Params{Store: st, Log: testkit.Quiet(), Business: func() (workspace.Business, error) { return workspace.Business{}, nil }})
				s.now, s.perPerson = now, c.perPerson
				rows, err := s.List(ListFilter{Everyone: true, Sort: ByScore})
				if err != nil || len(rows) != len(people) {
					b.Fatalf("%d rows, %v", len(rows), err)
				}
			}
		})
	}
}
