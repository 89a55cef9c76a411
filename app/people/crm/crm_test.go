package crm

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/rapportapp/rapport/app/people/advocates"
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/app/shared/workspace/workspacetest"
	"github.com/rapportapp/rapport/storage"
)

func sampleCRM(t *testing.T) (*Service, *workspace.Workspace) {
	t.Helper()
	w := workspacetest.Sample(t, time.Now())
	return New(Params{Store: w.Store, Business: w.Business, Log: w.Log}), w
}

func byName(rows []Row, name string) (Row, bool) {
	for _, r := range rows {
		if r.Name == name {
			return r, true
		}
	}
	return Row{}, false
}

func TestListRanksTheSampleAdvocates(t *testing.T) {
	t.Parallel()
	s, _ := sampleCRM(t)
	rows, err := s.List(ListFilter{Sort: ByScore})
	if err != nil || len(rows) != 8 {
		t.Fatalf("%d contacts, %v", len(rows), err)
	}
	maya, _ := byName(rows, "Maya Lin")
	jordan, _ := byName(rows, "Jordan Blake")
	if maya.Score < 60 || jordan.Score > maya.Score || len(maya.Platforms) < 4 || maya.Mentions < 10 {
		t.Errorf("maya %+v jordan %+v", maya, jordan)
	}
	for i := 1; i < len(rows); i++ {
		if rows[i].Score > rows[i-1].Score {
			t.Fatalf("not sorted by score at %d", i)
		}
	}
	byStage, _ := s.List(ListFilter{Sort: ByName})
	if byStage[0].Name != "Carl Whitfield" {
		t.Errorf("by name starts with %q", byStage[0].Name)
	}
	everyone, _ := s.List(ListFilter{Everyone: true})
	if len(everyone) < 100 {
		t.Errorf("everyone: %d", len(everyone))
	}
	last := everyone[len(everyone)-1]
	if !last.Own {
		// the business's own accounts sort last
		var own int
		for _, r := range everyone {
			if r.Own {
				own++
			}
		}
		if own > 0 {
			t.Errorf("own accounts are not last: %+v", last)
		}
	}
	found, _ := s.List(ListFilter{Text: "mayabrews"})
	if len(found) != 1 || found[0].Name != "Maya Lin" {
		t.Errorf("search by handle: %+v", found)
	}
}

func TestPageStageAndLedger(t *testing.T) {
	t.Parallel()
	s, _ := sampleCRM(t)
	rows, _ := s.List(ListFilter{Text: "Maya"})
	id := rows[0].ID
	pg, err := s.Page(id)
	if err != nil {
		t.Fatal(err)
	}
	if len(pg.Score.Parts) != 5 || len(pg.Timeline) < 15 || pg.Latest == 0 || pg.Ledger.Gives == 0 {
		t.Fatalf("page: parts %d timeline %d latest %d ledger %+v", len(pg.Score.Parts), len(pg.Timeline), pg.Latest, pg.Ledger)
	}
	for i := 1; i < len(pg.Timeline); i++ {
		if pg.Timeline[i].At.After(pg.Timeline[i-1].At) {
			t.Fatal("timeline not newest first")
		}
	}
	if err := s.SetStage(id, "champion"); err != nil {
		t.Fatal(err)
	}
	if err := s.Log(storage.Interaction{PersonID: id, Kind: "purchase", Value: 42, Note: "bought a gift box"}); err != nil {
		t.Fatal(err)
	}
	pg2, _ := s.Page(id)
	if pg2.Person.Stage != "champion" || pg2.Ledger.GetValue < 42 || pg2.Timeline[0].Kind != "purchase" && pg2.Timeline[1].Kind != "purchase" {
		t.Errorf("after stage and purchase: %+v %+v", pg2.Person.Stage, pg2.Ledger)
	}
	var stage bool
	for _, e := range pg2.Timeline {
		if e.Kind == "stage" && strings.Contains(e.Text, "advocate → champion") {
			stage = true
		}
	}
	if !stage {
		t.Error("the stage change is not recorded")
	}
	if err := s.Log(storage.Interaction{PersonID: id}); err == nil {
		t.Error("an interaction without a kind was logged")
	}
}

func TestSuggestMergeAndUndo(t *testing.T) {
	t.Parallel()
	s, w := sampleCRM(t)
	// Two lightweight people who are obviously one: same handle name on two platforms.
	var a, b storage.Person
	var mid uint64
	_ = w.Store.Update(func(tx *storage.Tx) error {
		a = storage.Person{Name: "Rosa Diaz", Handles: []storage.Handle{{Platform: "reddit", Handle: "rosabrews"}}}
		b = storage.Person{Name: "rosabrews.bsky.social", Handles: []storage.Handle{{Platform: "bluesky", Handle: "rosabrews.bsky.social"}}}
		_ = tx.People().Put(&a)
		_ = tx.People().Put(&b)
		m := storage.Mention{Title: "hi", PersonID: b.ID, Published: time.Now()}
		_ = tx.Mentions().Put(&m)
		mid = m.ID
		return nil
	})
	sgs, err := s.Suggestions()
	if err != nil {
		t.Fatal(err)
	}
	var found *Suggestion
	for i := range sgs {
		if (sgs[i].A.ID == a.ID && sgs[i].B.ID == b.ID) || (sgs[i].A.ID == b.ID && sgs[i].B.ID == a.ID) {
			found = &sgs[i]
		}
	}
	if found == nil || !strings.Contains(found.Reason, "rosabrews") || found.Confidence < 0.8 {
		t.Fatalf("no suggestion for the obvious pair: %+v", sgs)
	}
	if err := s.Merge(a.ID, b.ID); err != nil {
		t.Fatal(err)
	}
	_ = w.Store.View(func(tx *storage.Tx) error {
		m, _ := tx.Mentions().Get(mid)
		ids, _ := tx.PeopleByHandle("bluesky", "rosabrews.bsky.social")
		if m.PersonID != a.ID || len(ids) != 1 || ids[0] != a.ID {
			t.Errorf("after merge: mention person %d, handle → %v", m.PersonID, ids)
		}
		return nil
	})
	if err := s.Undo(b.ID); err != nil {
		t.Fatal(err)
	}
	_ = w.Store.View(func(tx *storage.Tx) error {
		m, _ := tx.Mentions().Get(mid)
		bb, _ := tx.People().Get(b.ID)
		aa, _ := tx.People().Get(a.ID)
		if m.PersonID != b.ID || bb.MergedInto != 0 || len(bb.Handles) != 1 || len(aa.Handles) != 1 {
			t.Errorf("after undo: mention %d, b %+v, a %+v", m.PersonID, bb, aa)
		}
		return nil
	})
	if err := s.Undo(b.ID); err == nil {
		t.Error("undoing twice succeeded")
	}
	if err := s.Dismiss(a.ID, b.ID); err != nil {
		t.Fatal(err)
	}
	sgs, _ = s.Suggestions()
	for _, sg := range sgs {
		if sg.Key() == pairKey(a.ID, b.ID) {
			t.Error("a dismissed pair is suggested again")
		}
	}
}

func TestImportDuplicatesBecomeSuggestionsAndExportRoundTrips(t *testing.T) {
	t.Parallel()
	s, _ := sampleCRM(t)
	var buf bytes.Buffer
	n, err := s.Export(&buf, VCard)
	if err != nil || n != 8 {
		t.Fatalf("export %d %v", n, err)
	}
	newcomer := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nina Novak\r\nEMAIL:nina@example.com\r\nEND:VCARD\r\n"
	res, err := s.Import(strings.NewReader(buf.String()+newcomer), VCard)
	if err != nil || res.Added != 1 || res.Suggested != 8 {
		t.Fatalf("import %+v %v", res, err)
	}
	rows, _ := s.List(ListFilter{})
	if len(rows) != 9 {
		t.Errorf("%d contacts after importing 8 known and 1 new: duplicates were copied", len(rows))
	}
	sgs, _ := s.Suggestions()
	var incoming []Suggestion
	for _, sg := range sgs {
		if sg.Incoming {
			incoming = append(incoming, sg)
		}
	}
	if len(incoming) != 8 {
		t.Fatalf("%d import suggestions", len(incoming))
	}
	if err := s.Accept(incoming[0]); err != nil {
		t.Fatal(err)
	}
	if err := s.Reject(incoming[1]); err != nil {
		t.Fatal(err)
	}
	rows, _ = s.List(ListFilter{})
	if len(rows) != 10 {
		t.Errorf("%d contacts after one accept and one reject, want 10", len(rows))
	}
	var csv bytes.Buffer
	if _, err := s.Export(&csv, CSV); err != nil || !strings.Contains(csv.String(), "Nina Novak") {
		t.Errorf("csv export: %v", err)
	}
	if _, err := FormatOf("contacts.xlsx"); err == nil {
		t.Error("an xlsx file was accepted")
	}
}

func TestEraseLeavesNothingBehind(t *testing.T) {
	t.Parallel()
	s, w := sampleCRM(t)
	rows, _ := s.List(ListFilter{Text: "Jordan"})
	id := rows[0].ID
	pg, _ := s.Page(id)
	// Words only Jordan used, to look for afterwards.
	secrets := []string{"Jordan Blake", "jblake_pdx", "jordanblake.bsky.social"}
	for _, e := range pg.Timeline {
		if e.Kind == "mention" && len(e.Text) > 20 {
			secrets = append(secrets, e.Text)
		}
	}
	out, err := s.Erase(id)
	if err != nil || out.People != 1 || out.Mentions < 5 || out.Interactions == 0 {
		t.Fatalf("erase %+v %v", out, err)
	}
	if did, err := s.CompactErased(context.Background()); !did || err != nil {
		t.Fatalf("CompactErased after an erase = %v, %v; want the files rewritten", did, err)
	}
	if did, err := s.CompactErased(context.Background()); did || err != nil {
		t.Errorf("a second CompactErased = %v, %v; want nothing to do", did, err)
	}
	err = w.Store.ScanRaw(func(k, v []byte) bool {
		for _, sec := range secrets {
			if bytes.Contains(k, []byte(sec)) || bytes.Contains(v, []byte(sec)) || bytes.Contains(bytes.ToLower(k), bytes.ToLower([]byte(sec))) {
				t.Errorf("%q is still in the store under key %q", sec, k)
				return false
			}
		}
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	// Nor is anything left in the full-text index under their name.
	_ = w.Store.ScanRaw(func(k, _ []byte) bool {
		for _, word := range []string{"jordan", "blake", "jblake"} {
			if bytes.HasPrefix(k, append([]byte("ma"+word), 0)) || bytes.HasPrefix(k, append([]byte("mw"+word), 0)) {
				t.Errorf("the search index still has %q: %q", word, k)
				return false
			}
		}
		return true
	})
	// Their posts are not collected again.
	var tomb int
	_ = w.Store.ScanRaw(func(k, _ []byte) bool {
		if k[0] == 'Z' {
			tomb++
		}
		return true
	})
	if tomb < out.Mentions {
		t.Errorf("%d tombstones for %d erased mentions", tomb, out.Mentions)
	}
}

func TestRedactReplacesWholeNamesAsSearchReadsThem(t *testing.T) {
	t.Parallel()
	ns := newNames([]string{"+1 503 555 0100", "Jordan Blake", "jblake", "jordan.blake@example.com", "jblake_pdx"}, []string{"Jordan", "Blake", "May"})
	tests := []struct{ in, want string }{
		{"Call +1 503 555 0100 today", "Call +[erased] today"},
		{"Sorry Jordan, refunded.", "Sorry [erased], refunded."},
		{"JORDAN BLAKE wrote", "[erased] wrote"},
		{"Jordanian coffee and @jblake_shop", "Jordanian coffee and @jblake_shop"},
		{"Thanks @jblake!", "Thanks [erased]!"},
		{"Thanks @jblake_pdx!", "Thanks [erased]!"},
		{"Jordan's order, and Jordan Blake's", "[erased] order, and [erased]"},
		{"mail jordan.blake@example.com now", "mail [erased] now"},
		{"Jörдan and jordan_x", "Jörдan and jordan_x"},
		// A word of a name on its own counts where it is written as one.
		{"I may go, said May to MAY and @May", "I may go, said [erased] to [erased] and [erased]"},
		{"blake the maker, jordan.", "blake the maker, jordan."},
		{"jordan blake said", "[erased] said"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := ns.replace(tt.in); got != tt.want {
			t.Errorf("replace(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// The contacts' list and the stage sums read only the contacts (from the
// index of contacts), and agree with reading every person: the sample's
// contacts, one merged away and one more made a contact.
func TestContactsAndStageSumsAgreeWithReadingEveryone(t *testing.T) {
	t.Parallel()
	s, w := sampleCRM(t)
	err := w.Store.Update(func(tx *storage.Tx) error {
		return tx.People().Put(&storage.Person{Name: "New Friend", Contact: true, Stage: "advocate"})
	})
	if err != nil {
		t.Fatal(err)
	}
	everyone, err := s.List(ListFilter{Everyone: true, Sort: ByName})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, r := range everyone {
		if r.Contact {
			want = append(want, r.Name)
		}
	}
	rows, err := s.List(ListFilter{Sort: ByName})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, r.Name)
	}
	if strings.Join(got, "|") != strings.Join(want, "|") || len(got) != 9 {
		t.Errorf("contacts %q, reading everyone finds %q", got, want)
	}
	var people []storage.Person
	ledgers := map[uint64]advocates.Ledger{}
	err = w.Store.View(func(tx *storage.Tx) error {
		return tx.People().Each(func(p *storage.Person) error {
			if !p.Contact || p.MergedInto != 0 {
				return nil
			}
			l, err := ledgerOf(tx, p.ID)
			people, ledgers[p.ID] = append(people, *p), l
			return err
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	sums, err := s.StageSums()
	if wantSums := advocates.SumByStage(people, ledgers); err != nil || !reflect.DeepEqual(sums, wantSums) {
		t.Errorf("stage sums %+v (%v), reading everyone %+v", sums, err, wantSums)
	}
}

// TestEveryoneInOnePassIsTheListReadPersonByPerson: Everyone who wrote,
// scored from one pass over the mentions, is the list read person by
// person through the indexes, row for row and to the last bit of every
// score, in every sort; with merged people, corrected readings, undated
// records, interactions linked to a positive mention, a person with
// interactions only and mentions of nobody.
func TestEveryoneInOnePassIsTheListReadPersonByPerson(t *testing.T) {
	t.Parallel()
	s, w := sampleCRM(t)
	now := time.Now()
	err := w.Store.Update(func(tx *storage.Tx) error {
		a := &storage.Person{Name: "Ana Ortiz", Handles: []storage.Handle{{Platform: "reddit", Handle: "anao"}}}
		b := &storage.Person{Name: "Ana O.", Handles: []storage.Handle{{Platform: "mastodon", Handle: "@ana@x"}}}
		quiet := &storage.Person{Name: "Only Interactions", Contact: true}
		for _, p := range []*storage.Person{a, b, quiet} {
			if err := tx.People().Put(p); err != nil {
				return err
			}
		}
		b.MergedInto = a.ID
		if err := tx.People().Put(b); err != nil {
			return err
		}
		ms := []*storage.Mention{
			{PersonID: a.ID, Text: "love it", Published: now.Add(-time.Hour), Analysis: storage.Analysis{Polarity: "positive"}},
			{PersonID: a.ID, Text: "same second", Published: now.Add(-time.Hour), Analysis: storage.Analysis{Polarity: "positive", Intents: []string{"referral"}}, Link: "https://reddit.com/r/coffee/comments/abc/x/y"},
			{PersonID: a.ID, Text: "corrected", Published: now.Add(-48 * time.Hour), Analysis: storage.Analysis{Polarity: "positive"}, Corrected: &storage.Correction{Polarity: "negative"}},
			{PersonID: a.ID, Text: "meh", Published: now.Add(-72 * time.Hour)},
			// a link too long for the index's key: read from the mention
			{PersonID: a.ID, Text: "long link", Published: now.Add(-5 * time.Hour), Analysis: storage.Analysis{Polarity: "positive"}, Link: "https://example.com/" + strings.Repeat("x", 2000)},
			{PersonID: b.ID, Text: "from the merged one", Published: now.Add(-time.Hour), Analysis: storage.Analysis{Polarity: "positive"}},
			{Text: "nobody wrote this", Published: now, Analysis: storage.Analysis{Polarity: "positive"}},
		}
		for _, m := range ms {
			if err := tx.Mentions().Put(m); err != nil {
				return err
			}
		}
		xs := []*storage.Interaction{
			{PersonID: a.ID, MentionID: ms[0].ID, Kind: "share", Direction: "get", At: now.Add(-30 * time.Minute)},
			{PersonID: a.ID, Kind: "review", Direction: "get", At: now.Add(-30 * time.Minute)},
			{PersonID: a.ID, Kind: "sample", Direction: "give"},
			{PersonID: quiet.ID, Kind: "purchase", Direction: "get", At: now.Add(-24 * time.Hour), Value: 30},
		}
		for _, x := range xs {
			if err := tx.Interactions().Put(x); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	fixed := func() time.Time { return now }
	s.now = fixed
	slow := New(Params{Store: w.Store, Business: w.Business, Log: w.Log})
	slow.now, slow.perPerson = fixed, true
	for _, by := range []string{ByScore, ByStage, ByLastContact, ByBalance, ByName} {
		got, err := s.List(ListFilter{Everyone: true, Sort: by})
		if err != nil {
			t.Fatal(err)
		}
		want, err := slow.List(ListFilter{Everyone: true, Sort: by})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) < 100 || !reflect.DeepEqual(got, want) {
			t.Errorf("sorted by %s: %d rows in one pass, %d person by person", by, len(got), len(want))
			for i := range min(len(got), len(want)) {
				if !reflect.DeepEqual(got[i], want[i]) {
					t.Errorf("first difference at %d:\n one pass  %+v\n per person %+v", i, got[i], want[i])
					g, w := reflect.ValueOf(got[i]), reflect.ValueOf(want[i])
					for f := range g.NumField() {
						if !reflect.DeepEqual(g.Field(f).Interface(), w.Field(f).Interface()) {
							t.Errorf("%s: %#v against %#v", g.Type().Field(f).Name, g.Field(f).Interface(), w.Field(f).Interface())
						}
					}
					break
				}
			}
		}
		if by == ByName {
			if r, ok := byName(got, "Ana Ortiz"); !ok || r.Mentions != 5 || r.Score == 0 {
				t.Errorf("Ana Ortiz: %+v", r)
			}
			if _, ok := byName(got, "Ana O."); ok {
				t.Error("a merged person is listed")
			}
		}
	}
}

// TestEveryoneIsReadAgainWhenWhatItShowsChanged: the list of everyone who
// wrote is read again after a change to what it shows, or once it is a
// few minutes old, and given again otherwise (the window asks for it each
// time Contacts opens).
func TestEveryoneIsReadAgainWhenWhatItShowsChanged(t *testing.T) {
	t.Parallel()
	s, w := sampleCRM(t)
	clock := time.Now()
	s.now = func() time.Time { return clock }
	slow := New(Params{Store: w.Store, Business: w.Business, Log: w.Log})
	slow.now, slow.perPerson = s.now, true
	var m storage.Mention
	var author storage.Person
	err := w.Store.View(func(tx *storage.Tx) error {
		ms, err := tx.Mentions().All()
		for _, x := range ms {
			if x.PersonID != 0 && x.Analysis.Polarity == "positive" {
				m = x
				break
			}
		}
		if err == nil {
			author, err = tx.People().Get(m.PersonID)
		}
		return err
	})
	if err != nil || m.ID == 0 {
		t.Fatalf("no positive mention with an author in the sample: %v", err)
	}
	update := func(fn func(tx *storage.Tx) error) {
		t.Helper()
		if err := w.Store.Update(fn); err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		name   string
		change func()
		reads  bool
	}{
		{"the first list", func() {}, true},
		{"nothing", func() {}, false},
		{"a mention archived and assigned", func() {
			update(func(tx *storage.Tx) error {
				m.State, m.Owner = storage.StateArchived, "sam"
				return tx.Mentions().Put(&m)
			})
		}, false},
		{"a reading corrected", func() {
			update(func(tx *storage.Tx) error {
				m.Corrected = &storage.Correction{Polarity: "negative"}
				return tx.Mentions().Put(&m)
			})
		}, true},
		{"an interaction", func() {
			update(func(tx *storage.Tx) error {
				return tx.Interactions().Put(&storage.Interaction{PersonID: author.ID, Kind: "referral", Direction: "get", At: clock.Add(-time.Minute)})
			})
		}, true},
		{"a name", func() {
			update(func(tx *storage.Tx) error { author.Name = "Renamed Person"; return tx.People().Put(&author) })
		}, true},
		{"four minutes", func() { clock = clock.Add(4 * time.Minute) }, false},
		{"six minutes", func() { clock = clock.Add(2 * time.Minute) }, true},
		{"the clock set back", func() { clock = clock.Add(-time.Hour) }, true},
	}
	for _, st := range steps {
		st.change()
		before := s.everyone.reads
		got, err := s.List(ListFilter{Everyone: true, Sort: ByName})
		if err != nil {
			t.Fatal(err)
		}
		if read := s.everyone.reads != before; read != st.reads {
			t.Errorf("after %s the list was read again: %v, want %v", st.name, read, st.reads)
		}
		want, err := slow.List(ListFilter{Everyone: true, Sort: ByName})
		if err != nil {
			t.Fatal(err)
		}
		if st.name != "four minutes" && !reflect.DeepEqual(got, want) {
			t.Errorf("after %s: %d rows, person by person %d, or they differ", st.name, len(got), len(want))
		}
		// The rows are the caller's: sorting them another way does not
		// change what the next list gives.
		SortRows(got, ByScore)
		again, err := s.List(ListFilter{Everyone: true, Sort: ByName})
		if err != nil {
			t.Fatal(err)
		}
		if st.name != "four minutes" && !reflect.DeepEqual(again, want) {
			t.Errorf("after %s and a sort of the rows given, the next list differs", st.name)
		}
	}
	if r, ok := byName(mustList(t, s), "Renamed Person"); !ok || r.ID != author.ID {
		t.Errorf("the renamed person is not listed by the new name: %+v", r)
	}
}

func mustList(t *testing.T, s *Service) []Row {
	t.Helper()
	rows, err := s.List(ListFilter{Everyone: true, Sort: ByName})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
