package inbox

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rapportapp/rapport/app/shared/testkit"
	"github.com/rapportapp/rapport/storage"
)

func TestStatesAreRecordedWithTheirTime(t *testing.T) {
	t.Parallel()
	st := testkit.Store(t)
	svc := New(Params{Store: st})
	t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	ids := testkit.Mentions(t, st, &storage.Mention{Title: "a", Published: t0}, &storage.Mention{Title: "b", Published: t0})
	if n, err := svc.SetState(ids, storage.StateNeedsReply, "Dana", t0.Add(time.Minute)); err != nil || n != 2 {
		t.Fatalf("set: %d %v", n, err)
	}
	if n, _ := svc.SetState(ids[:1], storage.StateNeedsReply, "Dana", t0.Add(2*time.Minute)); n != 0 {
		t.Errorf("setting the same state again counted %d changes", n)
	}
	svc.SetState(ids[:1], storage.StateHandled, "Kim", t0.Add(20*time.Minute))
	m := testkit.Mention(t, st, ids[0])
	if m.State != storage.StateHandled || len(m.History) != 2 {
		t.Fatalf("state %v history %+v", m.State, m.History)
	}
	h := m.History[1]
	if h.From != storage.StateNeedsReply || h.To != storage.StateHandled || h.By != "Kim" || !h.At.Equal(t0.Add(20*time.Minute)) {
		t.Errorf("change %+v", h)
	}
	// The state index follows.
	var handled []uint64
	_ = st.View(func(tx *storage.Tx) (err error) {
		handled, _, err = tx.MentionIDs(storage.MentionsInState(storage.StateHandled), nil, 0)
		return err
	})
	if len(handled) != 1 || handled[0] != ids[0] {
		t.Errorf("handled index %v", handled)
	}
	if _, err := svc.SetState(ids, storage.StateSnoozed, "x", t0); err == nil {
		t.Error("snoozing without a time was accepted")
	}
}

func TestSnoozeAndWake(t *testing.T) {
	t.Parallel()
	st := testkit.Store(t)
	svc := New(Params{Store: st})
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	ids := testkit.Mentions(t, st, &storage.Mention{Title: "a", State: storage.StateNeedsReply, Published: now})
	if _, err := svc.SnoozeUntil(ids, now.Add(-time.Hour), "Dana", now); err == nil {
		t.Error("snoozing into the past was accepted")
	}
	if _, err := svc.SnoozeUntil(ids, now.Add(2*time.Hour), "Dana", now); err != nil {
		t.Fatal(err)
	}
	if n, _ := svc.Wake(now.Add(time.Hour)); n != 0 {
		t.Errorf("woke %d an hour early", n)
	}
	if n, err := svc.Wake(now.Add(3 * time.Hour)); n != 1 || err != nil {
		t.Fatalf("wake: %d %v", n, err)
	}
	m := testkit.Mention(t, st, ids[0])
	if m.State != storage.StateNeedsReply || !m.Snoozed.IsZero() {
		t.Errorf("after waking: state %v snoozed %v", m.State, m.Snoozed)
	}
}

func TestAssignAndFilterByOwner(t *testing.T) {
	t.Parallel()
	st := testkit.Store(t)
	svc := New(Params{Store: st})
	now := time.Now()
	ids := testkit.Mentions(t, st, &storage.Mention{Title: "a", Published: now}, &storage.Mention{Title: "b", Published: now.Add(-time.Minute)})
	svc.Assign(ids[:1], "Kim Park", "Dana", now)
	got, _ := svc.List(Filter{Owner: "Kim Park"}, now)
	if len(got) != 1 || got[0] != ids[0] {
		t.Errorf("assigned to Kim: %v", got)
	}
	got, _ = svc.List(Filter{Owner: "nobody"}, now)
	if len(got) != 1 || got[0] != ids[1] {
		t.Errorf("unassigned: %v", got)
	}
	m := testkit.Mention(t, st, ids[0])
	if m.History[0].Note != "assigned to Kim Park" {
		t.Errorf("history %+v", m.History)
	}
}

func TestQueryStatesAndSavedViews(t *testing.T) {
	t.Parallel()
	st := testkit.Store(t)
	svc := New(Params{Store: st})
	now := time.Now()
	testkit.Mentions(t, st,
		&storage.Mention{Title: "Cold brew cans", Published: now},
		&storage.Mention{Title: "Café espresso", State: storage.StateArchived, Published: now},
		&storage.Mention{Title: "cold brew concentrate", State: storage.StateHandled, Published: now})
	tests := []struct {
		f    Filter
		want int
	}{
		{Filter{Query: `"cold brew"`}, 2},
		{Filter{Query: "cafe"}, 1},
		{Filter{States: StateSet{StateNew, StateNeedsReply}}, 1},
		{Filter{States: StateSet{StateHandled, StateArchived}, Query: "-espresso"}, 1},
	}
	for _, tt := range tests {
		if ids, err := svc.List(tt.f, now); err != nil || len(ids) != tt.want {
			t.Errorf("%+v: %v %v", tt.f, ids, err)
		}
	}
	if _, err := svc.List(Filter{Query: `"unclosed`}, now); err == nil {
		t.Error("a broken query was accepted")
	}
	v, err := svc.SaveView(View{Name: "Cold brew", Filter: Filter{Query: `"cold brew"`}})
	if err != nil || v.ID == "" {
		t.Fatalf("save: %+v %v", v, err)
	}
	if _, err := svc.SaveView(View{Name: "Broken", Filter: Filter{Query: "(("}}); err == nil {
		t.Error("a view with a broken query was saved")
	}
	views, _ := svc.Views()
	fs := make([]Filter, len(views))
	for i, v := range views {
		fs[i] = v.Filter
	}
	counts, err := svc.Counts(fs)
	// inbox, needs reply, assigned to me, snoozed, handled, archived, all, the saved one
	if err != nil || len(counts) != 8 || counts[0].N != 1 || counts[2].N != 0 || counts[6].N != 3 || counts[7].N != 2 {
		t.Fatalf("counts %v %v", counts, err)
	}
	if err := svc.DeleteView(v.ID); err != nil {
		t.Fatal(err)
	}
	if views, _ := svc.Views(); len(views) != 7 {
		t.Errorf("%d views after delete", len(views))
	}
}

func TestParseState(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]storage.MentionState{"new": 0, "Needs-Reply": 1, " handled ": 2, "archived": 3, "snoozed": 4} {
		if got, err := ParseState(in); err != nil || got != want {
			t.Errorf("ParseState(%q) = %v %v", in, got, err)
		}
	}
	if _, err := ParseState("done"); err == nil {
		t.Error("unknown state accepted")
	}
}

func TestDeleteLeavesATombstone(t *testing.T) {
	t.Parallel()
	st := testkit.Store(t)
	svc := New(Params{Store: st})
	key := append([]byte{'i'}, make([]byte, 16)...)
	ids := testkit.Mentions(t, st, &storage.Mention{Title: "spam", Keys: [][]byte{key}, Published: time.Now()})
	if n, err := svc.Delete(ids, time.Now()); err != nil || n != 1 {
		t.Fatalf("delete %d %v", n, err)
	}
	_ = st.View(func(tx *storage.Tx) error {
		if _, err := tx.Mentions().Get(ids[0]); err == nil {
			t.Error("the mention is still there")
		}
		if gone, _ := tx.HasTombstone(key); !gone {
			t.Error("no tombstone")
		}
		return nil
	})
}

func TestQueriesUseTheFullTextIndex(t *testing.T) {
	t.Parallel()
	st := testkit.Store(t)
	svc := New(Params{Store: st})
	now := time.Now()
	testkit.Mentions(t, st,
		&storage.Mention{Title: "Cold brew cans", Published: now},
		&storage.Mention{Title: "Café espresso", State: storage.StateArchived, Published: now.Add(-time.Minute)},
		&storage.Mention{Title: "cold brew concentrate", State: storage.StateHandled, Published: now.Add(-2 * time.Minute)})
	tests := []struct {
		f    Filter
		want int
	}{
		{Filter{Query: `"cold brew"`}, 2},
		{Filter{Query: "cafe"}, 1},
		{Filter{Query: `"cold brew"`, States: StateSet{StateNew}}, 1},
		{Filter{Query: "-espresso"}, 2}, // the index cannot narrow this: read everything
		{Filter{Query: "tea"}, 0},
	}
	found := func(f Filter) (ids []uint64, indexed bool) {
		mt, _ := svc.prepare(f)
		indexed, _, _ = svc.searchEach(mt.q, func(m *storage.Mention) { ids = append(ids, m.ID) })
		return ids, indexed
	}
	for _, tt := range tests {
		if ids, err := svc.List(tt.f, now); err != nil || len(ids) != tt.want {
			f, _ := found(tt.f)
			t.Errorf("%+v: %v %v (index found %v)", tt.f, ids, err, f)
		}
	}
	if ids, indexed := found(Filter{Query: "cafe"}); !indexed || len(ids) != 1 {
		t.Errorf("the index was not used for a word query: %v %v", ids, indexed)
	}
	// A query the index cannot narrow: nothing is read through it.
	if ids, indexed := found(Filter{Query: "-espresso"}); indexed || len(ids) != 0 {
		t.Errorf("a query the index cannot narrow gave %v (indexed %v)", ids, indexed)
	}
}

// A query that matches more than the inbox lists is listed and counted
// among its newest matches, and both say there are more; one that matches
// no more than that is exact.
func TestAQueryMatchingMoreThanTheCapSaysSo(t *testing.T) {
	t.Parallel()
	st := testkit.Store(t)
	svc := New(Params{Store: st})
	svc.searchCap = 5
	now := time.Now()
	var ms []*storage.Mention
	for i := range 8 {
		ms = append(ms, &storage.Mention{Title: fmt.Sprint("cold brew ", i), Published: now.Add(-time.Duration(i) * time.Minute)})
	}
	ms = append(ms, &storage.Mention{Title: "espresso", Published: now})
	ids := testkit.Mentions(t, st, ms...)
	for _, tc := range []struct {
		f     Filter
		total int
		more  bool
		first uint64
	}{
		{Filter{Sort: SortNewest, Query: "brew"}, 5, true, ids[0]},
		{Filter{Sort: SortNewest, Query: "espresso"}, 1, false, ids[8]},
		{Filter{Sort: SortNewest, Query: "brew", States: StateSet{StateArchived}}, 0, true, 0},
	} {
		p, err := svc.Page(tc.f, now, nil, 50)
		if err != nil || p.Total != tc.total || p.More != tc.more || (tc.first != 0 && p.IDs[0] != tc.first) {
			t.Errorf("%s: page %+v (%v), want total %d, more %v, first %d", tc.f.Describe(), p, err, tc.total, tc.more, tc.first)
		}
		c, err := svc.Counts([]Filter{tc.f})
		if err != nil || c[0] != (Count{tc.total, tc.more}) {
			t.Errorf("%s: count %+v (%v), want %d, more %v", tc.f.Describe(), c, err, tc.total, tc.more)
		}
	}
}

func TestNotesFindsInteractions(t *testing.T) {
	t.Parallel()
	st := testkit.Store(t)
	svc := New(Params{Store: st})
	now := time.Now()
	err := st.Update(func(tx *storage.Tx) error {
		for _, x := range []*storage.Interaction{
			{Kind: "call", Note: "Asked about the café's oat milk", At: now.Add(-time.Hour)},
			{Kind: "reply", Note: "Thanked them for the review", At: now},
			{Kind: "give", Note: "Sent oat milk samples", At: now.Add(-time.Minute)},
		} {
			if err := tx.Interactions().Put(x); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q    string
		want []string // notes, newest first
		err  bool
	}{
		{`"oat milk"`, []string{"Sent oat milk samples", "Asked about the café's oat milk"}, false},
		{"cafe", []string{"Asked about the café's oat milk"}, false},
		{"review -oat", []string{"Thanked them for the review"}, false},
		{"tea", nil, false},
		{`"unclosed`, nil, true},
	}
	for _, tt := range tests {
		hits, err := svc.Notes(tt.q, 10)
		if (err != nil) != tt.err {
			t.Errorf("%s: error %v", tt.q, err)
			continue
		}
		var got []string
		for _, h := range hits {
			got = append(got, h.Interaction.Note)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: %q, want %q", tt.q, got, tt.want)
		}
	}
}

func TestAssignedToMeFollowsTheOwner(t *testing.T) {
	t.Parallel()
	st := testkit.Store(t)
	me := "Dana Reyes"
	svc := New(Params{Store: st, Me: func() string { return me }})
	now := time.Now()
	ids := testkit.Mentions(t, st, &storage.Mention{Title: "a", Owner: "Dana Reyes", Published: now},
		&storage.Mention{Title: "b", Owner: "Kim Park", Published: now}, &storage.Mention{Title: "c", Published: now})
	var mine View
	for _, v := range BuiltInViews() {
		if v.ID == "mine" {
			mine = v
		}
	}
	if got, err := svc.List(mine.Filter, now); err != nil || !slices.Equal(got, ids[:1]) {
		t.Errorf("assigned to Dana: %v %v", got, err)
	}
	me = "Kim Park" // the owner in Settings changed
	if got, _ := svc.List(mine.Filter, now); !slices.Equal(got, ids[1:2]) {
		t.Errorf("assigned to Kim: %v", got)
	}
}

// TestDeletingManyLongOrSealedMentions deletes more mentions than one
// transaction takes: each of 250 posts of 300 distinct words deletes
// 300 word entries, or, in a sealed segment, rewrites 300 chunks. The
// batches of 200 were refused by Badger as too big ("Txn is too big to
// fit into one request", seen on a migrated 1M folder with 400 ids).
func TestDeletingManyLongOrSealedMentions(t *testing.T) {
	t.Parallel()
	for _, sealed := range []bool{false, true} {
		t.Run(fmt.Sprint("sealed=", sealed), func(t *testing.T) {
			t.Parallel()
			st := testkit.Store(t, func(o *storage.Options) { o.SealedSegment = 8 })
			now := time.Now()
			ms := make([]*storage.Mention, 250)
			for i := range ms {
				words := make([]string, 300)
				for j := range words {
					words[j] = fmt.Sprintf("w%dx%d", i%7, j)
				}
				ms[i] = &storage.Mention{Title: "long", Text: strings.Join(words, " "), Published: now.Add(-time.Duration(i) * time.Minute)}
			}
			ids := testkit.Mentions(t, st, ms...)
			if err := st.IndexQueuedWords(); err != nil {
				t.Fatal(err)
			}
			if sealed {
				if err := st.SealWords(); err != nil {
					t.Fatal(err)
				}
			}
			n, err := New(Params{Store: st}).Delete(ids, now)
			if err != nil || n != len(ids) {
				t.Fatalf("deleted %d of %d: %v", n, len(ids), err)
			}
			if err := st.View(func(tx *storage.Tx) error {
				if c := tx.CountMentionIDs(storage.MentionsWithWord(storage.TextWords, "long")); c != 0 {
					t.Errorf("%d mentions still found by a word", c)
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
		})
	}
}
