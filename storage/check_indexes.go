package storage

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"slices"
	"sort"

	"github.com/dgraph-io/badger/v4"
)

// CheckIndexes recomputes every index entry from the records, in one
// snapshot, and returns what differs: entries missing, entries left over
// (the priority index and the index of contacts among them), queue
// entries of mentions that do not exist or that lie below the queue's
// floor, maintained counters that differ from counting, daily aggregates
// that differ from summing the mentions. Nothing means the indexes are
// exact. 'rapport check' and the kill -9 tests run it.
//
// Holding every entry to compare them took 1.5 GB at 100,000 mentions, so
// the entries are compared as digests first: for each index and each of
// 256 buckets of a hash, the count, sum and xor of the hashes of the
// entries wanted and of the entries found. Only the buckets whose digests
// differ are read again and compared entry by entry, and when those hold
// more than exactEntries entries, each index that differs is named with
// its counts instead of every entry.
func (s *Store) CheckIndexes() ([]string, error) {
	var problems []string
	err := s.View(func(tx *Tx) error {
		problems = append(problems, wordQueueFloorProblems(tx)...)
		problems = append(problems, partListProblems(tx)...)
		cp, err := counterProblems(tx)
		if err != nil {
			return err
		}
		problems = append(problems, cp...)
		dp, err := dailyProblems(tx)
		if err != nil {
			return err
		}
		problems = append(problems, dp...)
		seed := maphash.MakeSeed()
		want, got := entryDigests{}, entryDigests{}
		ep, err := walkEntries(tx, func(k []byte) { want.add(seed, k) }, func(k []byte) { got.add(seed, k) })
		if err != nil {
			return err
		}
		problems = append(problems, ep...)
		differ := map[digestCell]bool{}
		entries := int64(0)
		for _, c := range want.differ(got) {
			differ[c] = true
			entries += want[c].n + got[c].n
		}
		switch {
		case len(differ) == 0:
		case entries > exactEntries:
			problems = append(problems, summarise(want, got)...)
		default:
			wantX, gotX := map[string]int{}, map[string]int{}
			collect := func(m map[string]int) func(k []byte) {
				return func(k []byte) {
					if differ[cellOf(seed, k)] {
						m[string(k)]++
					}
				}
			}
			if _, err := walkEntries(tx, collect(wantX), collect(gotX)); err != nil {
				return err
			}
			for k, n := range gotX {
				switch {
				case wantX[k] == 0:
					problems = append(problems, fmt.Sprintf("index entry %q is left over", k))
				case n > 1: // an open key and a sealed chunk's position
					problems = append(problems, fmt.Sprintf("index entry %q is stored %d times", k, n))
				}
			}
			for k := range wantX {
				if gotX[k] == 0 {
					problems = append(problems, fmt.Sprintf("index entry %q is missing", k))
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(problems)
	return problems, nil
}

// exactEntries is the most entries CheckIndexes holds to name each entry
// that differs (about 100 MB).
var exactEntries int64 = 1 << 20

// walkEntries calls want with every index entry the records call for (a
// record's entries each once) and found with every entry stored, and
// names the queue entries of mentions that do not exist.
func walkEntries(tx *Tx, want, found func(k []byte)) ([]string, error) {
	ps, err := tx.QueuedWords()
	if err != nil {
		return nil, err
	}
	queued := map[uint64]bool{}
	for _, p := range ps {
		queued[p.ID()] = true
	}
	var problems []string
	mentions := tx.Mentions()
	err = mentions.Each(func(m *Mention) error {
		keys := mentions.def.keys(m, m.ID, false)
		if queued[m.ID] {
			delete(queued, m.ID)
			// Queued in the void range: its text words are in its
			// segment's chunks already (words_bulk.go).
			if void, err := tx.inQueueVoid(m.ID); err != nil || void {
				_, words := splitTextWords(mentions.def.keys(m, m.ID, true))
				keys = append(keys, words...)
				if err != nil {
					return err
				}
			}
		} else {
			keys = append(keys, mentions.def.keys(m, m.ID, true)...)
		}
		eachOnce(keys, want)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for id := range queued {
		problems = append(problems, fmt.Sprintf("the full-text queue lists mention %d, which does not exist", id))
	}
	for _, f := range []func() error{
		func() error { return wantIndex(tx.People(), want) },
		func() error { return wantIndex(tx.Interactions(), want) },
		func() error { return wantIndex(tx.Tasks(), want) },
	} {
		if err := f(); err != nil {
			return nil, err
		}
	}
	segs := tx.readSegments()
	it := tx.txn.NewIterator(badger.IteratorOptions{})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		k := it.Item().Key()
		switch {
		case len(k) == 6 && k[0] == prefixSealState[0] && k[1] == prefixSealState[1]:
			if err := it.Item().Value(func(v []byte) error { _, err := decodeSealState(v); return err }); err != nil {
				problems = append(problems, fmt.Sprintf("full-text segment marker %q: %v", k, err))
			}
		case len(k) > 2 && k[0] == prefixSealedWords[0] && k[1] == prefixSealedWords[1]:
			if err := expandChunk(tx, it.Item(), segs, found); err != nil {
				problems = append(problems, err.Error())
			}
		case isTextWordKey(k) && len(k) > 2+4+len(Pos{}):
			// A segment sealed since the last open keeps its open keys
			// until the next one drops them: no one reads them.
			if st, sealed := segs[binary.BigEndian.Uint32(k[2:])]; sealed {
				if st.phase == sealClean {
					problems = append(problems, fmt.Sprintf("full-text entry %q is left in a sealed segment", k))
				}
				continue
			}
			if seg := binary.BigEndian.Uint32(k[2:]); seg != tx.s.segmentOf(idFromKey(k)) {
				problems = append(problems, fmt.Sprintf("full-text entry %q is under segment %d, not its mention's", k, seg))
				continue
			}
			found(k)
		case listedIndex(k):
			err := it.Item().Value(func(v []byte) error { return expandListed(k, v, found) })
			if err != nil {
				problems = append(problems, fmt.Sprintf("index list %q: %v", k, err))
			}
		case len(k) > 2 && k[0] >= 'a' && k[0] <= 'w' && k[1] >= 'a' && k[1] <= 'z':
			found(k)
		}
	}
	return problems, nil
}

// eachOnce calls fn with each distinct key of keys.
func eachOnce(keys [][]byte, fn func(k []byte)) {
	slices.SortFunc(keys, bytes.Compare)
	for i, k := range keys {
		if i == 0 || !bytes.Equal(k, keys[i-1]) {
			fn(k)
		}
	}
}

func wantIndex[T any](tb Table[T], want func(k []byte)) error {
	return tb.Each(func(rec *T) error {
		eachOnce(tb.def.indexKeys(rec, *tb.def.id(rec)), want)
		return nil
	})
}

// digestCell is an index's prefix and a bucket of the entries' hashes.
type digestCell struct {
	index  [2]byte
	bucket byte
}

func cellOf(seed maphash.Seed, k []byte) digestCell {
	return digestCell{[2]byte{k[0], k[1]}, byte(maphash.Bytes(seed, k))}
}

// digest sums a set of entries: equal sets give equal digests, and sets
// that differ give different ones but with a chance of about 2^-64.
type digest struct {
	n        int64
	sum, xor uint64
}

type entryDigests map[digestCell]digest

func (d entryDigests) add(seed maphash.Seed, k []byte) {
	h := maphash.Bytes(seed, k)
	c := digestCell{[2]byte{k[0], k[1]}, byte(h)}
	g := d[c]
	g.n++
	g.sum += h
	g.xor ^= h>>8 | h<<56
	d[c] = g
}

// differ returns the cells whose digests differ between d and o.
func (d entryDigests) differ(o entryDigests) []digestCell {
	var out []digestCell
	for c, g := range d {
		if o[c] != g {
			out = append(out, c)
		}
	}
	for c := range o {
		if _, ok := d[c]; !ok {
			out = append(out, c)
		}
	}
	return out
}

// summarise names each index whose entries differ, with how many the
// records call for and how many are stored.
func summarise(want, got entryDigests) []string {
	type counts struct{ want, got int64 }
	byIndex := map[[2]byte]*counts{}
	for _, c := range want.differ(got) {
		if byIndex[c.index] == nil {
			byIndex[c.index] = &counts{}
		}
		byIndex[c.index].want += want[c].n
		byIndex[c.index].got += got[c].n
	}
	var out []string
	for ix, n := range byIndex {
		out = append(out, fmt.Sprintf("index %s differs from the records: where it differs, the records call for %d entries and %d are stored", indexName(ix), n.want, n.got))
	}
	return out
}

// indexName names an index by its prefix: "mentions by word".
func indexName(prefix [2]byte) string {
	for _, ix := range mentionsDef.indexes {
		if ix.prefix == prefix {
			return "mentions " + ix.name
		}
	}
	for i, p := range wordPrefixes {
		if p == prefix {
			return wordIndexNames[i]
		}
	}
	for _, ix := range peopleDef.indexes {
		if ix.prefix == prefix {
			return "people " + ix.name
		}
	}
	for _, ix := range interactionsDef.indexes {
		if ix.prefix == prefix {
			return "interactions " + ix.name
		}
	}
	for _, ix := range tasksDef.indexes {
		if ix.prefix == prefix {
			return "tasks " + ix.name
		}
	}
	return fmt.Sprintf("%q", prefix[:])
}

// wordQueueFloorProblems names the queue entries below the queue's floor,
// where no walk of the queue would find them.
func wordQueueFloorProblems(tx *Tx) []string {
	floor, err := tx.wordQueueFloor()
	if err != nil {
		return []string{fmt.Sprintf("the full-text queue's floor is not readable: %v", err)}
	}
	var problems []string
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: prefixWordQueue})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		if id := idFromKey(it.Item().Key()); id < floor {
			problems = append(problems, fmt.Sprintf("mention %d is queued for the full-text index below the queue's floor %d", id, floor))
		}
	}
	return problems
}

// counterProblems names the maintained counters that differ from what
// counting the records and index entries gives, in the same snapshot.
func counterProblems(tx *Tx) ([]string, error) {
	want, err := tx.countAll()
	if err != nil {
		return nil, err
	}
	got, err := tx.Counts()
	if err != nil {
		return nil, err
	}
	var problems []string
	for name, n := range want {
		if got.m[name] != n {
			problems = append(problems, fmt.Sprintf("the counter of %s is %d, counting gives %d", counterName(name), got.m[name], n))
		}
	}
	for name, n := range got.m {
		if _, ok := want[name]; !ok && n != 0 {
			problems = append(problems, fmt.Sprintf("the counter of %s is %d, counting gives 0", counterName(name), n))
		}
	}
	return problems, nil
}

// dailyProblems names the daily aggregates that differ from summing every
// mention's share.
func dailyProblems(tx *Tx) ([]string, error) {
	sums, err := tx.dailySums()
	if err != nil {
		return nil, err
	}
	var problems []string
	first, last, ok := tx.DailySpan()
	if ok {
		err = tx.Daily(first, last, func(d Day, dim Dim, c *Cell) {
			k := string(dailyKey(d, dim))
			want := sums[k]
			delete(sums, k)
			diff := *c
			if want != nil {
				diff.Add(want, -1)
			}
			if !diff.zero() {
				problems = append(problems, fmt.Sprintf("the daily aggregate of %s, %c %q does not add up: %+v stored", d, dim.Kind, dim.Value, *c))
			}
		})
		if err != nil {
			return nil, err
		}
	}
	for k, c := range sums {
		if !c.zero() {
			d, dim, _ := parseDailyKey([]byte(k))
			problems = append(problems, fmt.Sprintf("the daily aggregate of %s, %c %q is missing: %d mentions", d, dim.Kind, dim.Value, c.Mentions))
		}
	}
	return problems, nil
}

// dailySums is what the mentions add up to, by daily-aggregate key (some
// sums may be zero).
func (tx *Tx) dailySums() (map[string]*Cell, error) {
	sums := map[string]*Cell{}
	err := tx.Mentions().Each(func(m *Mention) error {
		for _, e := range mentionDaily(m) {
			if sums[e.key] == nil {
				sums[e.key] = &Cell{}
			}
			sums[e.key].Add(&e.cell, 1)
		}
		return nil
	})
	return sums, err
}

// counterName says in words what a counter counts.
func counterName(name string) string {
	switch {
	case len(name) == 2 && name[0] == 't' && tableName(name[1]) != "":
		return tableName(name[1])
	case len(name) == 2 && name[0] == 's':
		return fmt.Sprintf("mentions in state %s", MentionState(name[1]))
	case len(name) > 2 && name[0] == 'u' && name[len(name)-2] == 0:
		return fmt.Sprintf("%s's mentions in state %s", name[1:len(name)-2], MentionState(name[len(name)-1]))
	}
	return fmt.Sprintf("%q", name)
}

// expandChunk calls found with the open entry of each position of a chunk
// in a sealed segment; the chunks of a segment not sealed are no entries.
func expandChunk(tx *Tx, item *badger.Item, segs map[uint32]sealState, found func(k []byte)) error {
	s := tx.s
	k := item.Key()
	end := bytes.IndexByte(k[2:], 0)
	if end < 0 {
		return fmt.Errorf("full-text chunk key %q has no word", k)
	}
	seg, oldest, ok := parseChunkKey(k, 2+end+1)
	if !ok {
		return fmt.Errorf("full-text chunk key %q is not one", k)
	}
	st, sealed := segs[seg]
	if !sealed {
		return nil
	}
	if _, err := tx.ranksOf(seg); err != nil { // the whole table, checked once a segment
		return fmt.Errorf("the rank table of full-text segment %d: %w", seg, err)
	}
	ps, err := tx.decodeChunkOf(seg, item, nil)
	if err != nil {
		return err
	}
	if ps[len(ps)-1] != oldest {
		return fmt.Errorf("full-text chunk %q does not end at its key's position", k)
	}
	prefix := append(append(textSegPrefix(baseSeg(seg)), k[2:2+end]...), 0)
	for i, p := range ps {
		if i > 0 && ps[i-1].Compare(p) <= 0 {
			return fmt.Errorf("full-text chunk %q is out of order", k)
		}
		if p.Compare(st.newest) > 0 { // readers skip the segment before its newest position
			return fmt.Errorf("full-text chunk %q holds a position after its segment's newest", k)
		}
		if s.segmentOf(p.ID()) != baseSeg(seg) {
			return fmt.Errorf("full-text chunk %q holds mention %d of another segment", k, p.ID())
		}
		found(append(append([]byte(nil), prefix...), p[:]...))
	}
	return nil
}
