package search

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"slices"
	"testing"
	"time"

	"github.com/rapportapp/rapport/app/shared/query"
	"github.com/rapportapp/rapport/storage"
)

var t0 = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// openStore opens a store in dir with the word index, closed at the end
// of the test. (These tests cannot use package testkit, which imports
// search.)
func openStore(t testing.TB, dir string) *storage.Store {
	t.Helper()
	return openStoreWith(t, dir, Words())
}

// openStoreWith opens a store in dir with the splitter w.
func openStoreWith(t testing.TB, dir string, w storage.Words) *storage.Store {
	t.Helper()
	s, err := storage.Open(dir, storage.Options{Logger: quiet(), Words: w, SealedSegment: 4}) // small: searches read sealed segments
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// fixture is a small store: m[i] was published i hours after t0, so the
// newest is last.
type fixture struct {
	store *storage.Store
	m     []*storage.Mention
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	return newFixtureWith(t, Words())
}

// newFixtureWith is newFixture on a store opened with the splitter w.
func newFixtureWith(t *testing.T, w storage.Words) *fixture {
	t.Helper()
	f := &fixture{store: openStoreWith(t, t.TempDir(), w)}
	src := &storage.Source{Name: "Reddit r/coffee"}
	if err := f.store.Update(func(tx *storage.Tx) error { return tx.Sources().Put(src) }); err != nil {
		t.Fatal(err)
	}
	docs := []storage.Mention{
		{Title: "Best CAFÉ au lait in town", Text: "We tried the cold brew at Maria's coffee shop.", Author: "Jane Doe"},
		{Title: "Review: Ember roastery", Text: "Brew was cold by the time it came. Decaf only?", Author: "Theo Grant"},
		{Title: "cafe hopping", Text: "The #ColdBrew at Ember, says @JaneDoe ☕", Author: "Maya Brews"},
		{Title: "Espresso", Text: "Roasted beans, roasting tips and a roaster review", Author: "Jane Smith", Link: "https://news.ycombinator.com/item?id=1"},
		{Title: "Decaf?", Text: "Is decaf coffee any good? Café culture says no.", Author: "Theo", Lang: "fr"},
		{Title: "Nothing here", Text: "Tea and steak.", Author: "Sam"},
	}
	for i := range docs {
		m := docs[i]
		m.Published = t0.Add(time.Duration(i) * time.Hour)
		m.SourceIDs = []uint64{src.ID}
		if m.Link == "" {
			m.Link = "https://www.reddit.com/r/coffee/" + m.Title
		}
		if err := f.store.Update(func(tx *storage.Tx) error { return tx.Mentions().Put(&m) }); err != nil {
			t.Fatal(err)
		}
		f.m = append(f.m, &m)
	}
	return f
}

// ids returns the fixture indexes of hits.
func (f *fixture) ids(hits []Hit) []int {
	var out []int
	for _, h := range hits {
		i := slices.IndexFunc(f.m, func(m *storage.Mention) bool { return m.ID == h.ID })
		out = append(out, i)
	}
	return out
}

func TestSearchFindsWhatTheRuleLanguageMatches(t *testing.T) {
	f := newFixture(t)
	svc := New(f.store)
	tests := []struct {
		name, q string
		want    []int // fixture indexes, newest first
		indexed bool
	}{
		{"word", "coffee", []int{4, 0}, true},
		{"accent in the query finds plain and capitals", "café", []int{4, 2, 0}, true},
		{"plain finds accented", "CAFE", []int{4, 2, 0}, true},
		{"phrase", `"cold brew"`, []int{0}, true},
		{"phrase from a hyphen", "cold-brew", []int{0}, true},
		{"words in any order", "brew cold", []int{1, 0}, true},
		{"title field", "title:review", []int{1}, true},
		{"text field", "text:review", []int{3}, true},
		{"author field", `author:"jane"`, []int{3, 0}, true},
		{"author phrase", `author:"Jane Doe"`, []int{0}, true},
		{"author words are not text", "grant", nil, true},
		{"NOT", "coffee NOT decaf", []int{0}, true},
		{"minus", "decaf -coffee", []int{1}, true},
		{"minus phrase", `brew -"cold brew"`, []int{1}, true},
		{"OR", "espresso OR steak", []int{5, 3}, true},
		{"prefix", "roast*", []int{3, 1}, true},
		{"prefix finds the word itself", "roaster*", []int{3, 1}, true},
		{"hashtag only", "#coldbrew", []int{2}, true},
		{"word finds hashtag", "coldbrew", []int{2}, true},
		{"handle", "@janedoe", []int{2}, true},
		{"possessive", "maria", []int{0}, true},
		{"emoji", "☕", []int{2}, true},
		{"NEAR", "brew NEAR/4 time", []int{1}, true},
		{"NEAR too far", "brew NEAR/3 time", nil, true},
		{"source field narrows by verification", "source:reddit decaf", []int{4, 1}, true},
		{"source field that matches nothing", "source:mastodon decaf", nil, true},
		{"site alone scans", "site:ycombinator.com", []int{3}, false},
		{"NOT alone scans", "-coffee -cafe -tea", []int{3, 1}, false},
		{"lang", "lang:fr", []int{4}, false},
		{"regex with a word", "/Ember\\b/ brew", []int{1}, true},
		{"nothing", "zebra", nil, true},
		{"nothing with a prefix", "zeb*", nil, true},
	}
	for _, tt := range tests {
		res, err := svc.Search(tt.q, 10, nil)
		if err != nil {
			t.Errorf("%s: %q: %v", tt.name, tt.q, err)
			continue
		}
		if brute := f.expect(t, tt.q); !slices.Equal(brute, tt.want) {
			t.Errorf("%s: %q: the table says %v but matching every mention gives %v", tt.name, tt.q, tt.want, brute)
		}
		if got := f.ids(res.Hits); !slices.Equal(got, tt.want) || res.Indexed != tt.indexed || res.Next != nil {
			t.Errorf("%s: %q → %v (indexed %v, next %v), want %v (indexed %v)", tt.name, tt.q, got, res.Indexed, res.Next, tt.want, tt.indexed)
		}
		// EachMatch gives the same matches in the same order, or none
		// when the index cannot narrow the query.
		var each []Hit
		q, _ := query.Parse(tt.q)
		eres, err := svc.EachMatch(context.Background(), q, 10, nil, func(m *storage.Mention) { each = append(each, Hit{ID: m.ID}) })
		want := tt.want
		if !tt.indexed {
			want = nil
		}
		if got := f.ids(each); err != nil || !slices.Equal(got, want) || eres.Indexed != tt.indexed || len(eres.Hits) != 0 || eres.Next != nil {
			t.Errorf("%s: EachMatch(%q) → %v (indexed %v, %d hits, next %v, %v), want %v", tt.name, tt.q, got, eres.Indexed, len(eres.Hits), eres.Next, err, want)
		}
	}
}

// EachMatch pages as Search does: limit matches, then a cursor that goes
// on after the last.
func TestEachMatchPages(t *testing.T) {
	f := newFixture(t)
	svc := New(f.store)
	q, _ := query.Parse("café OR coffee OR brew")
	var got []Hit
	var after Cursor
	pages := 0
	for {
		res, err := svc.EachMatch(context.Background(), q, 1, after, func(m *storage.Mention) { got = append(got, Hit{ID: m.ID}) })
		if err != nil {
			t.Fatal(err)
		}
		pages++
		if res.Next == nil {
			break
		}
		after = res.Next
	}
	all, err := svc.Search("café OR coffee OR brew", 10, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := f.ids(all.Hits); !slices.Equal(f.ids(got), want) || pages != len(want) {
		t.Errorf("EachMatch one at a time gave %v in %d pages, Search %v", f.ids(got), pages, want)
	}
	if _, err := svc.EachMatch(context.Background(), q, 1, nil, nil); err == nil {
		t.Error("EachMatch without a function did not say so")
	}
}

func TestSearchHighlights(t *testing.T) {
	f := newFixture(t)
	res, err := New(f.store).Search(`café OR "cold brew" OR author:maria OR author:jane`, 10, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[uint64][]string{}
	for _, h := range res.Hits {
		for _, s := range h.Spans {
			field := map[string]string{"title": h.Mention.Title, "text": h.Mention.Text, "author": h.Mention.Author}[s.Field]
			got[h.ID] = append(got[h.ID], s.Field+":"+field[s.Start:s.End])
		}
	}
	want := map[uint64][]string{
		f.m[0].ID: {"title:CAFÉ", "text:cold brew", "author:Jane"},
		f.m[2].ID: {"title:cafe"},
		f.m[3].ID: {"author:Jane"},
		f.m[4].ID: {"text:Café"},
	}
	for id, w := range want {
		if !slices.Equal(got[id], w) {
			t.Errorf("mention %d highlights %q, want %q", id, got[id], w)
		}
	}
}

func TestSearchPagesWithACursor(t *testing.T) {
	f := newFixture(t)
	svc := New(f.store)
	for _, q := range []string{"e*", "-zebra", "brew OR coffee OR cafe OR decaf OR roast* OR tea"} {
		var got []int
		var next Cursor
		for page := 0; ; page++ {
			res, err := svc.Search(q, 2, next)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Hits) > 2 || page > 10 {
				t.Fatalf("%q: page %d has %d hits", q, page, len(res.Hits))
			}
			got = append(got, f.ids(res.Hits)...)
			if next = res.Next; next == nil {
				break
			}
		}
		if want := f.expect(t, q); !slices.Equal(got, want) {
			t.Errorf("%q paged %v, want %v", q, got, want)
		}
	}
	if _, err := svc.Search("coffee", 2, Cursor("junk")); err == nil {
		t.Error("a bad cursor was accepted")
	}
}

// expect matches every fixture mention against q, newest first.
func (f *fixture) expect(t *testing.T, q string) []int {
	t.Helper()
	pq := query.MustParse(q)
	var want []int
	for i := len(f.m) - 1; i >= 0; i-- {
		m := f.m[i]
		if pq.Match(&query.Doc{Title: m.Title, Text: m.Text, Author: m.Author, Link: m.Link, Source: "Reddit r/coffee", Lang: m.Lang}) {
			want = append(want, i)
		}
	}
	return want
}

func TestSearchCapsTheScanAndGoesOn(t *testing.T) {
	f := newFixture(t)
	svc := New(f.store)
	svc.MaxScan = 2
	res, err := svc.Search("site:ycombinator.com", 10, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Capped || res.Scanned != 2 || len(res.Hits) != 0 || res.Next == nil {
		t.Fatalf("first page: %+v", res)
	}
	res, err = svc.Search("site:ycombinator.com", 10, res.Next)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.ids(res.Hits); !slices.Equal(got, []int{3}) || !res.Capped {
		t.Fatalf("second page: %v %+v", got, res)
	}
}

func TestSearchStopsAtItsTimeBudget(t *testing.T) {
	f := newFixture(t)
	err := f.store.Update(func(tx *storage.Tx) error {
		for i := range 300 {
			if err := tx.Mentions().Put(&storage.Mention{Text: "filler", Published: t0.Add(-time.Duration(i+1) * time.Hour)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	svc := New(f.store)
	svc.MaxTime = time.Nanosecond
	res, err := svc.Search("site:nowhere.example", 10, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Capped || res.Scanned != 64 || res.Next == nil {
		t.Fatalf("past its deadline the search read %d mentions (capped %v)", res.Scanned, res.Capped)
	}
}

func TestSearchErrors(t *testing.T) {
	f := newFixture(t)
	svc := New(f.store)
	_, err := svc.Search(`coffee "cold`, 10, nil)
	var se *query.SyntaxError
	if !errors.As(err, &se) {
		t.Errorf("bad query gave %v, want a *query.SyntaxError", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := svc.SearchContext(ctx, "coffee", 10, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled search gave %v", err)
	}
	if _, err := svc.Search("coffee", 0, nil); err == nil {
		t.Error("limit 0 accepted")
	}
}

func TestSearchStaysRightThroughEditsAndRestarts(t *testing.T) {
	dir := t.TempDir()
	s, err := storage.Open(dir, storage.Options{Logger: quiet(), Words: Words()})
	if err != nil {
		t.Fatal(err)
	}
	a := &storage.Mention{Title: "Cold brew", Published: t0}
	b := &storage.Mention{Text: "cold brew again", Published: t0.Add(time.Hour)}
	for _, m := range []*storage.Mention{a, b} {
		if err := s.Update(func(tx *storage.Tx) error { return tx.Mentions().Put(m) }); err != nil {
			t.Fatal(err)
		}
	}
	a.Title = "Espresso"
	err = s.Update(func(tx *storage.Tx) error {
		if err := tx.Mentions().Put(a); err != nil {
			return err
		}
		return tx.Mentions().Delete(b.ID)
	})
	if err != nil {
		t.Fatal(err)
	}
	check := func(when string, s *storage.Store) {
		t.Helper()
		for q, want := range map[string]int{"cold": 0, "espresso": 1, "brew OR espresso": 1} {
			res, err := New(s).Search(q, 10, nil)
			if err != nil || len(res.Hits) != want || !res.Indexed {
				t.Errorf("%s: %q → %d hits (indexed %v, %v), want %d", when, q, len(res.Hits), res.Indexed, err, want)
			}
		}
	}
	check("after edits", s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openStore(t, dir)
	check("after reopening", s)
}

func TestSearchWithoutTheIndexReadsEveryMention(t *testing.T) {
	f := newFixtureWith(t, storage.Words{})
	res, err := New(f.store).Search("coffee", 10, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.ids(res.Hits); !slices.Equal(got, []int{4, 0}) || res.Indexed || res.Scanned != len(f.m) {
		t.Errorf("without the index: %v %+v", got, res)
	}
}

func TestSearchInteractions(t *testing.T) {
	f := newFixture(t)
	p := &storage.Person{Name: "Théo Grant"}
	xs := []*storage.Interaction{
		{Kind: "sample", Note: "Sent a bag of the Guji, he loved the café crème", At: t0},
		{Kind: "call", Note: "Asked about decaf", At: t0.Add(time.Hour)},
		{Kind: "email", Note: "Café order", At: t0.Add(2 * time.Hour)},
	}
	err := f.store.Update(func(tx *storage.Tx) error {
		if err := tx.People().Put(p); err != nil {
			return err
		}
		for _, x := range xs {
			x.PersonID = p.ID
			if err := tx.Interactions().Put(x); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	hits, err := New(f.store).SearchInteractions(context.Background(), query.MustParse("cafe author:theo"), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 2 || hits[0].Interaction.ID != xs[2].ID || hits[1].Interaction.ID != xs[0].ID || hits[0].Person != "Théo Grant" {
		t.Fatalf("hits %+v", hits)
	}
	if s := hits[0].Spans[0]; s.Field != "text" || xs[2].Note[s.Start:s.End] != "Café" {
		t.Errorf("highlight %+v", s)
	}
}
