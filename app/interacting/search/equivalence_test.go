package search

import (
	"cmp"
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

// TestPagesAreTheSameAsCheckedOneByOne compares every field of paged
// searches and listings with pages checked one candidate at a time (the
// code before batches, searchOneByOne, whose ANDs are not split): random
// queries, limits and scan caps around a batch's bounds, on one to eight
// goroutines, an AND's older half collected whole or handed over.
func TestPagesAreTheSameAsCheckedOneByOne(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	s, _ := randomStore(t, r)
	svc := New(s)
	svc.MaxTime = time.Hour // the scan cap, not the clock, decides
	type page struct {
		IDs             []uint64
		Next            Cursor
		Scanned         int
		Capped, Indexed bool
		Spans, Sources  []string
	}
	pages := func(oneByOne bool, src string, limit int, each bool) []page {
		q, err := query.Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		var out []page
		var next Cursor
		for range 2000 {
			var p page
			var fn func(m *storage.Mention)
			if each {
				fn = func(m *storage.Mention) { p.IDs = append(p.IDs, m.ID) }
			}
			var res Results
			if oneByOne {
				res, err = svc.searchOneByOne(q, limit, next, fn)
			} else {
				res, err = svc.search(context.Background(), q, limit, next, fn)
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range res.Hits {
				p.IDs = append(p.IDs, h.ID)
				p.Spans = append(p.Spans, fmt.Sprint(h.Spans))
				p.Sources = append(p.Sources, h.Source)
			}
			p.Next, p.Scanned, p.Capped, p.Indexed = res.Next, res.Scanned, res.Capped, res.Indexed
			out = append(out, p)
			if next = res.Next; next == nil {
				return out
			}
		}
		t.Fatalf("%q: no end after 2000 pages", src)
		return nil
	}
	defer func(n int, d time.Duration) { maxAhead, splitAfter = n, d }(maxAhead, splitAfter)
	splitAfter = 0 // every AND is cut, at its second step
	for i := range 300 {
		src := randomQuery(r, 0)
		if i%7 == 0 {
			src = "-" + src // no index: every mention, newest first
		}
		maxAhead = []int{2, 5000}[i%2] // an AND's older half handed over, or collected whole
		limit := []int{1, 2, 3, 5, 7, 13, 50, 63, 64, 65, 200, 1 << 40}[r.IntN(12)]
		scan := []int{1, 2, 3, 37, 63, 64, 65, 127, 128, 129, 400}[r.IntN(11)]
		svc.MaxScan = scan
		svc.Workers = []int{1, 2, 3, 8}[r.IntN(4)]
		each := i%3 == 0
		want, got := pages(true, src, limit, each), pages(false, src, limit, each)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q, limit %d, scan %d, %d goroutines, EachMatch %v: batches give\n%+v\none by one\n%+v", src, limit, scan, svc.Workers, each, got, want)
		}
	}
}

// searchOneByOne is search as it was before batches: each candidate
// checked in turn, the clock and the context looked at every 64.
func (s *Service) searchOneByOne(q *query.Query, limit int, after Cursor, each func(m *storage.Mention)) (Results, error) {
	start, resume := after.pos()
	var res Results
	err := s.store.View(func(tx *storage.Tx) error {
		r := run{tx: tx, q: q, limit: limit, maxScan: s.maxScan(), ctx: context.Background(), deadline: time.Now().Add(s.maxTime()), each: each}
		st, indexed, err := r.candidates()
		if err != nil {
			return err
		}
		defer st.Close()
		res.Indexed = indexed
		if r.each != nil && !indexed {
			return nil
		}
		if r.names, err = sourceNames(r.tx); err != nil {
			return err
		}
		prep := query.Prepare(nil)
		if resume {
			if st.Seek(start); st.Valid() && st.Pos() == start {
				st.Next()
			}
		}
		var last storage.Pos
		for ; st.Valid(); st.Next() {
			if capped, err := r.stop(res.Scanned); err != nil || capped {
				res.Capped, res.Next = capped, cursorAt(last)
				return err
			}
			last = st.Pos()
			res.Scanned++
			c := r.check(tx, prep, last)
			if c.err != nil {
				return c.err
			}
			if !c.ok {
				continue
			}
			if r.each != nil {
				r.each(&c.hit.Mention)
			} else {
				res.Hits = append(res.Hits, c.hit)
			}
			if r.found++; r.found == r.limit {
				if st.Next(); st.Valid() {
					res.Next = cursorAt(last)
				}
				return nil
			}
		}
		return nil
	})
	return res, err
}

// A commit between a page's transaction and its siblings would let them
// see different mentions: the page is then checked on one goroutine.
func TestACommitBeforeTheSiblingsLeavesOneGoroutine(t *testing.T) {
	s, _ := randomStore(t, rand.New(rand.NewPCG(5, 6)))
	err := s.View(func(tx *storage.Tx) error {
		r := run{tx: tx, workers: 3}
		defer r.close()
		if n := r.siblings(3); n != 3 || len(r.sibs) != 2 {
			t.Fatalf("with no commit: %d goroutines, %d siblings", n, len(r.sibs))
		}
		r.close()
		if err := s.Update(func(w *storage.Tx) error { return w.Mentions().Put(&storage.Mention{Title: "later", Published: t0}) }); err != nil {
			return err
		}
		r = run{tx: tx, workers: 3}
		if n := r.siblings(3); n != 1 || len(r.sibs) != 0 || !r.serial {
			t.Fatalf("after a commit: %d goroutines, %d siblings", n, len(r.sibs))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// randomStore stores 400 random mentions (every 50th without a date) and
// returns them newest first; the last 100 are left queued for the word
// index.
func randomStore(t *testing.T, r *rand.Rand) (*storage.Store, []storage.Mention) {
	t.Helper()
	s, err := storage.Open(t.TempDir(), storage.Options{Logger: quiet(), HoldWordQueue: true, Words: Words(), SealedSegment: 16})
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
	if err := cmp.Or(s.IndexQueuedWords(), s.SealWords()); err != nil {
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
