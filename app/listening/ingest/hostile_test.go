package ingest

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/rapportapp/rapport/app/shared/testkit"
	"github.com/rapportapp/rapport/storage"
)

// TestHostileSharedItemsAreStoredOnceUnderConcurrency ingests feeds that
// share their items from many sources at once, as a fetch run does: every
// item must be stored once and remember every source that carried it, and
// every author must become one person. Identity keys are claimed inside
// the write transaction, so two transactions that both found an item
// missing conflict and the later one is re-run and sees it.
func TestHostileSharedItemsAreStoredOnceUnderConcurrency(t *testing.T) {
	const sources, items, rounds = 8, 20, 5
	for round := range rounds {
		t.Run(fmt.Sprint("round ", round), func(t *testing.T) {
			st, svc := setup(t)
			var xml strings.Builder
			for i := range items {
				link := fmt.Sprintf("https://news.ycombinator.com/item?id=%d", 100+i)
				xml.WriteString(item(link, link, fmt.Sprintf("Ember & Oak story %d", i), fmt.Sprintf("text of story %d", i), fmt.Sprintf("author%d", i%5)))
			}
			srcs := make([]storage.Source, sources)
			for i := range srcs {
				srcs[i] = testkit.Source(t, st, fmt.Sprint("s", i), "")
			}
			var wg sync.WaitGroup
			results := make([]Result, sources)
			for i, src := range srcs {
				f := parse(t, "hackernews", xml.String())
				wg.Go(func() {
					r, err := svc.Ingest(src, f, Options{})
					if err != nil {
						t.Error(err)
					}
					results[i] = r
				})
			}
			wg.Wait()
			var total Result
			for _, r := range results {
				total.Add(r)
			}
			ms := mentions(t, st)
			if len(ms) != items || total.New != items || total.Duplicate != items*(sources-1) {
				t.Fatalf("%d mentions stored, %d new, %d duplicate; want %d stored once (%d duplicates)",
					len(ms), total.New, total.Duplicate, items, items*(sources-1))
			}
			for _, m := range ms {
				if len(m.SourceIDs) != sources {
					t.Errorf("mention %q remembers %d sources, want %d", m.Title, len(m.SourceIDs), sources)
				}
			}
			var people []storage.Person
			_ = st.View(func(tx *storage.Tx) (err error) { people, err = tx.People().All(); return err })
			if len(people) != 5 {
				t.Errorf("%d people for 5 authors", len(people))
			}
		})
	}
}

// TestHostileSharedAuthorsBecomeOnePersonUnderConcurrency ingests
// different items by the same authors from many sources at once: each
// author must become one person.
func TestHostileSharedAuthorsBecomeOnePersonUnderConcurrency(t *testing.T) {
	for round := range 5 {
		t.Run(fmt.Sprint("round ", round), func(t *testing.T) {
			st, svc := setup(t)
			var wg sync.WaitGroup
			for s := range 8 {
				src := testkit.Source(t, st, fmt.Sprint("s", s), "")
				var xml strings.Builder
				for i := range 5 {
					link := fmt.Sprintf("https://news.ycombinator.com/item?id=%d", 1000*s+i)
					xml.WriteString(item(link, link, fmt.Sprintf("story %d from %d", i, s), "text", fmt.Sprintf("author%d", i)))
				}
				f := parse(t, "hackernews", xml.String())
				wg.Go(func() {
					if _, err := svc.Ingest(src, f, Options{}); err != nil {
						t.Error(err)
					}
				})
			}
			wg.Wait()
			var people []storage.Person
			_ = st.View(func(tx *storage.Tx) (err error) { people, err = tx.People().All(); return err })
			if len(people) != 5 {
				t.Errorf("%d people for 5 authors", len(people))
			}
		})
	}
}
