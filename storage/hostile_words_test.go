package storage

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// manyWords returns a text of n distinct words ("w0 w1 w2 …").
func manyWords(prefix string, n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "%s%d ", prefix, i)
	}
	return b.String()
}

// TestHostilePostWithManyWordsIsIndexed: one post of 30,000 distinct words
// used to wedge the word indexer ("Txn is too big to fit into one
// request") and with it every later command. What a post adds to the word
// index is capped, so the indexer and edits always fit in a transaction.
func TestHostilePostWithManyWordsIsIndexed(t *testing.T) {
	tests := []struct {
		name string
		run  func(t *testing.T, s *Store)
	}{
		{"new post, indexed in the background", func(t *testing.T, s *Store) {
			put(t, s, (*Tx).Mentions, &Mention{Text: manyWords("w", 30000), Published: t0})
			indexNow(t, s)
		}},
		{"an indexed post edited to hold them", func(t *testing.T, s *Store) {
			m := &Mention{Text: "short", Published: t0}
			put(t, s, (*Tx).Mentions, m)
			indexNow(t, s)
			m.Text = manyWords("w", 30000)
			put(t, s, (*Tx).Mentions, m)
			m.Text = manyWords("v", 30000) // every word replaced: deletes and writes
			put(t, s, (*Tx).Mentions, m)
		}},
		{"many such posts queued at once", func(t *testing.T, s *Store) {
			for i := range 5 {
				put(t, s, (*Tx).Mentions, &Mention{Text: manyWords(fmt.Sprintf("p%d_", i), 12000), Published: t0})
			}
			indexNow(t, s)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTemp(t)
			other := &Mention{Text: "cold brew", Published: t0}
			put(t, s, (*Tx).Mentions, other)
			tt.run(t, s)
			checkIndexes(t, s)
			if got := wordIDs(t, s, TextWords, "brew"); len(got) != 1 {
				t.Errorf("brew → %v: the other post lost its entries", got)
			}
			var st Stats
			st, err := s.Stats()
			if err != nil || st.WordQueue != 0 {
				t.Errorf("queue %d after indexing (%v)", st.WordQueue, err)
			}
		})
	}
}

// TestHostileManyWordsSurviveBackupAndRestore: the post came back with a
// restore and wedged the restored folder too.
func TestHostileManyWordsSurviveBackupAndRestore(t *testing.T) {
	s := openTemp(t)
	put(t, s, (*Tx).Mentions, &Mention{Text: manyWords("w", 30000), Published: t0})
	file := filepath.Join(t.TempDir(), "b.rapport")
	if _, err := s.BackupToFile(file); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "restored")
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := Restore(dir, f, Options{Logger: quietLogger(), Words: testWords}); err != nil {
		t.Fatal(err)
	}
	r, err := Open(dir, Options{Logger: quietLogger(), Words: testWords})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	indexNow(t, r)
	checkIndexes(t, r)
}

// TestHostileOversizedIndexIsTrimmedOnOpen: a store written before the cap
// holds every word of a long post. Open trims that post's entries to what
// the capped index keeps (so later edits and deletes stay exact), without
// rebuilding the whole index.
func TestHostileOversizedIndexIsTrimmedOnOpen(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{Logger: quietLogger(), Words: testWords})
	if err != nil {
		t.Fatal(err)
	}
	long := &Mention{Text: manyWords("w", 3*MaxWordsPerMention), Published: t0}
	short := &Mention{Text: "cold brew", Published: t0.Add(time.Minute)}
	put(t, s, (*Tx).Mentions, long)
	put(t, s, (*Tx).Mentions, short)
	indexNow(t, s)
	// What a build without the cap wrote: every word, in transactions small
	// enough, under the old fingerprint.
	all := wordEntries(testWords.Split, long.Time(), 1<<30, long.Title, long.Text)
	for from := 0; from < len(all); from += 5000 {
		err := s.Update(func(tx *Tx) error {
			for _, e := range all[from:min(from+5000, len(all))] {
				if err := tx.set(u64(append([]byte{'m', 'w'}, e...), long.ID), nil); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Update(func(tx *Tx) error { return tx.set(keyWords, legacyFingerprint(testWords)) }); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(dir, Options{Logger: quietLogger(), Words: testWords})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	checkIndexes(t, s)
	marker, _ := s.wordsMarker()
	if !bytes.Equal(marker, s.words.fingerprint) {
		t.Errorf("marker not brought up to date")
	}
	if err := s.Update(func(tx *Tx) error { return tx.Mentions().Delete(long.ID) }); err != nil {
		t.Fatal(err)
	}
	checkIndexes(t, s)
}

// TestHostileUnreadableQueuedPostIsSkipped: a queued mention whose record
// cannot be read failed every drain, and so every command. It is skipped,
// noted and reported; the rest of the queue is indexed.
func TestHostileUnreadableQueuedPostIsSkipped(t *testing.T) {
	s := openTemp(t)
	bad := &Mention{Text: "broken", Published: t0}
	good := &Mention{Text: "cold brew", Published: t0}
	put(t, s, (*Tx).Mentions, bad)
	put(t, s, (*Tx).Mentions, good)
	if err := s.Update(func(tx *Tx) error { return tx.set(recordKey('M', bad.ID), []byte{envelopeCBOR, 0xff}) }); err != nil {
		t.Fatal(err)
	}
	if err := s.IndexQueuedWords(); err != nil {
		t.Fatalf("drain failed: %v", err)
	}
	if got := wordIDs(t, s, TextWords, "brew"); len(got) != 1 || got[0] != good.ID {
		t.Errorf("brew → %v", got)
	}
	var skipped []NotIndexed
	if err := s.View(func(tx *Tx) (err error) { skipped, err = tx.NotIndexed(); return err }); err != nil {
		t.Fatal(err)
	}
	if len(skipped) != 1 || skipped[0].ID != bad.ID || !strings.Contains(skipped[0].Reason, "not readable") {
		t.Errorf("skipped = %v", skipped)
	}
	st, _ := s.Stats()
	if st.NotIndexed != 1 || st.WordQueue != 0 {
		t.Errorf("stats: %d not indexed, %d queued", st.NotIndexed, st.WordQueue)
	}
}

// sortingWords splits as testWords and returns the words sorted and
// distinct, as query.IndexWords does.
var sortingWords = Words{Version: "sorting/1", Split: func(s string) []string {
	w := testWords.Split(s)
	slices.Sort(w)
	return slices.Compact(w)
}}

// TestHostileLongPostKeepsItsFirstWords: the cap on words per post keeps
// the post's first words. With a splitter that sorts (the app's does), it
// kept the words that sort first instead: a long post opening with
// "zebra" was not found by "zebra" but by words from its end. A store
// indexed that way is put right on open.
func TestHostileLongPostKeepsItsFirstWords(t *testing.T) {
	opt := Options{Logger: quietLogger(), Words: sortingWords}
	long := &Mention{Text: manyWords("z", MaxWordsPerMention+500) + manyWords("a", MaxWordsPerMention), Published: t0}
	check := func(t *testing.T, s *Store) {
		t.Helper()
		checkIndexes(t, s)
		for word, want := range map[string]int{"z0": 1, "z1500": 1, "z1999": 1, "z2100": 0, "a0": 0, "a5": 0} {
			if got := wordIDs(t, s, TextWords, word); len(got) != want {
				t.Errorf("%s → %v, want %d mention(s)", word, got, want)
			}
		}
	}
	t.Run("new", func(t *testing.T) {
		s, err := Open(t.TempDir(), opt)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		put(t, s, (*Tx).Mentions, long)
		indexNow(t, s)
		check(t, s)
	})
	t.Run("indexed by the first cap", func(t *testing.T) {
		dir := t.TempDir()
		s, err := Open(dir, opt)
		if err != nil {
			t.Fatal(err)
		}
		m := *long
		put(t, s, (*Tx).Mentions, &m)
		indexNow(t, s)
		// What the first cap wrote: the 2,000 words that sort first.
		all := wordEntries(sortingWords.Split, m.Time(), 1<<30, m.Title, m.Text)
		kept := wordEntries(sortingWords.Split, m.Time(), MaxWordsPerMention, m.Title, m.Text)
		old := all[:MaxWordsPerMention]
		if err := s.deleteKeys(prefixed(kept, m.ID)); err != nil {
			t.Fatal(err)
		}
		if err := s.setKeys(prefixed(old, m.ID)); err != nil {
			t.Fatal(err)
		}
		if err := s.Update(func(tx *Tx) error { return tx.set(keyWords, sortedCapFingerprint(sortingWords)) }); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if s, err = Open(dir, opt); err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		check(t, s)
		if marker, _ := s.wordsMarker(); !bytes.Equal(marker, s.words.fingerprint) {
			t.Errorf("marker not brought up to date")
		}
	})
}

// prefixed makes word entries of the text index keys of mention id.
func prefixed(entries [][]byte, id uint64) [][]byte {
	out := make([][]byte, len(entries))
	for i, e := range entries {
		out[i] = u64(append([]byte{'m', 'w'}, e...), id)
	}
	return out
}
