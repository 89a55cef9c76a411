package crm

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rapportapp/rapport/app/shared/testkit"
	"github.com/rapportapp/rapport/storage"
)

// eraseFixture is a person, Quinn Zephyr, and other people's records that
// name them where the word index does not list the name: past the cap on
// words, in the author field, still queued for the indexer. It returns the
// CRM, the person's id and the ids of the mentions that name them.
func eraseFixture(t *testing.T, opts ...testkit.Option) (*Service, *storage.Store, uint64, []uint64) {
	t.Helper()
	st := testkit.Store(t, append(opts, testkit.HoldWordQueue)...)
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	quinn := storage.Person{Name: "Quinn Zephyr", Contact: true, Handles: []storage.Handle{{Platform: "mastodon", Handle: "qzephyr"}}}
	testkit.Put(t, st, (*storage.Tx).People, &quinn)
	var long strings.Builder
	for i := range storage.MaxWordsPerMention + 100 {
		fmt.Fprintf(&long, "w%d ", i)
	}
	long.WriteString("and thanks to Zephyr for the tip.")
	own := storage.Mention{Title: "my post", Text: "Quinn here, loving the beans", PersonID: quinn.ID, Link: "https://m.example/1", Published: at}
	indexed := storage.Mention{Text: "Ask @qzephyr about the roast", Link: "https://m.example/2", Published: at.Add(time.Hour)}
	capped := storage.Mention{Text: long.String(), Link: "https://m.example/3", Published: at.Add(2 * time.Hour)}
	author := storage.Mention{Text: "great espresso", Author: "Quinn Zephyr's fan club", Link: "https://m.example/4", Published: at.Add(3 * time.Hour)}
	other := storage.Mention{Text: "Zephyrs of wind and a quinnoa salad", Link: "https://m.example/5", Published: at.Add(4 * time.Hour)}
	testkit.Put(t, st, (*storage.Tx).Mentions, &own, &indexed, &capped, &author, &other)
	if err := st.IndexQueuedWords(); err != nil {
		t.Fatal(err)
	}
	queued := storage.Mention{Text: "Zephyr was right", Link: "https://m.example/6", Published: at.Add(5 * time.Hour)}
	testkit.Put(t, st, (*storage.Tx).Mentions, &queued)
	note := storage.Interaction{Kind: "note", Note: "Called Quinn, happy now", At: at}
	testkit.Put(t, st, (*storage.Tx).Interactions, &note)
	s := New(Params{Store: st, Log: testkit.Quiet()})
	return s, st, quinn.ID, []uint64{indexed.ID, capped.ID, author.ID, queued.ID}
}

// Erasing finds the name in every record that names the person, without
// reading every mention: the word index gives most, the list of mentions
// past the cap and the indexer's queue the rest. The store opened without
// a word index (every mention read) redacts the same records the same way.
func TestEraseFindsTheNameWhereTheWordIndexDoesNot(t *testing.T) {
	t.Parallel()
	texts := map[string][]string{}
	for _, tt := range []struct {
		name string
		opts []testkit.Option
	}{{"word index", nil}, {"reading every mention", []testkit.Option{testkit.WithoutWords}}} {
		s, st, id, naming := eraseFixture(t, tt.opts...)
		if tt.opts == nil {
			var ids []uint64
			var scan bool
			err := st.View(func(tx *storage.Tx) (err error) {
				ids, scan, err = redactCandidates(tx, newNames([]string{"Quinn Zephyr", "qzephyr"}, []string{"Quinn", "Zephyr"}))
				return err
			})
			if err != nil || scan || len(ids) > 5 {
				t.Fatalf("candidates %v (scan %v, %v): want the 4 mentions that name them and at most the one that nearly does", ids, scan, err)
			}
		}
		out, err := s.Erase(id)
		if err != nil || out.People != 1 || out.Mentions != 1 || out.Redacted != 5 || out.Pending {
			t.Fatalf("%s: erase = %+v, %v; want 1 person, 1 mention, 5 records redacted", tt.name, out, err)
		}
		_ = st.View(func(tx *storage.Tx) error {
			for _, mid := range naming {
				m, err := tx.Mentions().Get(mid)
				if err != nil {
					t.Fatal(err)
				}
				for _, f := range []string{m.Title, m.Author, m.Text} {
					if strings.Contains(strings.ToLower(f), "zephyr") && !strings.Contains(f, "Zephyrs") || strings.Contains(strings.ToLower(f), "qzephyr") {
						t.Errorf("%s: mention %d still names them: %q", tt.name, mid, f)
					}
				}
				texts[tt.name] = append(texts[tt.name], m.Author+"|"+m.Text[max(0, len(m.Text)-40):])
			}
			return tx.Mentions().Each(func(m *storage.Mention) error {
				if m.Text == "Zephyrs of wind and a quinnoa salad" {
					texts[tt.name] = append(texts[tt.name], m.Text)
				}
				return nil
			})
		})
		if n, _ := s.FinishErases(context.Background()); n != 0 {
			t.Errorf("%s: %d records left to redact after the erase", tt.name, n)
		}
	}
	if a, b := strings.Join(texts["word index"], "\n"), strings.Join(texts["reading every mention"], "\n"); a != b {
		t.Errorf("the word index redacted\n%s\nreading every mention redacted\n%s", a, b)
	}
	if !strings.Contains(texts["word index"][2], "[erased] fan club") {
		t.Errorf("the author was not redacted: %q", texts["word index"][2])
	}
}

// A name found in more records than one transaction may rewrite is redacted
// a batch at a time, and what an erase left unfinished (the app quit or
// crashed part-way) is finished by FinishErases.
func TestRedactionRunsInBatchesAndGoesOnAfterAStop(t *testing.T) {
	old := redactBatch
	redactBatch = 3
	t.Cleanup(func() { redactBatch = old })
	st := testkit.Store(t)
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	var ms []*storage.Mention
	for i := range 10 {
		ms = append(ms, &storage.Mention{Text: fmt.Sprintf("post %d thanks Marlowe", i), Link: fmt.Sprintf("https://m.example/%d", i), Published: at.Add(time.Duration(i) * time.Minute)})
	}
	testkit.Put(t, st, (*storage.Tx).Mentions, ms...)
	s := New(Params{Store: st, Log: testkit.Quiet()})
	// A prolific author's mentions go a batch at a time too.
	prolific := storage.Person{Name: "Ines Okafor"}
	testkit.Put(t, st, (*storage.Tx).People, &prolific)
	var theirs []*storage.Mention
	for i := range 8 {
		theirs = append(theirs, &storage.Mention{Text: fmt.Sprintf("my post %d", i), PersonID: prolific.ID, Link: fmt.Sprintf("https://i.example/%d", i), Published: at})
	}
	testkit.Put(t, st, (*storage.Tx).Mentions, theirs...)
	if out, err := s.Erase(prolific.ID); err != nil || out.Mentions != 8 || out.People != 1 {
		t.Fatalf("erase the prolific author = %+v, %v; want 8 mentions", out, err)
	}
	// An erase whose redaction was cut short leaves its names noted.
	if err := st.Update(func(tx *storage.Tx) error {
		return notePending(tx, pendingErase{Person: 42, Proper: []string{"Marlowe"}})
	}); err != nil {
		t.Fatal(err)
	}
	n, err := s.FinishErases(context.Background())
	if err != nil || n != 10 {
		t.Fatalf("FinishErases = %d, %v; want 10 records", n, err)
	}
	_ = st.View(func(tx *storage.Tx) error {
		return tx.Mentions().Each(func(m *storage.Mention) error {
			if strings.Contains(m.Text, "Marlowe") {
				t.Errorf("mention %d still names them: %q", m.ID, m.Text)
			}
			return nil
		})
	})
	var list []pendingErase
	_ = st.View(func(tx *storage.Tx) error {
		ok, err := tx.GetDoc(pendingErasesDoc, &list)
		if ok || err != nil {
			t.Errorf("the pending erases are still noted (%v, %v): %+v", ok, err, list)
		}
		return nil
	})
	if n, err := s.FinishErases(context.Background()); n != 0 || err != nil {
		t.Errorf("a second FinishErases = %d, %v; want nothing to do", n, err)
	}
}

// Erasing a person erases the people merged into them, found by the
// index of who was merged into whom.
func TestEraseTakesThePeopleMergedIn(t *testing.T) {
	t.Parallel()
	st := testkit.Store(t)
	into := storage.Person{Name: "Rowan Vale", Contact: true}
	testkit.Put(t, st, (*storage.Tx).People, &into)
	merged := storage.Person{Name: "R. Vale", MergedInto: into.ID}
	bystander := storage.Person{Name: "Sam Field"}
	testkit.Put(t, st, (*storage.Tx).People, &merged, &bystander)
	further := storage.Person{Name: "Rowan V.", MergedInto: merged.ID} // merged into someone merged in
	testkit.Put(t, st, (*storage.Tx).People, &further)
	task := storage.Task{PersonID: merged.ID, Title: "send beans", Due: time.Now()}
	testkit.Put(t, st, (*storage.Tx).Tasks, &task)
	s := New(Params{Store: st, Log: testkit.Quiet()})
	out, err := s.Erase(into.ID)
	if err != nil || out.People != 3 || out.Tasks != 1 {
		t.Fatalf("erase = %+v, %v; want 3 people and 1 follow-up", out, err)
	}
	_ = st.View(func(tx *storage.Tx) error {
		if _, err := tx.People().Get(bystander.ID); err != nil {
			t.Errorf("the bystander went too: %v", err)
		}
		for _, p := range []storage.Person{merged, further} {
			if _, err := tx.People().Get(p.ID); err == nil {
				t.Errorf("%s, merged in, is still there", p.Name)
			}
		}
		return nil
	})
}

// What names a person: full forms matched in any case, the words of the
// name matched where capitalised, nothing without a letter or digit.
func TestIdentifiersOfAPerson(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		p            storage.Person
		full, proper string
	}{
		{storage.Person{Name: "Jordan Blake", Email: "jb@example.com", Handles: []storage.Handle{{Handle: "@jblake"}}}, "Jordan Blake|jb@example.com|jblake", "Jordan|Blake"},
		{storage.Person{Name: "☕ lover"}, "☕ lover", "lover"},
		{storage.Person{Name: "☕"}, "", ""},
		{storage.Person{Name: "Al Wu", Phone: "+1 555"}, "Al Wu|+1 555", ""},
	} {
		full, proper := identifiers(tt.p)
		if strings.Join(full, "|") != tt.full || strings.Join(proper, "|") != tt.proper {
			t.Errorf("identifiers(%q) = %q, %q; want %q, %q", tt.p.Name, full, proper, tt.full, tt.proper)
		}
	}
}

// A prolific author of long posts: deleting them a batch at a time, each
// post with its 2,000 word entries, halves the batch until it fits in a
// transaction instead of failing every time.
func TestEraseOfAProlificAuthorOfLongPostsFitsInTransactions(t *testing.T) {
	t.Parallel()
	st := testkit.Store(t)
	author := storage.Person{Name: "Verbose Writer"}
	testkit.Put(t, st, (*storage.Tx).People, &author)
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	for i := range 24 {
		var long strings.Builder
		for j := range storage.MaxWordsPerMention {
			fmt.Fprintf(&long, "p%dw%d ", i, j)
		}
		testkit.Put(t, st, (*storage.Tx).Mentions, &storage.Mention{Text: long.String(), PersonID: author.ID, Link: fmt.Sprintf("https://long.example/%d", i), Published: at})
	}
	if err := st.IndexQueuedWords(); err != nil {
		t.Fatal(err)
	}
	s := New(Params{Store: st, Log: testkit.Quiet()})
	out, err := s.Erase(author.ID)
	if err != nil || out.Mentions != 24 || out.Pending {
		t.Fatalf("erase = %+v, %v; want their 24 posts gone", out, err)
	}
}
