package search

import (
	"fmt"
	"math/rand/v2"
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
// and compares with reading every mention.
func TestIndexAgreesWithReadingEveryMention(t *testing.T) {
	s, err := storage.Open(t.TempDir(), storage.Options{Logger: quiet(), HoldWordQueue: true, Words: Words()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r := rand.New(rand.NewPCG(1, 2))
	var all []storage.Mention
	// put stores n random mentions; every 50th has no date.
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
	svc := New(s)
	svc.MaxScan = len(all)
	// Prefixes are merged walks, sorted positions or a scan; try each.
	defer func(e, p int) { maxExpansion, maxPrefixPositions = e, p }(maxExpansion, maxPrefixPositions)
	for _, tier := range []struct{ expansion, positions int }{{16, 50_000}, {1, 50_000}, {1, 10}} {
		maxExpansion, maxPrefixPositions = tier.expansion, tier.positions
		agree(t, r, svc, all, 100)
	}
}

// agree checks n random queries against reading every mention of all
// (sorted newest first).
func agree(t *testing.T, r *rand.Rand, svc *Service, all []storage.Mention, n int) {
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
		got := pageAll(t, svc, src, 7)
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
