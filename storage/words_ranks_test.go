package storage

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestRankChunksRoundTrip(t *testing.T) {
	table := rankTable(dense(300))
	missing := dense(301)[300]
	cases := []struct {
		name  string
		ps    []Pos
		t     rankTable
		ranks bool
	}{
		{"one, the newest", table[:1], table, true},
		{"one, the oldest", table[299:], table, true},
		{"every other", everyOther(table), table, true},
		{"ranks far apart", []Pos{table[0], table[150], table[299]}, table, true},
		{"a full chunk", table[:chunkLen], table, true},
		{"one not in the table", append(slices.Clone(table[290:]), missing), table, false},
		{"no table", table[:5], nil, false},
	}
	for _, c := range cases {
		b := encodeChunkIn(c.ps, c.t)
		if got := len(b) > 0 && b[0] == rankCoded; got != c.ranks {
			t.Errorf("%s: rank-coded %v, want %v", c.name, got, c.ranks)
		}
		got, err := decodeChunkIn(nil, b, partsOf(c.t))
		if err != nil || !slices.Equal(got, c.ps) {
			t.Errorf("%s: %v, %v; want %v", c.name, got, err, c.ps)
		}
	}
	// A table of its own keys: parts of rankPart positions.
	big := rankTable(dense(rankPart + 5))
	parts := encodeTable(big)
	if len(parts) != 2 {
		t.Fatalf("a table of %d positions in %d parts", len(big), len(parts))
	}
	var back []Pos
	for _, p := range parts {
		var err error
		if back, err = decodePositions(back, p, rankPart); err != nil {
			t.Fatal(err)
		}
	}
	if !slices.Equal(back, big) {
		t.Error("the table does not decode to itself")
	}
}

func everyOther(ps []Pos) []Pos {
	var out []Pos
	for i := 0; i < len(ps); i += 2 {
		out = append(out, ps[i])
	}
	return out
}

// FuzzDecodeRankChunk: a damaged rank-coded chunk is an error, never a
// panic, and what decodes is positions of the table, newest first.
func FuzzDecodeRankChunk(f *testing.F) {
	table := rankTable(dense(200))
	f.Add(encodeChunkIn(table[:3], table))
	f.Add(encodeChunkIn(everyOther(table), table))
	f.Add([]byte{rankCoded})
	f.Add([]byte{rankCoded, 1, 200})
	f.Add([]byte{rankCoded, 2, 5, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		ps, err := decodeChunkIn(nil, b, partsOf(table))
		if err != nil {
			return
		}
		for i, p := range ps {
			if i > 0 && ps[i-1].Compare(p) <= 0 {
				t.Fatalf("decoded out of order: %v", ps)
			}
			if _, ok := table.rank(p); !ok && len(b) > 0 && b[0] == rankCoded {
				t.Fatalf("decoded %v, not in the table", p)
			}
		}
		if again, err := decodeChunkIn(nil, encodeChunkIn(ps, table), partsOf(table)); err != nil || !slices.Equal(again, ps) {
			t.Fatalf("re-encoded %v → %v, %v", ps, again, err)
		}
	})
}

// chunkKinds counts the chunks of the sealed segments that are written
// by rank and those written as positions, and the rank tables' keys.
func chunkKinds(t *testing.T, s *Store) (ranks, positions, tables int) {
	t.Helper()
	for k, v := range dump(t, s) {
		switch {
		case strings.HasPrefix(k, string(prefixSealedWords[:])) && len(v) > 0 && v[0] == rankCoded:
			ranks++
		case strings.HasPrefix(k, string(prefixSealedWords[:])):
			positions++
		case strings.HasPrefix(k, string(prefixRanks[:])):
			tables++
		}
	}
	return ranks, positions, tables
}

// TestASealWritesRanks: a seal writes every chunk by rank, with a table a
// segment; a sealed mention whose time changes has its positions written
// as positions (its new one is in no table), and every read agrees with
// the records throughout.
func TestASealWritesRanks(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	s, ms := heldHourly(t, r, 16, 40, "latte ")
	agree(t, s, r, "sealed")
	ranks, positions, tables := chunkKinds(t, s)
	if ranks == 0 || positions != 0 || tables != 2 {
		t.Fatalf("after the seal: %d chunks by rank, %d of positions, %d table keys; want all by rank, 2 tables", ranks, positions, tables)
	}
	ms[3].Published = t0.Add(-5 * time.Hour) // segment 0, older than all
	ms[20].Text = "latte zebra"              // segment 1, new words, same time
	for _, m := range []*Mention{ms[3], ms[20]} {
		put(t, s, (*Tx).Mentions, m)
	}
	agree(t, s, r, "changed")
	if _, positions, _ := chunkKinds(t, s); positions == 0 {
		t.Error("no chunk is written as positions after a sealed mention's time changed")
	}
	ms[3].Published = t0.Add(3 * time.Hour) // back where it was: its rank
	put(t, s, (*Tx).Mentions, ms[3])
	agree(t, s, r, "changed back")
	if _, positions, _ := chunkKinds(t, s); positions != 0 {
		t.Errorf("%d chunks still written as positions after the time went back", positions)
	}
}

// asPositions writes every chunk as positions, as schema 15 did, and
// deletes the rank tables unless keepTables (a migration cut short).
func asPositions(t *testing.T, s *Store, keepTables bool) {
	t.Helper()
	rewrite := map[string][]byte{} // nil: deleted
	err := s.View(func(tx *Tx) error {
		for k, v := range dump(t, s) {
			kb := []byte(k)
			switch {
			case bytes.HasPrefix(kb, prefixRanks[:]):
				if !keepTables {
					rewrite[k] = nil
				}
			case bytes.HasPrefix(kb, prefixSealedWords[:]):
				end := bytes.IndexByte(kb[2:], 0)
				seg, _, _ := parseChunkKey(kb, 2+end+1)
				ps, err := decodeChunkIn(nil, v, func(part uint32) ([]Pos, error) {
					tb, err := tx.ranksOf(seg)
					if err != nil {
						return nil, err
					}
					return partsOf(tb)(part)
				})
				if err != nil {
					return err
				}
				rewrite[k] = encodeChunk(ps)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Update(func(tx *Tx) error {
		for k, v := range rewrite {
			if v == nil {
				if err := tx.del([]byte(k)); err != nil {
					return err
				}
			} else if err := tx.set([]byte(k), v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	s.ranks.forget()
}

// TestChunksOfPositionsAreStillRead: chunks of positions without a rank
// table, as schema 15 wrote them, read as before, and a change writes
// them as positions again.
func TestChunksOfPositionsAreStillRead(t *testing.T) {
	r := rand.New(rand.NewPCG(23, 24))
	s, ms := heldHourly(t, r, 8, 30, "mocha ")
	indexNow(t, s)
	asPositions(t, s, false)
	if ranks, positions, tables := chunkKinds(t, s); ranks != 0 || positions == 0 || tables != 0 {
		t.Fatalf("%d chunks by rank, %d of positions, %d table keys; want only positions", ranks, positions, tables)
	}
	agree(t, s, r, "chunks of positions")
	ms[2].Text = "mocha zebra"
	ms[5].Published = t0.Add(-3 * time.Hour)
	for _, m := range []*Mention{ms[2], ms[5]} {
		put(t, s, (*Tx).Mentions, m)
	}
	agree(t, s, r, "changed")
	if ranks, _, _ := chunkKinds(t, s); ranks != 0 {
		t.Errorf("%d chunks by rank in segments without a table", ranks)
	}
}

// TestOpenRanksASchema15Store: the migration from 15 writes a table for
// each sealed segment and its chunks by rank; the entries stay the same,
// after a sealed mention's time changed too, and a migration cut short
// after the tables is done again.
func TestOpenRanksASchema15Store(t *testing.T) {
	for _, c := range []struct {
		name             string
		keepTables, damp bool
	}{{"from 15", false, false}, {"cut short after the tables", true, false}, {"a damaged table", true, true}} {
		t.Run(c.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(29, 30))
			s, opt, ms := mochaStore(t, r)
			ms[4].Published = t0.Add(-7 * time.Hour)
			put(t, s, (*Tx).Mentions, ms[4])
			indexNow(t, s)
			want := expectedWords(t, s)
			asPositions(t, s, c.keepTables)
			if c.damp { // segment 1's table: rebuilt from its chunks
				if err := s.Update(func(tx *Tx) error { return tx.set(rankKey(1, 0), []byte{1}) }); err != nil {
					t.Fatal(err)
				}
			}
			s = reopenAt15(t, s, opt)
			ranks, positions, tables := chunkKinds(t, s)
			if ranks == 0 || tables != 3 {
				t.Fatalf("after the migration: %d chunks by rank, %d of positions, %d table keys; want 3 tables", ranks, positions, tables)
			}
			// A table the migration builds holds every position in the
			// segment's chunks; one the seal built has not mention 5's new
			// one, and its chunks stay as positions.
			if c.keepTables && (positions == 0 || positions > 6) {
				t.Errorf("%d chunks of positions; want those of mention 5's words in segment 0 only", positions)
			}
			if !c.keepTables && positions != 0 {
				t.Errorf("%d chunks of positions; want none", positions)
			}
			migratedAsBefore(t, s, r, want)
		})
	}
}

// TestADamagedRankTableIsReported: a walk that needs a damaged table
// fails with an error, and the check names it.
func TestADamagedRankTableIsReported(t *testing.T) {
	for _, damage := range []struct {
		name string
		v    func(v []byte) []byte
	}{
		{"cut short", func(v []byte) []byte { return v[:len(v)/2] }},
		{"emptied", func([]byte) []byte { return nil }},
		{"other positions", func([]byte) []byte { return encodeTable(dense(3)[1:])[0] }},
	} {
		t.Run(damage.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(25, 26))
			s, _ := heldHourly(t, r, 16, 20, "latte ")
			indexNow(t, s)
			s.ranks.forget()
			for k, v := range dump(t, s) {
				if strings.HasPrefix(k, string(prefixRanks[:])) {
					if err := s.Update(func(tx *Tx) error { return tx.set([]byte(k), damage.v(v)) }); err != nil {
						t.Fatal(err)
					}
				}
			}
			damageReported(t, s, "latte", "a damaged rank table")
		})
	}
}

// TestAnAbandonedSealLeavesNoTable: the chunks and the table of a seal
// that a change overtook go, and the next seal writes one table.
func TestAnAbandonedSealLeavesNoTable(t *testing.T) {
	r := rand.New(rand.NewPCG(27, 28))
	s, ms := heldHourly(t, r, 16, 20, "latte ")
	t.Cleanup(func() { sealHooks.afterChunks = nil })
	sealHooks.afterChunks = func(uint32) {
		sealHooks.afterChunks = nil
		ms[2].Text = "latte changed"
		put(t, s, (*Tx).Mentions, ms[2])
	}
	if err := s.IndexQueuedWords(); err != nil {
		t.Fatal(err)
	}
	if _, _, tables := chunkKinds(t, s); tables != 0 {
		t.Fatalf("%d table keys after an abandoned seal", tables)
	}
	agree(t, s, r, "sealed later")
	if _, _, tables := chunkKinds(t, s); tables != 1 {
		t.Fatalf("%d table keys after the seal, want 1", tables)
	}
}

// TestAMigrationTo16CutShortIsDoneAgain: while the migration to 16 runs,
// the index's marker is gone (an older build would rebuild the index,
// not misread chunks by rank), and the next open goes on with it.
func TestAMigrationTo16CutShortIsDoneAgain(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 32))
	s, opt, _ := mochaStore(t, r)
	want := expectedWords(t, s)
	asPositions(t, s, true)
	// Cut short: the marker swapped for keyRanking, one chunk by rank.
	err := s.Update(func(tx *Tx) error {
		if err := tx.set(keyRanking, s.words.fingerprint); err != nil {
			return err
		}
		if err := tx.del(keyWords); err != nil {
			return err
		}
		for k, v := range dump(t, s) {
			if strings.HasPrefix(k, "mWmocha\x00\x00\x00\x00\x00") {
				ps, err := decodeChunk(nil, v)
				if err != nil {
					return err
				}
				tb, err := tx.ranksOf(0)
				if err != nil {
					return err
				}
				return tx.set([]byte(k), encodeChunkIn(ps, tb))
			}
		}
		t.Fatal("no chunk of mocha in segment 0")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	s = reopenAt15(t, s, opt)
	if ranks, positions, _ := chunkKinds(t, s); ranks == 0 || positions != 0 {
		t.Fatalf("after the migration: %d chunks by rank, %d of positions", ranks, positions)
	}
	d := dump(t, s)
	if _, ok := d[string(keyRanking)]; ok {
		t.Error("the migration's own marker is left")
	}
	if got := d[string(keyWords)]; !bytes.Equal(got, s.words.fingerprint) {
		t.Errorf("the index's marker is %q after the migration", got)
	}
	migratedAsBefore(t, s, r, want)
}

// migratedAsBefore checks every read of the index against the records,
// and the words' positions against want, those before the migration.
func migratedAsBefore(t *testing.T, s *Store, r *rand.Rand, want map[string][]Pos) {
	t.Helper()
	agree(t, s, r, "migrated")
	got := expectedWords(t, s)
	for w, ps := range want {
		if !slices.Equal(got[w], ps) {
			t.Errorf("%q: %v after the migration, %v before", w, got[w], ps)
		}
	}
}

// TestATableLeftWithoutItsMarkerIsDropped: rank table keys of a segment
// with no marker (an older build rebuilt the index and left them) go
// before its seal writes its own, so no stale part lengthens it.
func TestATableLeftWithoutItsMarkerIsDropped(t *testing.T) {
	r := rand.New(rand.NewPCG(33, 34))
	s, _ := heldHourly(t, r, 16, 40, "latte ")
	stale := encodeTable(dense(3))[0]
	err := s.Update(func(tx *Tx) error {
		for part := range uint32(3) {
			if err := tx.set(rankKey(1, part), stale); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	agree(t, s, r, "sealed over a stale table")
	if _, _, tables := chunkKinds(t, s); tables != 2 {
		t.Errorf("%d table keys, want 2 (one a segment)", tables)
	}
}

// TestASearchReadsThePartsOfTheTableItNeeds: a walk decodes a chunk by
// rank with the parts of the table its ranks are in, not the whole table.
func TestASearchReadsThePartsOfTheTableItNeeds(t *testing.T) {
	r := rand.New(rand.NewPCG(35, 36))
	const segment = rankPart + 200
	s, ms := heldHourly(t, r, segment, segment+10, "latte ")
	for _, m := range ms[segment-4 : segment-1] { // the newest of segment 0
		m.Text += " zebra"
		put(t, s, (*Tx).Mentions, m)
	}
	indexNow(t, s)
	got := partsRead(t, s, func(tx *Tx) error {
		var n int
		it := tx.IterateMentions(MentionsWithWord(TextWords, "zebra"))
		defer it.Close()
		for ; it.Valid(); it.Next() {
			n++
		}
		if n != 3 {
			t.Errorf("%d mentions with zebra, want 3", n)
		}
		return it.Err()
	})
	if !slices.Equal(got, []uint32{0}) {
		t.Errorf("the walk read parts %v of the table; want its first part only", got)
	}
}

// reopenAt15 marks the store schema 15, closes it and opens it again,
// which migrates it.
func reopenAt15(t *testing.T, s *Store, opt Options) *Store {
	t.Helper()
	if err := s.Update(func(tx *Tx) error { return tx.set(keySchema, schemaValue(15)) }); err != nil {
		t.Fatal(err)
	}
	return reopenAs(t, s, opt)
}

// mochaStore opens a store of segments of 8 ids, its word queue held,
// with 30 mentions an hour apart of mocha and random words, sealed.
func mochaStore(t *testing.T, r *rand.Rand) (*Store, Options, []*Mention) {
	t.Helper()
	dir := t.TempDir()
	opt := Options{Logger: quietLogger(), Words: testWords, HoldWordQueue: true, SealedSegment: 8}
	s, err := Open(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	ms := make([]*Mention, 30)
	for i := range ms {
		ms[i] = &Mention{Text: "mocha " + randomText(r), Published: t0.Add(time.Duration(i) * time.Hour)}
	}
	putMentions(t, s, ms)
	indexNow(t, s)
	return s, opt, ms
}

// TestAnANDReadsThePartsOfItsHits: an AND of a word in the segment's
// newest mentions and one spread over the whole segment compares their
// chunks by rank and looks up its hit alone, in the table's first part;
// the spread word walked alone reads both parts.
func TestAnANDReadsThePartsOfItsHits(t *testing.T) {
	r := rand.New(rand.NewPCG(37, 38))
	const segment = rankPart + 200
	s, ms := heldHourly(t, r, segment, segment+10, "latte ")
	hit := ms[segment-3]
	for i, m := range ms[:segment] {
		if i%100 == 0 || m == hit {
			m.Text += " yak"
		}
		if i >= segment-4 && i < segment-1 { // the newest of segment 0
			m.Text += " zebra"
		}
		if i%100 == 0 || i >= segment-4 && i < segment-1 {
			put(t, s, (*Tx).Mentions, m)
		}
	}
	indexNow(t, s)
	got := partsRead(t, s, func(tx *Tx) error {
		and, _ := tx.IterateAll([]MentionIndex{MentionsWithWord(TextWords, "zebra"), MentionsWithWord(TextWords, "yak")})
		defer and.Close()
		var ps []Pos
		for ; and.Valid(); and.Next() {
			ps = append(ps, and.Pos())
		}
		if !slices.Equal(ps, []Pos{PosOf(hit)}) {
			t.Errorf("the AND gave %v, want %v", ps, PosOf(hit))
		}
		return and.Err()
	})
	if !slices.Equal(got, []uint32{0}) {
		t.Errorf("the AND read parts %v of the table, want [0]", got)
	}
	got = partsRead(t, s, func(tx *Tx) error {
		it := tx.IterateMentions(MentionsWithWord(TextWords, "yak"))
		defer it.Close()
		for ; it.Valid(); it.Next() {
		}
		return it.Err()
	})
	if !slices.Equal(got, []uint32{0, 1}) {
		t.Errorf("yak alone read parts %v of the table, want [0 1]", got)
	}
}

// partsRead runs walk in a read transaction with no rank table read
// before, and lists the parts of segment 0's table it read.
func partsRead(t *testing.T, s *Store, walk func(tx *Tx) error) []uint32 {
	t.Helper()
	s.ranks.forget()
	var key rankCacheKey
	err := s.View(func(tx *Tx) error {
		var err error
		if key, _, err = tx.rankKeyOf(0); err != nil {
			return err
		}
		return walk(tx)
	})
	if err != nil {
		t.Fatal(err)
	}
	s.ranks.mu.Lock()
	defer s.ranks.mu.Unlock()
	var read []uint32
	if st := s.ranks.m[key]; st != nil {
		if st.whole != nil {
			t.Fatal("the walk read the whole table")
		}
		for p, ps := range st.parts {
			if ps != nil {
				read = append(read, p)
			}
		}
	}
	slices.Sort(read)
	return read
}
