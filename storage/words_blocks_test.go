package storage

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
)

func randomPos(r *rand.Rand) Pos {
	var p Pos
	copy(p[:], u64(timeKey(nil, t0.Add(time.Duration(r.IntN(1000))*time.Hour)), uint64(1+r.IntN(5000))))
	return p
}

func TestPostingBlocksEncodeAndDecode(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		ps := make([]Pos, 1+r.IntN(300))
		for i := range ps {
			ps[i] = randomPos(r)
		}
		ps = sortedPos(ps)
		got, err := decodeBlock(nil, ps[0], encodeBlock(ps))
		if err != nil || !slices.Equal(got, ps) {
			t.Fatalf("decode(encode(%d positions)) = %d positions, %v", len(ps), len(got), err)
		}
	}
	var p, q Pos
	q[15] = 1
	for _, v := range [][]byte{{0x80}, {0, 0}, {0, 1}, {1}} { // cut short, not ascending, not ascending, no id
		if _, err := decodeBlock(nil, p, v); err == nil {
			t.Errorf("decodeBlock(%x) accepted a damaged block", v)
		}
	}
	if got, err := decodeBlock(nil, p, encodeBlock([]Pos{p, q})); err != nil || len(got) != 2 || got[1] != q {
		t.Errorf("two positions one id apart: %v %v", got, err)
	}
}

// wordModel is what the word index should hold: word → positions.
type wordModel map[string]map[Pos]bool

// TestPostingBlocksFollowRandomChanges adds and removes random entries of a
// few words, in and out of order and in transactions of every size, and
// checks after each that the blocks are well formed (checkIndexes' rules),
// hold exactly the model's positions, and that walks and seeks agree with
// the model.
func TestPostingBlocksFollowRandomChanges(t *testing.T) {
	s := openTemp(t)
	r := rand.New(rand.NewPCG(3, 4))
	words := []string{"alpha", "beta", "gamma", "g"}
	model := wordModel{}
	entry := func(w string, p Pos) []byte {
		return append(append(append([]byte{'m', 'w'}, w...), 0), p[:]...)
	}
	for round := range 120 {
		var add, del [][]byte
		n := 1 + r.IntN(400)
		if round%10 == 0 {
			n = 2000 // beyond a few blocks at once
		}
		appendOnly := round%3 == 0
		for range n {
			w := words[r.IntN(len(words))]
			if model[w] == nil {
				model[w] = map[Pos]bool{}
			}
			p := randomPos(r)
			if appendOnly {
				copy(p[:], u64(timeKey(nil, t0.Add(time.Duration(1000+round*1000+r.IntN(1000))*time.Hour)), uint64(1+r.IntN(5000))))
			}
			if r.IntN(3) == 0 && len(model[w]) > 0 { // remove one that is there, or one that is not
				for q := range model[w] {
					p = q
					break
				}
				if r.IntN(4) == 0 {
					p = randomPos(r)
				}
				if !slices.ContainsFunc(add, func(k []byte) bool { return string(k) == string(entry(w, p)) }) {
					del = append(del, entry(w, p))
					delete(model[w], p)
				}
				continue
			}
			if !slices.ContainsFunc(del, func(k []byte) bool { return string(k) == string(entry(w, p)) }) {
				add = append(add, entry(w, p))
				model[w][p] = true
			}
		}
		if err := s.Update(func(tx *Tx) error { return tx.changePostings(add, del) }); err != nil {
			t.Fatal(err)
		}
		checkBlocks(t, s, model, r)
		if t.Failed() {
			t.Fatalf("after round %d", round)
		}
	}
	total := 0
	for _, ps := range model {
		total += len(ps)
	}
	if keys := countWordKeys(t, s); keys*blockCap > 2*total || total < 10*blockCap {
		t.Errorf("%d positions in %d blocks: blocks are less than half full", total, keys)
	}
}

// checkBlocks compares the word index with the model.
func checkBlocks(t *testing.T, s *Store, model wordModel, r *rand.Rand) {
	t.Helper()
	err := s.View(func(tx *Tx) error {
		got := map[string]bool{}
		var c blockChecker
		it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: []byte{'m', 'w'}})
		for it.Rewind(); it.Valid(); it.Next() {
			problems, err := c.entries(it.Item(), func(k []byte) { got[string(k)] = true })
			if err != nil {
				it.Close()
				return err
			}
			for _, p := range problems {
				t.Error(p)
			}
		}
		it.Close()
		want := 0
		for w, ps := range model {
			want += len(ps)
			var sorted []Pos
			for p := range ps {
				sorted = append(sorted, p)
				if !got[string(append(append(append([]byte{'m', 'w'}, w...), 0), p[:]...))] {
					t.Errorf("%s: %x missing", w, p)
				}
			}
			slices.SortFunc(sorted, func(a, b Pos) int { return b.Compare(a) })
			// A full walk, newest first.
			var walked []Pos
			m := tx.IterateMentions(MentionsWithWord(TextWords, w))
			for ; m.Valid(); m.Next() {
				walked = append(walked, m.Pos())
			}
			m.Close()
			if !slices.Equal(walked, sorted) {
				t.Errorf("%s: walk gives %d positions, want %d", w, len(walked), len(sorted))
			}
			// Seeks to random targets, never backwards.
			m = tx.IterateMentions(MentionsWithWord(TextWords, w))
			for target := range 30 {
				q := randomPos(r)
				if target%2 == 0 && len(sorted) > 0 {
					q = sorted[r.IntN(len(sorted))]
				}
				before := m.Pos()
				m.Seek(q)
				i, _ := slices.BinarySearchFunc(sorted, q, func(a, b Pos) int { return b.Compare(a) })
				// The newest at or older than q, unless the walk is past it already.
				switch {
				case m.Valid() && before.Compare(q) <= 0:
					if m.Pos() != before {
						t.Errorf("%s: seek moved backwards", w)
					}
				case i == len(sorted):
					if m.Valid() {
						t.Errorf("%s: seek to %x found %x, want the end", w, q, m.Pos())
					}
				case !m.Valid() || m.Pos() != sorted[i]:
					t.Errorf("%s: seek to %x found %x (valid %v), want %x", w, q, m.Pos(), m.Valid(), sorted[i])
				}
				if !m.Valid() {
					break
				}
			}
			m.Close()
		}
		if len(got) != want {
			t.Errorf("the blocks hold %d entries, the model %d", len(got), want)
		}
		ps, complete, err := tx.PrefixPositions(TextWords, "g", 1<<20)
		if err != nil || !complete || len(ps) != len(model["g"])+len(model["gamma"]) {
			t.Errorf("PrefixPositions(g) = %d positions, %v, %v; want %d", len(ps), complete, err, len(model["g"])+len(model["gamma"]))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestMentionIDsPagesThroughBlocks pages through a word's list with the
// cursor.
func TestMentionIDsPagesThroughBlocks(t *testing.T) {
	s := openTemp(t)
	err := s.Update(func(tx *Tx) error {
		for i := range 300 {
			if err := tx.Mentions().Put(&Mention{Text: fmt.Sprintf("brew %d", i), Published: t0.Add(time.Duration(i) * time.Minute)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	all := wordIDs(t, s, TextWords, "brew")
	var paged []uint64
	var after Cursor
	for {
		var ids []uint64
		if err := s.View(func(tx *Tx) (err error) {
			ids, after, err = tx.MentionIDs(MentionsWithWord(TextWords, "brew"), after, 7)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		paged = append(paged, ids...)
		if after == nil {
			break
		}
	}
	if len(all) != 300 || !slices.Equal(paged, all) {
		t.Errorf("paged %d ids, all %d", len(paged), len(all))
	}
}

// TestOpenBlocksTheWordIndexOfASchema6Store writes the word index as
// schema 6 did, one key per entry, and opens the store: the migration
// merges the entries into full blocks and the index stays exact.
func TestOpenBlocksTheWordIndexOfASchema6Store(t *testing.T) {
	s := openTemp(t)
	const n = 700
	err := s.Update(func(tx *Tx) error {
		for i := range n {
			m := &Mention{Title: "Cold brew", Text: fmt.Sprintf("post %d, word%d", i, i%5), Author: "Maya", Published: t0.Add(time.Duration(n-i) * time.Minute)}
			if err := tx.Mentions().Put(m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	indexNow(t, s)
	before := wordIDs(t, s, TextWords, "brew")
	if len(before) != n {
		t.Fatalf("brew → %d ids, want %d", len(before), n)
	}
	// Schema 6: every entry its own key.
	var entries [][]byte
	_ = s.View(func(tx *Tx) error {
		got := map[string]bool{}
		var c blockChecker
		it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: []byte{'m'}})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			if isWordKey(it.Item().Key()) {
				if _, err := c.entries(it.Item(), func(k []byte) { got[string(k)] = true }); err != nil {
					return err
				}
			}
		}
		for k := range got {
			entries = append(entries, []byte(k))
		}
		return nil
	})
	if err := s.dropWordKeys(); err != nil {
		t.Fatal(err)
	}
	if err := s.eachEntryBatch(entries, func(tx *Tx, batch [][]byte) error {
		for _, k := range batch {
			if err := tx.set(k, nil); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := s.Update(func(tx *Tx) error { return tx.set(keySchema, schemaValue(6)) }); err != nil {
		t.Fatal(err)
	}
	if keys := countWordKeys(t, s); keys != len(entries) {
		t.Fatalf("schema 6 fixture has %d word keys, want %d", keys, len(entries))
	}
	s = reopenMigrating(t, s, "blocks of postings")
	checkIndexes(t, s)
	if got := wordIDs(t, s, TextWords, "brew"); !slices.Equal(got, before) {
		t.Errorf("brew after the migration: %d ids, before %d", len(got), len(before))
	}
	// Each word's positions in as few blocks as hold them.
	perWord := map[string]int{}
	for _, e := range entries {
		base, _, _ := splitEntry(e)
		perWord[string(base)]++
	}
	want := 0
	for _, c := range perWord {
		want += (c + blockCap - 1) / blockCap
	}
	if keys := countWordKeys(t, s); keys != want {
		t.Errorf("%d word keys after the migration, want %d", keys, want)
	}
}

func countWordKeys(t *testing.T, s *Store) int {
	t.Helper()
	n := 0
	_ = s.View(func(tx *Tx) error {
		for _, p := range wordPrefixes {
			n += tx.countPrefix(p[:])
		}
		return nil
	})
	return n
}

// TestEditTooBigForOneTransactionIsQueued edits an indexed mention whose
// block rewrites pass the budget (with a tiny budget): its entries are
// taken out and it is queued, and the indexer writes the new ones.
func TestEditTooBigForOneTransactionIsQueued(t *testing.T) {
	defer func(b int) { postingBudget = b }(postingBudget)
	s := openTemp(t)
	m := &Mention{Text: manyWords("w", 300), Published: t0}
	put(t, s, (*Tx).Mentions, m)
	indexNow(t, s)
	postingBudget = 1 << 10
	m.Published = t0.Add(time.Hour) // every position moves
	put(t, s, (*Tx).Mentions, m)
	var queued []Pos
	_ = s.View(func(tx *Tx) (err error) { queued, err = tx.QueuedWords(); return err })
	if len(queued) != 1 || queued[0] != PosOf(m) {
		t.Errorf("queue = %v, want the edited mention", queued)
	}
	checkIndexes(t, s)
	indexNow(t, s)
	checkIndexes(t, s)
	if got := wordIDs(t, s, TextWords, "w299"); !slices.Equal(got, []uint64{m.ID}) {
		t.Errorf("w299 → %v", got)
	}
}

// TestIndexerCacheFollowsOtherWriters: the word indexer remembers the
// newest block of each word it wrote; an edit by another transaction in
// between must make it read the blocks again.
func TestIndexerCacheFollowsOtherWriters(t *testing.T) {
	s := openTemp(t)
	a := &Mention{Text: "xylo", Published: t0}
	put(t, s, (*Tx).Mentions, a)
	indexNow(t, s)
	a.Published = t0.Add(2 * time.Hour) // rewrites the newest block of xylo
	put(t, s, (*Tx).Mentions, a)
	b := &Mention{Text: "xylo", Published: t0.Add(time.Hour)}
	put(t, s, (*Tx).Mentions, b)
	indexNow(t, s)
	checkIndexes(t, s)
	if got := wordIDs(t, s, TextWords, "xylo"); !slices.Equal(got, []uint64{a.ID, b.ID}) {
		t.Errorf("xylo → %v", got)
	}
	// And appends after that use the cache and stay exact.
	for i := range 300 {
		put(t, s, (*Tx).Mentions, &Mention{Text: "xylo", Published: t0.Add(time.Duration(3+i) * time.Hour)})
		if i%50 == 0 {
			indexNow(t, s)
		}
	}
	indexNow(t, s)
	checkIndexes(t, s)
	if got := wordIDs(t, s, TextWords, "xylo"); len(got) != 302 {
		t.Errorf("xylo → %d ids", len(got))
	}
}

// TestWordIndexCountsAndOldest: counting and the oldest ids work on a
// word index's blocks as on a key-per-mention index.
func TestWordIndexCountsAndOldest(t *testing.T) {
	s := openTemp(t)
	for i := range 200 {
		put(t, s, (*Tx).Mentions, &Mention{Text: "brew", Published: t0.Add(time.Duration(i) * time.Minute)})
	}
	all := wordIDs(t, s, TextWords, "brew")
	_ = s.View(func(tx *Tx) error {
		if n := tx.CountMentionIDs(MentionsWithWord(TextWords, "brew")); n != 200 {
			t.Errorf("count = %d, want 200", n)
		}
		old, err := tx.OldestMentionIDs(MentionsWithWord(TextWords, "brew"), 3)
		if err != nil || !slices.Equal(old, []uint64{all[199], all[198], all[197]}) {
			t.Errorf("oldest = %v, %v; want the last three of %v", old, err, all[197:])
		}
		return nil
	})
}
