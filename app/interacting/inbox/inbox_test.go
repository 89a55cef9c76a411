package inbox

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rapportapp/rapport/app/shared/testkit"
	"github.com/rapportapp/rapport/storage"
)

func TestSafeLink(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"https://www.reddit.com/r/x", "https://www.reddit.com/r/x"},
		{" http://e.com/a?b=1 ", "http://e.com/a?b=1"},
		{"javascript:alert(1)", ""},
		{"file:///etc/passwd", ""},
		{"ftp://e.com/x", ""},
		{"//e.com/x", ""},
		{"https:///nohost", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := SafeLink(tt.in); got != tt.want {
			t.Errorf("SafeLink(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRowsAndDetail(t *testing.T) {
	t.Parallel()
	st := testkit.Store(t)
	t0 := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	var ids []uint64
	_ = st.Update(func(tx *storage.Tx) error {
		src := &storage.Source{Name: "Mastodon #emberandoak"}
		_ = tx.Sources().Put(src)
		r := &storage.Rule{Name: "Brand", Query: "ember"}
		_ = tx.Rules().Put(r)
		for i, m := range []*storage.Mention{
			{Title: "", Text: "first line\nsecond line", Author: "@maya@mastodon.social", Published: t0, Link: "javascript:x"},
			{
				Title: "Newer", Text: "Ember rocks", Published: t0.Add(time.Hour), Link: "https://e.com/2",
				Matches: []storage.Span{{Field: "text", Start: 0, End: 5}, {Field: "text", Start: 50, End: 60}},
			},
		} {
			m.SourceIDs, m.RuleIDs = []uint64{src.ID}, []uint64{r.ID}
			_ = tx.Mentions().Put(m)
			ids = append(ids, m.ID)
			_ = i
		}
		return nil
	})
	svc := New(Params{Store: st})
	got, err := svc.IDs()
	if err != nil || len(got) != 2 || got[0] != ids[1] {
		t.Fatalf("IDs = %v (newest first expected), %v", got, err)
	}
	rows, err := svc.Rows(got)
	if err != nil || rows[1].Headline != "first line" || rows[1].Source != "Mastodon #emberandoak" || rows[0].Headline != "Newer" {
		t.Fatalf("rows %+v %v", rows, err)
	}
	d, err := svc.Detail(ids[1], "")
	if err != nil || d.Link != "https://e.com/2" || len(d.Highlights) != 1 || d.Rules[0] != "Brand" {
		t.Fatalf("detail %+v %v (out-of-range spans must be dropped)", d, err)
	}
	if d, _ := svc.Detail(ids[0], ""); d.Link != "" {
		t.Errorf("unsafe link passed through: %q", d.Link)
	}
	// A search's matches replace the rules' highlights; a search that does
	// not match or does not parse leaves them.
	tests := []struct {
		q           string
		text, title [][2]int
	}{
		{"rocks", [][2]int{{6, 11}}, nil},
		{"newer OR rocks", [][2]int{{6, 11}}, [][2]int{{0, 5}}},
		{"tea", [][2]int{{0, 5}}, nil},
		{`"unclosed`, [][2]int{{0, 5}}, nil},
	}
	for _, tt := range tests {
		d, err := svc.Detail(ids[1], tt.q)
		if err != nil || !slices.Equal(d.Highlights, tt.text) || !slices.Equal(d.TitleHighlights, tt.title) {
			t.Errorf("%s: text %v title %v, want %v %v (%v)", tt.q, d.Highlights, d.TitleHighlights, tt.text, tt.title, err)
		}
	}
}

func TestListFiltersAndSortsByPriority(t *testing.T) {
	t.Parallel()
	st := testkit.Store(t)
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	recs := []*storage.Mention{
		{Title: "old complaint", Published: now.Add(-72 * time.Hour), Analysis: storage.Analysis{Analysed: true, Polarity: "negative", Intents: []string{"complaint"}, Priority: 60}},
		{Title: "fresh question", Published: now.Add(-time.Hour), Analysis: storage.Analysis{Analysed: true, Polarity: "neutral", Intents: []string{"question"}, Priority: 40}},
		{Title: "praise", Published: now.Add(-2 * time.Hour), Analysis: storage.Analysis{Analysed: true, Polarity: "positive", Intents: []string{"praise"}, Priority: 12}},
		{Title: "german", Published: now.Add(-3 * time.Hour), Analysis: storage.Analysis{Analysed: false, Priority: 8}},
	}
	_ = st.Update(func(tx *storage.Tx) error {
		for _, m := range recs {
			if err := tx.Mentions().Put(m); err != nil {
				return err
			}
		}
		return nil
	})
	svc := New(Params{Store: st})
	titles := func(f Filter) string {
		ids, err := svc.List(f, now)
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := svc.Rows(ids)
		var out []string
		for _, r := range rows {
			out = append(out, r.Headline)
		}
		return strings.Join(out, ", ")
	}
	tests := []struct {
		f    Filter
		want string
	}{
		{Filter{}, "fresh question, praise, german, old complaint"},
		{Filter{Sort: SortPriority}, "fresh question, old complaint, praise, german"},
		{Filter{Intent: "complaint"}, "old complaint"},
		{Filter{Polarity: "positive"}, "praise"},
		{Filter{Polarity: "not analysed"}, "german"},
		{Filter{Sort: SortPriority, Intent: "praise", Polarity: "negative"}, ""},
	}
	for _, tt := range tests {
		if got := titles(tt.f); got != tt.want {
			t.Errorf("%+v: got %q, want %q", tt.f, got, tt.want)
		}
	}
}

func TestDetailListsCopies(t *testing.T) {
	t.Parallel()
	st := testkit.Store(t)
	t0 := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	var src storage.Source
	_ = st.Update(func(tx *storage.Tx) error { src = storage.Source{Name: "Bluesky"}; return tx.Sources().Put(&src) })
	ids := testkit.Mentions(t, st,
		&storage.Mention{Text: "gold medal!", Author: "maya", Published: t0, GroupID: 1},
		&storage.Mention{Text: "gold medal", Author: "maya.bsky.social", Published: t0.Add(time.Minute), GroupID: 1, SourceIDs: []uint64{src.ID}, Platform: "bluesky"},
		&storage.Mention{Text: "gold medal #ember", Author: "@maya@mas.to", Published: t0.Add(2 * time.Minute), GroupID: 1},
		&storage.Mention{Text: "something else", Published: t0.Add(3 * time.Minute)},
	)
	svc := New(Params{Store: st})
	d, err := svc.Detail(ids[0], "")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Copies) != 2 || d.Copies[0].ID != ids[2] || d.Copies[1].ID != ids[1] || d.MoreCopies {
		t.Fatalf("copies of the first post = %+v (more %v), want ids %d, %d newest first", d.Copies, d.MoreCopies, ids[2], ids[1])
	}
	if c := d.Copies[1]; c.Author != "maya.bsky.social" || len(c.Sources) != 1 || c.Sources[0] != "Bluesky" || !c.Time.Equal(t0.Add(time.Minute)) {
		t.Errorf("copy = %+v", c)
	}
	if d, _ := svc.Detail(ids[3], ""); len(d.Copies) != 0 {
		t.Errorf("a post in no group has copies %+v", d.Copies)
	}
	// More than MaxCopies: the list is cut and says so.
	var more []*storage.Mention
	for i := range MaxCopies + 3 {
		more = append(more, &storage.Mention{Text: "repost", Published: t0.Add(time.Duration(i) * time.Hour), GroupID: 100})
	}
	many := testkit.Mentions(t, st, more...)
	if d, _ := svc.Detail(many[0], ""); len(d.Copies) != MaxCopies || !d.MoreCopies {
		t.Errorf("%d copies listed, more %v; want %d and more", len(d.Copies), d.MoreCopies, MaxCopies)
	}
}
