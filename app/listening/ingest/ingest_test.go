package ingest

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/rapportapp/rapport/app/listening/feed"
	"github.com/rapportapp/rapport/app/shared/testkit"
	"github.com/rapportapp/rapport/storage"
)

var now = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

func setup(t *testing.T, opts ...testkit.Option) (*storage.Store, *Service) {
	t.Helper()
	st := testkit.Store(t, opts...)
	svc := New(st, nil)
	svc.now = func() time.Time { return now }
	return st, svc
}

func parse(t *testing.T, kind, xml string) *feed.Feed {
	t.Helper()
	f, err := feed.Parse(strings.NewReader(`<rss version="2.0"><channel><title>t</title>`+xml+`</channel></rss>`), feed.Options{Kind: kind, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func item(guid, link, title, text, author string) string {
	return `<item><guid>` + guid + `</guid><link>` + link + `</link><title>` + title + `</title><description>` + text +
		`</description><dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">` + author + `</dc:creator><pubDate>Fri, 20 Nov 2026 10:00:00 +0000</pubDate></item>`
}

func mentions(t *testing.T, st *storage.Store) []storage.Mention {
	t.Helper()
	return testkit.All(t, st, (*storage.Tx).Mentions)
}

func TestDuplicatesAcrossSourcesAreStoredOnce(t *testing.T) {
	st, svc := setup(t)
	a, b := testkit.Source(t, st, "a", ""), testkit.Source(t, st, "b", "")
	f1 := parse(t, "hackernews", item("https://news.ycombinator.com/item?id=1", "https://news.ycombinator.com/item?id=1", "Ember", "x", "theog"))
	// the same item with a tracking parameter and www. in the link, and no GUID
	f2 := parse(t, "hackernews", item("", "https://www.news.ycombinator.com/item?id=1&utm_source=feed", "Ember", "x", "theog"))
	r1, err := svc.Ingest(a, f1, Options{})
	if err != nil || r1.New != 1 {
		t.Fatalf("first: %+v %v", r1, err)
	}
	r2, err := svc.Ingest(b, f2, Options{})
	if err != nil || r2.Duplicate != 1 || r2.New != 0 {
		t.Fatalf("second: %+v %v", r2, err)
	}
	ms := mentions(t, st)
	if len(ms) != 1 || len(ms[0].SourceIDs) != 2 {
		t.Fatalf("want one mention remembering both sources, got %+v", ms)
	}
	// Ingesting the same feed again changes nothing.
	if r3, _ := svc.Ingest(a, f1, Options{}); r3.Duplicate != 1 || len(mentions(t, st)[0].SourceIDs) != 2 {
		t.Fatalf("re-ingest: %+v", r3)
	}
}

func TestDuplicatesWithinOneFeed(t *testing.T) {
	st, svc := setup(t)
	src := testkit.Source(t, st, "a", "")
	f := parse(t, "", item("g-000000001", "https://e.com/1", "one", "x", "")+item("g-000000001", "https://e.com/1", "one again", "x", ""))
	r, err := svc.Ingest(src, f, Options{})
	if err != nil || r.New != 1 || r.Duplicate != 1 {
		t.Fatalf("%+v %v", r, err)
	}
}

func TestDeletedMentionsDoNotComeBack(t *testing.T) {
	st, svc := setup(t)
	src := testkit.Source(t, st, "a", "")
	f := parse(t, "", item("g-000000001", "https://e.com/1", "one", "x", ""))
	if _, err := svc.Ingest(src, f, Options{}); err != nil {
		t.Fatal(err)
	}
	m := mentions(t, st)[0]
	_ = st.Update(func(tx *storage.Tx) error {
		for _, k := range m.Keys {
			if k[0] == feed.KeyIdentity {
				_ = tx.AddTombstone(k, now)
			}
		}
		return tx.Mentions().Delete(m.ID)
	})
	r, err := svc.Ingest(src, f, Options{})
	if err != nil || r.Tombstoned != 1 || len(mentions(t, st)) != 0 {
		t.Fatalf("after delete: %+v %v", r, err)
	}
}

func TestRulesDecideAndRecordSpans(t *testing.T) {
	st, svc := setup(t)
	src := testkit.Source(t, st, "reddit", `"ember & oak" -candle`)
	f := parse(t, "", item("", "https://e.com/1", "Ember &amp;amp; Oak is great", "fresh beans", "")+
		item("", "https://e.com/2", "Ember &amp;amp; Oak candle", "smells nice", "")+
		item("", "https://e.com/3", "campfire embers", "oak logs", ""))
	r, err := svc.Ingest(src, f, Options{})
	if err != nil || r.New != 1 || r.Filtered != 2 {
		t.Fatalf("%+v %v", r, err)
	}
	m := mentions(t, st)[0]
	if len(m.RuleIDs) != 1 || len(m.Matches) == 0 {
		t.Fatalf("rule ids %v matches %v", m.RuleIDs, m.Matches)
	}
	sp := m.Matches[0]
	if sp.Field != "title" || m.Title[sp.Start:sp.End] != "Ember & Oak" {
		t.Errorf("span %+v covers %q", sp, m.Title[sp.Start:sp.End])
	}
	bad := testkit.Source(t, st, "bad", `"unclosed`)
	if _, err := svc.Ingest(bad, f, Options{}); err == nil || !strings.Contains(err.Error(), "watch rule") {
		t.Errorf("a broken rule should stop ingest with its error, got %v", err)
	}
}

func TestAuthorsBecomePeopleOnce(t *testing.T) {
	st, svc := setup(t)
	src := testkit.Source(t, st, "hn", "")
	f := parse(t, "hackernews", item("", "https://e.com/1", "a", "x", "TheoG")+item("", "https://e.com/2", "b", "y", "theog")+item("", "https://e.com/3", "c", "z", "other"))
	if _, err := svc.Ingest(src, f, Options{}); err != nil {
		t.Fatal(err)
	}
	ms := mentions(t, st)
	if ms[0].PersonID == 0 || ms[0].PersonID != ms[1].PersonID || ms[2].PersonID == ms[0].PersonID {
		t.Fatalf("person ids %d %d %d", ms[0].PersonID, ms[1].PersonID, ms[2].PersonID)
	}
	// A later feed finds the same person in the store, and a merge is followed.
	var merged storage.Person
	_ = st.Update(func(tx *storage.Tx) error {
		merged = storage.Person{Name: "Theo Grant"}
		if err := tx.People().Put(&merged); err != nil {
			return err
		}
		p, _ := tx.People().Get(ms[0].PersonID)
		p.MergedInto = merged.ID
		return tx.People().Put(&p)
	})
	f2 := parse(t, "hackernews", item("", "https://e.com/4", "d", "w", "theog"))
	if _, err := svc.Ingest(src, f2, Options{}); err != nil {
		t.Fatal(err)
	}
	if got := mentions(t, st)[3].PersonID; got != merged.ID {
		t.Errorf("new post by a merged person went to %d, want %d", got, merged.ID)
	}
}

func TestRepostsAreGroupedNotDropped(t *testing.T) {
	st, svc := setup(t)
	src := testkit.Source(t, st, "s", "")
	text := "HUGE congrats to the whole team on the Cascadia Roasters Cup gold medal, so deserved"
	f := parse(t, "", item("", "https://mastodon.social/@maya/1", "", text+" #emberandoak", "")+item("", "https://bsky.app/profile/maya/post/2", "", text+"!", ""))
	r, err := svc.Ingest(src, f, Options{})
	if err != nil || r.New != 2 {
		t.Fatalf("%+v %v", r, err)
	}
	ms := mentions(t, st)
	if ms[0].GroupID == 0 || ms[0].GroupID != ms[1].GroupID {
		t.Fatalf("group ids %d %d", ms[0].GroupID, ms[1].GroupID)
	}
	// A later copy, from another fetch, joins the group; the index lists all three.
	f2 := parse(t, "", item("", "https://e.com/blog/3", "", "@emberandoak "+text, ""))
	if r, err := svc.Ingest(src, f2, Options{}); err != nil || r.New != 1 {
		t.Fatalf("%+v %v", r, err)
	}
	var ids []uint64
	_ = st.View(func(tx *storage.Tx) (err error) {
		ids, _, err = tx.MentionIDs(storage.MentionsInGroup(ms[0].GroupID), nil, 10)
		return err
	})
	if len(ids) != 3 {
		t.Errorf("group %d lists %v, want the three copies", ms[0].GroupID, ids)
	}
}

func TestCrossPostsAreGroupedByNearKeys(t *testing.T) {
	st, svc := setup(t)
	src := testkit.Source(t, st, "s", "")
	const body = " replied within the hour, refunded the duplicate and explained it was a payment processor retry bug. This is how you do customer service."
	const outro = " Subscribe for a new coffee video every Tuesday and follow along on Instagram for behind the scenes."
	// Within one batch, and against stored mentions in a later one.
	f := parse(t, "", item("", "https://mas.to/@jo/1", "", "Update: Kim from Ember &amp; Oak"+body, "")+
		item("", "https://bsky.app/profile/jo/post/2", "", "Update: Kim from @emberandoak"+body+" #emberandoak", "")+
		item("", "https://youtube.com/watch?v=1", "", "I blind-taste five Portland roasters and rank them."+outro, ""))
	if r, err := svc.Ingest(src, f, Options{}); err != nil || r.New != 3 {
		t.Fatalf("%+v %v", r, err)
	}
	f2 := parse(t, "", item("", "https://e.com/blog/3", "", "Kim from Ember and Oak"+body, "")+
		item("", "https://youtube.com/watch?v=2", "", "Dialing in a washed Kenyan on the V60, three recipes compared."+outro, ""))
	if r, err := svc.Ingest(src, f2, Options{}); err != nil || r.New != 2 {
		t.Fatalf("%+v %v", r, err)
	}
	ms := mentions(t, st)
	if ms[0].GroupID == 0 || ms[1].GroupID != ms[0].GroupID || ms[3].GroupID != ms[0].GroupID {
		t.Errorf("the three posts of Kim's reply are not one group: %d %d %d", ms[0].GroupID, ms[1].GroupID, ms[3].GroupID)
	}
	if ms[2].GroupID != 0 || ms[4].GroupID != 0 {
		t.Errorf("two videos that share only their outro were grouped: %d %d", ms[2].GroupID, ms[4].GroupID)
	}
}

func TestShiftMovesDates(t *testing.T) {
	st, svc := setup(t)
	src := testkit.Source(t, st, "s", "")
	f := parse(t, "", item("", "https://e.com/1", "a", "x", ""))
	if _, err := svc.Ingest(src, f, Options{Shift: 72 * time.Hour}); err != nil {
		t.Fatal(err)
	}
	if got := mentions(t, st)[0].Published; !got.Equal(time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("published %v", got)
	}
}

func TestLargeFeedsSpanSeveralTransactions(t *testing.T) {
	st, svc := setup(t)
	src := testkit.Source(t, st, "s", "")
	var b strings.Builder
	for i := range 250 {
		b.WriteString(item("", "https://e.com/"+strings.Repeat("x", i%7)+"/"+strconv.Itoa(i), "t", "x", "a"+strconv.Itoa(i%20)))
	}
	r, err := svc.Ingest(src, parse(t, "hackernews", b.String()), Options{})
	if err != nil || r.New != 250 {
		t.Fatalf("%+v %v", r, err)
	}
	var people int
	_ = st.View(func(tx *storage.Tx) (err error) { people, err = tx.People().Count(); return err })
	if people != 20 {
		t.Errorf("%d people for 20 authors across batches", people)
	}
}

func TestFollowUpsCloseWhenThePersonAnswers(t *testing.T) {
	st, svc := setup(t)
	src := testkit.Source(t, st, "hn", "")
	f := parse(t, "hackernews", item("", "https://e.com/1", "first", "x", "theog"))
	if _, err := svc.Ingest(src, f, Options{}); err != nil {
		t.Fatal(err)
	}
	pid := mentions(t, st)[0].PersonID
	waiting := &storage.Task{Title: "follow up", Due: now.Add(48 * time.Hour), PersonID: pid, AutoClose: true, Created: now.Add(-3 * time.Hour)}
	manual := &storage.Task{Title: "send sample", Due: now.Add(48 * time.Hour), PersonID: pid, Created: now.Add(-3 * time.Hour)}
	_ = st.Update(func(tx *storage.Tx) error {
		_ = tx.Tasks().Put(waiting)
		return tx.Tasks().Put(manual)
	})
	// They post again at 10:00, after the follow-up was made at 09:00.
	f2 := parse(t, "hackernews", item("", "https://e.com/2", "again", "y", "theog"))
	if _, err := svc.Ingest(src, f2, Options{}); err != nil {
		t.Fatal(err)
	}
	_ = st.View(func(tx *storage.Tx) error {
		w, _ := tx.Tasks().Get(waiting.ID)
		m, _ := tx.Tasks().Get(manual.ID)
		if !w.Done || !strings.Contains(w.Note, "they answered") {
			t.Errorf("auto-closing follow-up: %+v", w)
		}
		if m.Done {
			t.Errorf("a manual follow-up was closed: %+v", m)
		}
		return nil
	})
}

func TestLongTextsSplitTheirBatch(t *testing.T) {
	st, svc := setup(t, func(o *storage.Options) { o.Words = storage.Words{Version: "test", Split: strings.Fields} })
	src := testkit.Source(t, st, "s", "")
	var b strings.Builder
	for i := range 100 {
		var words strings.Builder
		for j := range 3000 { // 3,000 distinct words each: 300k index keys in all
			fmt.Fprintf(&words, "w%dx%d ", i, j)
		}
		b.WriteString(item("", "https://e.com/"+strconv.Itoa(i), "t", words.String(), ""))
	}
	r, err := svc.Ingest(src, parse(t, "", b.String()), Options{})
	if err != nil || r.New != 100 {
		t.Fatalf("%+v %v", r, err)
	}
}

// TestABrokenIdentityListStopsTheImport: an identity list that cannot be
// read (damage the checksums did not catch) stops the import with an
// error that says the store is damaged, instead of reading as "not
// stored" and storing the item a second time.
func TestABrokenIdentityListStopsTheImport(t *testing.T) {
	st, svc := setup(t)
	src := testkit.Source(t, st, "a", "")
	f := parse(t, "", item("g-000000001", "https://e.com/1", "one", "x", ""))
	if _, err := svc.Ingest(src, f, Options{}); err != nil {
		t.Fatal(err)
	}
	keys := mentions(t, st)[0].Keys
	dir := st.Dir()
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	// Badger itself, beside the store: the list of each key (m K key,
	// docs/storage.md) becomes three bytes, no whole id.
	db, err := badger.Open(badger.DefaultOptions(filepath.Join(dir, storage.DBDir)).WithLogger(nil))
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(txn *badger.Txn) error {
		for _, k := range keys {
			if err := txn.Set(append([]byte("mK"), k...), []byte{1, 2, 3}); err != nil {
				return err
			}
		}
		return nil
	})
	if err := errors.Join(err, db.Close()); err != nil {
		t.Fatal(err)
	}
	st = testkit.StoreIn(t, dir)
	svc = New(st, nil)
	r, err := svc.Ingest(src, f, Options{})
	if !errors.Is(err, storage.ErrCorrupt) {
		t.Errorf("import over a broken list: %+v, %v; want an error matching ErrCorrupt", r, err)
	}
	if n := len(mentions(t, st)); n != 1 {
		t.Errorf("%d mentions after the import, want the one stored before", n)
	}
}
