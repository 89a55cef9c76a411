package crm

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/rapportapp/rapport/app/shared/testkit"
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
