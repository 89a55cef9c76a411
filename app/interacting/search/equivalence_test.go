package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rapportapp/rapport/app/shared/query"
	"github.com/rapportapp/rapport/storage"
)

// smallVocab has few words, so that random queries often match, with the
// forms the index must get right: accents, capitals, hashtags, handles,
// possessives, elisions and emoji.
var smallVocab = []string{
	"coffee", "Café", "cafe", "CAFÉ", "brew", "cold", "roast", "roasted", "roaster", "#coldbrew",
	"@maya", "Maria's", "maria", "l'espresso", "espresso", "decaf", "tea", "☕", "bean", "beans",
}

// randomText picks n words; a few mentions repeat a word many times.
func randomText(r *rand.Rand, n int) string {
	words := make([]string, n)
	for i := range words {
		words[i] = smallVocab[r.IntN(len(smallVocab))]
	}
	return strings.Join(words, " ")
}

// randomQuery builds a query from the rule language's pieces.
func randomQuery(r *rand.Rand, depth int) string {
	word := func() string { return smallVocab[r.IntN(len(smallVocab))] }
	if depth > 2 {
		return word()
	}
	switch r.IntN(10) {
	case 0:
		return fmt.Sprintf("%q", word()+" "+word())
	case 1:
		if w := []rune(strings.TrimLeft(query.Fold(word()), "#@'")); len(w) > 2 {
			return string(w[:2]) + "*"
		}
	case 2:
		return randomQuery(r, depth+1) + " OR " + randomQuery(r, depth+1)
	case 3:
		return randomQuery(r, depth+1) + " -" + word()
	case 4:
		return "title:" + word()
	case 5:
		return "author:" + word()
	case 6:
		return word() + " NEAR/1 " + word()
	case 7:
		return "(" + randomQuery(r, depth+1) + ") " + randomQuery(r, depth+1)
	}
	return word()
}

// TestIndexAgreesWithReadingEveryMention runs random queries against 400
// random mentions, the last 100 of them still queued for the word index,
// and compares with reading every mention: in pages of 7 and of 50, the
// candidates checked one goroutine and three.
func TestIndexAgreesWithReadingEveryMention(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	s, all := randomStore(t, r)
	svc := New(s)
	svc.MaxScan = len(all)
	// Prefixes are merged walks, sorted positions or a scan; try each.
	defer func(e, p int) { maxExpansion, maxPrefixPositions = e, p }(maxExpansion, maxPrefixPositions)
	for i, tier := range []struct{ expansion, positions int }{{16, 50_000}, {1, 50_000}, {1, 10}} {
		maxExpansion, maxPrefixPositions = tier.expansion, tier.positions
		svc.Workers = 1 + 2*(i%2)
		agree(t, r, svc, all, 100, 7)
		agree(t, r, svc, all, 30, 50)
	}
}

// TestPagesCheckedSideBySideAreTheSame compares every field of pages
// whose candidates are checked on one goroutine and on three, with the
// scan capped anywhere in a batch, for Search and EachMatch.
func TestPagesCheckedSideBySideAreTheSame(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	s, _ := randomStore(t, r)
	one, three := New(s), New(s)
	one.Workers, three.Workers = 1, 3
	type page struct {
		IDs            []uint64
		Next           Cursor
		Scanned        int
		Capped         bool
		Spans, Sources []string
	}
	pages := func(svc *Service, src string, limit int, each bool) []page {
		q, err := query.Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		var out []page
		var next Cursor
		for range 1000 {
			var p page
			var res Results
			if each {
				res, err = svc.EachMatch(context.Background(), q, limit, next, func(m *storage.Mention) { p.IDs = append(p.IDs, m.ID) })
			} else {
				res, err = svc.SearchQuery(context.Background(), q, limit, next)
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range res.Hits {
				p.IDs = append(p.IDs, h.ID)
				p.Spans = append(p.Spans, fmt.Sprint(h.Spans))
				p.Sources = append(p.Sources, h.Source)
			}
			p.Next, p.Scanned, p.Capped = res.Next, res.Scanned, res.Capped
			out = append(out, p)
			if next = res.Next; next == nil {
				return out
			}
		}
		t.Fatalf("%q: no end after 1000 pages", src)
		return nil
	}
	for i := range 120 {
		src := randomQuery(r, 0)
		limit := []int{1, 5, 13, 50, 200}[i%5]
		scan := []int{3, 37, 64, 65, 400}[i/5%5]
		one.MaxScan, three.MaxScan = scan, scan
		each := i%3 == 0
		a, b := pages(one, src, limit, each), pages(three, src, limit, each)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("%q, limit %d, scan %d, EachMatch %v: one goroutine gives\n%+v\nthree give\n%+v", src, limit, scan, each, a, b)
		}
	}
}

// randomStore stores 400 random mentions (every 50th without a date) and
// returns them newest first; the last 100 are left queued for the word
// index.
func randomStore(t *testing.T, r *rand.Rand) (*storage.Store, []storage.Mention) {
	t.Helper()
	s, err := storage.Open(t.TempDir(), storage.Options{Logger: quiet(), HoldWordQueue: true, Words: Words()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	var all []storage.Mention
	put := func(n int) {
		t.Helper()
		err := s.Update(func(tx *storage.Tx) error {
			for i := range n {
				m := storage.Mention{
					Title:     randomText(r, 1+r.IntN(4)),
					Text:      randomText(r, r.IntN(12)),
					Author:    randomText(r, r.IntN(3)),
					Published: t0.Add(time.Duration(r.IntN(50)) * time.Minute), // many ties
				}
				if i%50 == 0 {
					m.Published = time.Time{}
					m.Fetched = t0
				}
				if err := tx.Mentions().Put(&m); err != nil {
					return err
				}
				all = append(all, m)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	put(300) // indexed
	if err := s.IndexQueuedWords(); err != nil {
		t.Fatal(err)
	}
	put(100) // left queued
	if err := s.View(func(tx *storage.Tx) error {
		q, err := tx.QueuedWords()
		if len(q) != 100 {
			t.Fatalf("%d mentions queued, want 100 (%v)", len(q), err)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(all, func(a, b storage.Mention) int { return storage.PosOf(&b).Compare(storage.PosOf(&a)) })
	return s, all
}

// agree checks n random queries against reading every mention of all
// (sorted newest first), in pages of limit.
func agree(t *testing.T, r *rand.Rand, svc *Service, all []storage.Mention, n, limit int) {
	t.Helper()
	for range n {
		src := randomQuery(r, 0)
		q, err := query.Parse(src)
		if err != nil {
			t.Fatalf("random query %q: %v", src, err)
		}
		var want []uint64
		for i := range all {
			m := &all[i]
			if q.Match(&query.Doc{Title: m.Title, Text: m.Text, Author: m.Author}) {
				want = append(want, m.ID)
			}
		}
		got := pageAll(t, svc, src, limit)
		if !slices.Equal(got, want) {
			t.Fatalf("%q (plan %s): index gives %v, reading every mention %v", src, q.Plan(), got, want)
		}
	}
}

// pageAll collects every hit of q, limit per page.
func pageAll(t *testing.T, svc *Service, q string, limit int) []uint64 {
	t.Helper()
	var ids []uint64
	var next Cursor
	for {
		res, err := svc.Search(q, limit, next)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		if next = res.Next; next == nil {
			return ids
		}
	}
}
