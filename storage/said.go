package storage

import (
	"encoding/binary"
	"fmt"
	"slices"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// The index of what mentions say of their authors (m q, schema 12): for a
// mention that has an author and a time and that may say something of
// them — a positive or negative polarity, an intent, or the owner's
// correction — an entry `m q person time said id` whose key carries the
// fields a score of the author reads (said, below). Scoring everyone who
// wrote reads this index and the keys of the index by person (m p) instead
// of every mention: at a million mentions the mentions are most of the
// store, their text and all (docs/advocates.md).
//
// Which mentions say something, and what, is the advocates package's to
// decide; the index keeps a superset of them and the raw fields, so that
// the decision can change without a migration.
var saidIndex = [2]byte{'m', 'q'}

// said is what an entry of the index keeps of its mention: the fields
// advocates.Read reads, as the record stores them.
type said struct {
	At        time.Time   `cbor:"1,keyasint,omitzero"`
	Link      string      `cbor:"2,keyasint,omitempty"`
	Platform  string      `cbor:"3,keyasint,omitempty"`
	GroupID   uint64      `cbor:"4,keyasint,omitempty"`
	SourceIDs []uint64    `cbor:"5,keyasint,omitempty"`
	Reach     int         `cbor:"6,keyasint,omitempty"`
	Polarity  string      `cbor:"7,keyasint,omitempty"`
	Intents   []string    `cbor:"8,keyasint,omitempty"`
	Corrected *Correction `cbor:"9,keyasint,omitempty"`
	// Whole: the fields were too long for a key (a link of kilobytes);
	// the reader reads the mention instead.
	Whole bool `cbor:"10,keyasint,omitempty"`
}

// maxSaid is the longest said an entry's key carries (Badger's keys end at
// 65,000 bytes, and every key is in the memo as well).
const maxSaid = 1024

// mayAddress reports whether a mention may say something of its author:
// the superset of advocates.Read's positive and negative mentions.
func mayAddress(m *Mention) bool {
	if m.PersonID == 0 || m.Time().IsZero() {
		return false
	}
	pol := func(p string) bool { return p == "positive" || p == "negative" }
	return pol(m.Analysis.Polarity) || len(m.Analysis.Intents) > 0 || m.Corrected != nil
}

// saidOf is what the index keeps of a mention.
func saidOf(m *Mention) said {
	return said{
		At: m.Time(), Link: m.Link, Platform: m.Platform, GroupID: m.GroupID, SourceIDs: m.SourceIDs, Reach: m.Reach,
		Polarity: m.Analysis.Polarity, Intents: m.Analysis.Intents, Corrected: m.Corrected,
	}
}

// mention is the mention id by person as EachSaid gives it.
func (s *said) mention(id, person uint64) Mention {
	return Mention{
		ID: id, PersonID: person, Published: s.At, Link: s.Link, Platform: s.Platform, GroupID: s.GroupID,
		SourceIDs: s.SourceIDs, Reach: s.Reach, Analysis: Analysis{Polarity: s.Polarity, Intents: s.Intents}, Corrected: s.Corrected,
	}
}

// saidEntries is the index's entry of a mention: person(8) time(8) said.
func saidEntries(m *Mention) [][]byte {
	if !mayAddress(m) {
		return nil
	}
	s := saidOf(m)
	b, err := encode(&s)
	if err != nil || len(b) > maxSaid {
		b, _ = encode(&said{At: m.Time(), Whole: true})
	}
	return [][]byte{append(timeKey(u64(nil, m.PersonID), m.Time()), b...)}
}

// EachSaid calls fn for every mention that may say something of its
// author (see saidIndex), person by person, with only the fields a score
// reads filled in: ID, PersonID, Published (the mention's time), Link,
// Platform, GroupID, SourceIDs, Reach, Analysis.Polarity and .Intents, and
// Corrected. fn must not keep m.
func (tx *Tx) EachSaid(fn func(m *Mention) error) error {
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: saidIndex[:]})
	defer it.Close()
	var whole []uint64
	var m Mention
	for it.Rewind(); it.Valid(); it.Next() {
		k := it.Item().Key()
		if len(k) < 2+8+8+8 {
			return fmt.Errorf("%w: index entry %q is too short", ErrCorrupt, k)
		}
		var s said
		if err := decode(k[2+16:len(k)-8], &s); err != nil {
			return fmt.Errorf("read the index entry of mention %d: %w", idFromKey(k), err)
		}
		if s.Whole {
			whole = append(whole, idFromKey(k))
			continue
		}
		m = s.mention(idFromKey(k), binary.BigEndian.Uint64(k[2:]))
		if err := fn(&m); err != nil {
			return err
		}
	}
	it.Close()
	slices.Sort(whole)
	return tx.Mentions().EachOf(whole, func(r *Mention) error {
		s := saidOf(r)
		m = s.mention(r.ID, r.PersonID)
		return fn(&m)
	})
}

// EachAuthored calls fn for every mention that has an author, person by
// person, with its author, id and time from the index by person (m p), to
// the second as records keep it too. It reads no mention.
func (tx *Tx) EachAuthored(fn func(person, id uint64, at time.Time)) error {
	prefix := []byte{'m', 'p'}
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		k := it.Item().Key()
		if len(k) != 2+8+8+8 {
			return fmt.Errorf("%w: index entry %q is not person, time and id", ErrCorrupt, k)
		}
		// local, as a record's time decodes
		fn(binary.BigEndian.Uint64(k[2:]), idFromKey(k), timeFromKey(k[10:]).Local())
	}
	return nil
}
