package storage

import (
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// reopen closes s and opens its folder again with the test splitter.
func reopen(t *testing.T, s *Store) *Store {
	t.Helper()
	return reopenWith(t, s, testWords)
}

// reopenWith closes s and opens its folder again with the splitter words.
func reopenWith(t *testing.T, s *Store, words Words) *Store {
	t.Helper()
	return reopenLogging(t, s, io.Discard, words)
}

// reopenLogging is reopenWith with the store's log written to w.
func reopenLogging(t *testing.T, s *Store, w io.Writer, words Words) *Store {
	t.Helper()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(s.Dir(), Options{Logger: slog.New(slog.NewTextHandler(w, nil)), Words: words})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	t.Cleanup(func() { _ = s2.Close() })
	return s2
}

// reopenMigrating reopens s and checks that the migration step named step
// ran and the store is at the current schema.
func reopenMigrating(t *testing.T, s *Store, step string) *Store {
	t.Helper()
	var logs strings.Builder
	s = reopenLogging(t, s, &logs, testWords)
	if !strings.Contains(logs.String(), step) {
		t.Errorf("the migration step %q did not run; log:\n%s", step, logs.String())
	}
	if v, _ := s.Version(); v != SchemaVersion {
		t.Fatalf("schema after migration = %d, want %d", v, SchemaVersion)
	}
	return s
}

func indexReady(t *testing.T, s *Store) bool {
	t.Helper()
	var ok bool
	if err := s.View(func(tx *Tx) (err error) { ok, err = tx.WordIndexReady(); return err }); err != nil {
		t.Fatal(err)
	}
	return ok
}

func TestOpenBuildsTheWordIndexOfASchema2Store(t *testing.T) {
	s, err := Open(t.TempDir(), Options{Logger: quietLogger()}) // schema 2 had no word index
	if err != nil {
		t.Fatal(err)
	}
	const n = 600 // more than one batch of the build
	err = s.Update(func(tx *Tx) error {
		for i := range n {
			m := &Mention{Title: fmt.Sprintf("post %d", i), Text: "fresh roast", Author: "Maya", Published: t0.Add(time.Duration(i) * time.Second)}
			if err := tx.Mentions().Put(m); err != nil {
				return err
			}
		}
		return tx.set(keySchema, schemaValue(2))
	})
	if err != nil {
		t.Fatal(err)
	}
	for k := range dump(t, s) {
		if isIndexKey(k) && (k[:2] == "mw" || k[:2] == "ma") {
			t.Fatalf("the schema 2 store has word index entry %q", k)
		}
	}

	s = reopenMigrating(t, s, "build the full-text word index")
	if !indexReady(t, s) {
		t.Fatal("word index not ready after migration")
	}
	checkIndexes(t, s)
	if got := wordIDs(t, s, TextWords, "roast"); len(got) != n || got[0] != n {
		t.Errorf("roast → %d mentions starting with %v, want %d newest first", len(got), got[:1], n)
	}
	if got := wordIDs(t, s, AuthorWords, "maya"); len(got) != n {
		t.Errorf("author maya → %d mentions, want %d", len(got), n)
	}
}

func TestWordIndexIsRebuiltWhenItCannotBeTrusted(t *testing.T) {
	s := openTemp(t)
	a := &Mention{Text: "cold brew", Published: t0}
	b := &Mention{Text: "espresso", Published: t0}
	put(t, s, (*Tx).Mentions, a)
	put(t, s, (*Tx).Mentions, b)
	if !indexReady(t, s) {
		t.Fatal("a new store's index is not ready")
	}

	// Opened without a splitter: the marker goes, and edits made then
	// leave the index behind.
	s = reopenWith(t, s, Words{})
	if indexReady(t, s) {
		t.Fatal("index ready without a splitter")
	}
	a.Text = "decaf"
	put(t, s, (*Tx).Mentions, a)
	if err := s.Update(func(tx *Tx) error { return tx.Mentions().Delete(b.ID) }); err != nil {
		t.Fatal(err)
	}

	s = reopen(t, s)
	if !indexReady(t, s) {
		t.Fatal("index not rebuilt")
	}
	checkIndexes(t, s)
	if got := wordIDs(t, s, TextWords, "cold"); got != nil {
		t.Errorf("stale entry survived the rebuild: %v", got)
	}

	// A new version of the splitter rebuilds too.
	upper := Words{Version: "test/2", Split: func(s string) []string { return strings.Fields(strings.ToUpper(s)) }}
	s = reopenWith(t, s, upper)
	checkIndexes(t, s)
	if got := wordIDs(t, s, TextWords, "DECAF"); len(got) != 1 {
		t.Errorf("after a splitter change DECAF → %v", got)
	}
	if got := wordIDs(t, s, TextWords, "decaf"); got != nil {
		t.Errorf("entries of the old splitter survived: %v", got)
	}
}
