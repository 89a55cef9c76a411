package storage

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/gofrs/flock"
)

// Repair (docs/storage.md, "Damage and repair"): salvage every record that
// can be read from a damaged folder into a new database, rebuild its
// indexes, put it in place of the damaged one — which is kept, whole, in
// DATA/damaged-TIME — and report what was lost. The damaged files are only
// read. A repair killed part-way leaves the folder as it was (its work is
// in DATA/repairing, started over next time) or, once the swap began,
// finished by the next Open (swap.go).

// RepairReport says what a repair found, kept and lost.
type RepairReport struct {
	// Damage is what the check of the folder found (empty: none).
	Damage []string `json:"damage"`
	// Unreadable says which parts of which files could not be read.
	Unreadable []string `json:"unreadable"`
	// Recovered counts the records of each type in the repaired folder.
	Recovered map[string]int `json:"recovered"`
	// Lost lists, by record type, the ids of records that something in
	// the damaged folder still refers to (an index entry, a memo) but
	// that could not be read; Unreadable may explain more losses.
	Lost map[string][]uint64 `json:"lost"`
	// Undecodable counts records whose value was read but is garbled.
	Undecodable map[string]int `json:"undecodable"`
	// Gaps counts, by record type, the ids below the highest one recovered
	// that were not recovered: records deleted before, or lost with a part
	// of a file that nothing else refers to.
	Gaps map[string]int `json:"gaps"`
	// KeptAt is the folder the damaged database was moved to.
	KeptAt string `json:"kept_at"`
	// DeletesMayBeUndone is set when parts of tables were lost: a record
	// deleted before the damage may be back.
	DeletesMayBeUndone bool `json:"deletes_may_be_undone"`
}

// ErrNothingToRepair reports a folder in which no damage was found.
var ErrNothingToRepair = errors.New("nothing in this data folder is damaged")

// Repair repairs the data folder dir, which must not be open elsewhere.
// Unless force is set, a folder without damage is left alone
// (ErrNothingToRepair).
func Repair(dir string, opt Options, force bool) (RepairReport, error) {
	rep := RepairReport{Recovered: map[string]int{}, Lost: map[string][]uint64{}, Undecodable: map[string]int{}, Gaps: map[string]int{}}
	if opt.Logger == nil {
		opt.Logger = discardLogger()
	}
	lk := flock.New(filepath.Join(dir, LockFile))
	ok, err := lk.TryLock()
	if err != nil {
		return rep, fmt.Errorf("lock data folder %s: %w", dir, err)
	}
	if !ok {
		return rep, &LockedError{Dir: dir}
	}
	defer func() { _ = lk.Unlock() }()
	if err := finishSwap(dir); err != nil {
		return rep, err
	}
	db := filepath.Join(dir, DBDir)
	if !exists(db) {
		return rep, fmt.Errorf("no Rapport data in %s", dir)
	}
	key, err := dataKey(dir, opt.Passphrase)
	if err != nil {
		return rep, err
	}
	kr, err := keyRegistry(db, key)
	var de *DamagedError
	switch {
	case errors.As(err, &de):
		return rep, fmt.Errorf("%w; a repair needs the key file that belongs to the database", err)
	case err != nil:
		return rep, err
	}
	if kr != nil {
		defer kr.Close()
	}
	if _, err := checkFolder(dir, db, kr, nil); errors.As(err, &de) {
		rep.Damage = de.Problems
	} else if err != nil {
		return rep, err
	}
	if len(rep.Damage) == 0 && !force {
		return rep, ErrNothingToRepair
	}
	sv, err := salvage(db, kr)
	if err != nil {
		return rep, err
	}
	rep.Unreadable = sv.notes
	rep.DeletesMayBeUndone = len(sv.notes) > 0
	work := filepath.Join(dir, "repairing")
	if err := os.RemoveAll(work); err != nil { // what a killed repair left
		return rep, err
	}
	if err := rep.build(work, sv.live(), key, opt); err != nil {
		return rep, fmt.Errorf("build the repaired database: %w", err)
	}
	rep.KeptAt = filepath.Join(dir, "damaged-"+time.Now().UTC().Format("20060102-150405"))
	if err := startSwap(dir, swapPlan{New: filepath.Join("repairing", DBDir), Old: filepath.Base(rep.KeptAt), Keep: true}); err != nil {
		return rep, err
	}
	return rep, os.RemoveAll(work)
}

// build writes the records among the salvaged keys into a new store in
// work, then opens it, which builds the word index, and rebuilds every
// other index.
func (rep *RepairReport) build(work string, live map[string][]byte, key []byte, opt Options) error {
	if err := os.MkdirAll(work, 0o700); err != nil {
		return err
	}
	keep, referenced, maxIDs := rep.sort(live)
	bdb, err := badger.Open(badgerOptions(filepath.Join(work, DBDir), opt).WithEncryptionKey(key))
	if err != nil {
		return err
	}
	wb := bdb.NewWriteBatch()
	for k, v := range keep {
		if err := wb.Set([]byte(k), v); err != nil {
			wb.Cancel()
			_ = bdb.Close()
			return err
		}
	}
	// Ids are never reused: each sequence starts past the largest id kept.
	for table, id := range maxIDs {
		k := seqKey(table)
		if v, ok := keep[string(k)]; !ok || len(v) != 8 || beUint64(v) <= id {
			if err := wb.Set(k, u64(nil, id+1)); err != nil {
				wb.Cancel()
				_ = bdb.Close()
				return err
			}
		}
	}
	if _, ok := keep[string(keySchema)]; !ok {
		rep.Unreadable = append(rep.Unreadable, fmt.Sprintf("the schema version was lost; taken to be %d", SchemaVersion))
		if err := wb.Set(keySchema, schemaValue(SchemaVersion)); err != nil {
			wb.Cancel()
			_ = bdb.Close()
			return err
		}
	}
	if err := wb.Flush(); err != nil {
		_ = bdb.Close()
		return err
	}
	if err := bdb.Close(); err != nil {
		return err
	}
	if key != nil {
		e, err := readEnvelope(filepath.Dir(work))
		if err != nil {
			return err
		}
		if err := writeEnvelope(filepath.Join(work, KeyFile), e); err != nil {
			return err
		}
	}
	s, err := Open(work, opt) // no word index marker: Open builds it
	if err != nil {
		return err
	}
	if err := s.rebuildIndexes(); err != nil {
		_ = s.Close()
		return err
	}
	st, err := s.Stats()
	if err == nil {
		rep.Recovered = st.Counts
	}
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	for table, top := range maxIDs {
		have := 0
		for k := range keep {
			if k[0] == table && len(k) == 9 {
				have++
			}
		}
		if gaps := int(top) - have; gaps > 0 {
			rep.Gaps[tableName(table)] = gaps
		}
	}
	for table, ids := range referenced {
		name := tableName(table)
		for _, id := range ids {
			if _, ok := keep[string(recordKey(table, id))]; !ok {
				rep.Lost[name] = append(rep.Lost[name], id)
			}
		}
	}
	return err
}

// sort picks from the salvaged keys what the repaired store keeps: the
// records that decode, documents, tombstones and the metadata that is
// not derived. Indexes, memos and the word queue are left out (they are
// rebuilt), but the record ids they name are gathered, to tell what was
// lost.
func (rep *RepairReport) sort(live map[string][]byte) (keep map[string][]byte, referenced map[byte][]uint64, maxIDs map[byte]uint64) {
	keep, maxIDs = map[string][]byte{}, map[byte]uint64{}
	refs := map[byte]map[uint64]bool{}
	refer := func(table byte, id uint64) {
		if refs[table] == nil {
			refs[table] = map[uint64]bool{}
		}
		refs[table][id] = true
	}
	for k, v := range live {
		b := []byte(k)
		switch {
		case isRecordTable(b[0]) && len(b) == 9:
			id := idFromKey(b)
			if err := decodeRecord(b[0], v); err != nil {
				rep.Undecodable[tableName(b[0])]++
				continue
			}
			keep[k] = v
			maxIDs[b[0]] = max(maxIDs[b[0]], id)
		case b[0] == prefixDoc || b[0] == prefixTombstone:
			keep[k] = v
		case b[0] == prefixMeta:
			if !derivedMeta(b) {
				keep[k] = v
			}
			if hasPrefix(b, prefixWordQueue) {
				refer('M', idFromKey(b))
			}
		case listedIndex(b):
			_ = expandListed(b, v, func(e []byte) { refer(indexTable(e[0]), idFromKey(e)) })
		case b[0] == prefixIndexMemo && len(b) == 10:
			refer(b[1], idFromKey(b))
		case len(b) > 10 && indexTable(b[0]) != 0:
			refer(indexTable(b[0]), idFromKey(b))
		}
	}
	referenced = map[byte][]uint64{}
	for t, ids := range refs {
		for id := range ids {
			referenced[t] = append(referenced[t], id)
		}
		slices.Sort(referenced[t])
	}
	return keep, referenced, maxIDs
}

// derivedMeta tells the metadata keys a repair rebuilds rather than
// keeps: the word index's marker, the word queue, its floor, its void
// range and what it skipped, and the maintained counters.
func derivedMeta(k []byte) bool {
	return bytes0(k, keyWords) || hasPrefix(k, prefixWordQueue) || hasPrefix(k, prefixNotIndexed) ||
		bytes0(k, keyWordQueueFloor) || bytes0(k, keyQueueVoid) || hasPrefix(k, prefixCounterDelta) || bytes0(k, keyCounterBase)
}

// rebuildIndexes writes every record again, a batch per transaction,
// which writes its index entries (the priority index and the index of
// contacts among them) and memo afresh, then sums the daily aggregates
// from the mentions and counts what the counters count.
func (s *Store) rebuildIndexes() error {
	err := errors.Join(
		reputAll(s, (*Tx).Mentions), reputAll(s, (*Tx).People), reputAll(s, (*Tx).Interactions),
		reputAll(s, (*Tx).Tasks), reputAll(s, (*Tx).Sources), reputAll(s, (*Tx).Rules), reputAll(s, (*Tx).Templates),
	)
	if err != nil {
		return err
	}
	if err := s.RebuildDaily(); err != nil {
		return err
	}
	return s.recount()
}

func reputAll[T any](s *Store, table func(*Tx) Table[T]) error {
	var all []T
	if err := s.View(func(tx *Tx) (err error) { all, err = table(tx).All(); return err }); err != nil {
		return err
	}
	for from := 0; from < len(all); from += rebuildMentions {
		batch := all[from:min(from+rebuildMentions, len(all))]
		err := s.Update(func(tx *Tx) error {
			for i := range batch {
				if err := table(tx).reput(&batch[i]); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// decodeRecord checks that a record's value decodes as its type.
func decodeRecord(table byte, v []byte) error {
	switch table {
	case 'S':
		return decode(v, &Source{})
	case 'M':
		return decode(v, &Mention{})
	case 'P':
		return decode(v, &Person{})
	case 'I':
		return decode(v, &Interaction{})
	case 'T':
		return decode(v, &Task{})
	case 'R':
		return decode(v, &Rule{})
	case 'L':
		return decode(v, &Template{})
	}
	return nil
}

func isRecordTable(b byte) bool { return b != prefixDoc && b != prefixTombstone && tableName(b) != "" }

// tableName names a record table by its prefix ("" if it is none).
func tableName(b byte) string {
	for _, t := range tablePrefixes {
		if t.prefix == b {
			return t.name
		}
	}
	return ""
}

// indexTable is the record table an index prefix belongs to (0: none).
func indexTable(b byte) byte {
	switch b {
	case 'm':
		return 'M'
	case 'p':
		return 'P'
	case 'i':
		return 'I'
	case 't':
		return 'T'
	}
	return 0
}

func hasPrefix(b, p []byte) bool { return len(b) >= len(p) && string(b[:len(p)]) == string(p) }
func bytes0(a, b []byte) bool    { return string(a) == string(b) }
func beUint64(b []byte) uint64 {
	var v uint64
	for _, c := range b {
		v = v<<8 | uint64(c)
	}
	return v
}

// Summary says in a few lines what a repair did.
func (rep RepairReport) Summary() []string {
	var out []string
	for _, d := range rep.Damage {
		out = append(out, "damage: "+d)
	}
	names := make([]string, 0, len(rep.Recovered))
	for _, t := range tablePrefixes {
		if n := rep.Recovered[t.name]; n > 0 {
			names = append(names, fmt.Sprintf("%d %s", n, t.name))
		}
	}
	out = append(out, "recovered: "+joinOr(names, "nothing"))
	var lost []string
	keys := make([]string, 0, len(rep.Lost))
	for k := range rep.Lost {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		ids := rep.Lost[k]
		lost = append(lost, fmt.Sprintf("%d %s (%s)", len(ids), k, idList(ids)))
	}
	for k, n := range rep.Undecodable {
		lost = append(lost, fmt.Sprintf("%d %s whose content was garbled", n, k))
	}
	out = append(out, "lost: "+joinOr(lost, "nothing that anything still refers to"))
	for _, t := range tablePrefixes {
		if n := rep.Gaps[t.name]; n > 0 {
			out = append(out, fmt.Sprintf("missing: %d %s ids below the highest one recovered (deleted before, or lost with a damaged file)", n, t.name))
		}
	}
	for _, u := range rep.Unreadable {
		out = append(out, "unreadable: "+u)
	}
	if rep.DeletesMayBeUndone {
		out = append(out, "note: parts of the database were unreadable, so something deleted before the damage may have come back")
	}
	return out
}

func joinOr(parts []string, none string) string {
	if len(parts) == 0 {
		return none
	}
	s := parts[0]
	for _, p := range parts[1:] {
		s += ", " + p
	}
	return s
}

func idList(ids []uint64) string {
	s := ""
	for i, id := range ids {
		if i == 10 {
			return s + fmt.Sprintf(", … %d more", len(ids)-10)
		}
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("id %d", id)
	}
	return s
}
