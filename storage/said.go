package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
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

// byPersonIndex is the index of mentions by person (m p person time id).
var byPersonIndex = [2]byte{'m', 'p'}

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
// 65,000 bytes; until schema 13 every key was in the mention's memo as well).
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

// mention is the mention id by person as WalkAuthors gives it.
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

// wholeSaid reports whether k is an entry of the index of what mentions
// say that keeps none of the fields but says to read the mention: it stays
// the same key while those fields change.
func wholeSaid(k []byte) bool {
	if len(k) < 2+8+8+8 || !bytes.HasPrefix(k, saidIndex[:]) {
		return false
	}
	var s said
	return decode(k[2+16:len(k)-8], &s) == nil && s.Whole
}

// Author is one person of everyone who wrote, as WalkAuthors reads them.
type Author struct {
	Person   uint64
	Mentions int       // the mentions they wrote (the index by person)
	Last     time.Time // the newest of them, local as records decode
	// Said holds their mentions that may say something of them (see
	// saidIndex), in the index's order (by time), with only the fields a
	// score reads filled in: ID, PersonID, Published (the mention's time),
	// Link, Platform, GroupID, SourceIDs, Reach, Analysis.Polarity and
	// .Intents, and Corrected. It is the walk's until its next step.
	Said []Mention
}

// AuthorWalk walks everyone who wrote, in the order of their ids, from
// the keys of the index by person (m p) and of the index of what mentions
// say (m q), both ordered by person: one person at a time, so what it
// holds is one person's, not everyone's. It reads no mention, except where
// an entry says to (a link too long for a key). Close it before the
// transaction ends.
type AuthorWalk struct {
	tx       *Tx
	byPerson *badger.Iterator
	said     *badger.Iterator
	cur      Author
	err      error
}

// WalkAuthors starts a walk of everyone who wrote, before the first person.
func (tx *Tx) WalkAuthors() *AuthorWalk {
	w := &AuthorWalk{
		tx:       tx,
		byPerson: tx.txn.NewIterator(badger.IteratorOptions{Prefix: byPersonIndex[:]}),
		said:     tx.txn.NewIterator(badger.IteratorOptions{Prefix: saidIndex[:]}),
	}
	w.byPerson.Rewind()
	w.said.Rewind()
	return w
}

// Next moves to the next person; false at the end or on an error (Err).
func (w *AuthorWalk) Next() bool {
	if w.err != nil {
		return false
	}
	person, ok := uint64(0), false
	for _, it := range []*badger.Iterator{w.byPerson, w.said} {
		if !it.Valid() {
			continue
		}
		k := it.Item().Key()
		if len(k) < 2+8+8+8 {
			w.err = fmt.Errorf("%w: index entry %q is too short", ErrCorrupt, k)
			return false
		}
		if p := binary.BigEndian.Uint64(k[2:]); !ok || p < person {
			person, ok = p, true
		}
	}
	if !ok {
		return false
	}
	w.cur = Author{Person: person, Said: w.cur.Said[:0]}
	for ; w.byPerson.Valid(); w.byPerson.Next() {
		k := w.byPerson.Item().Key()
		if len(k) != 2+8+8+8 {
			w.err = fmt.Errorf("%w: index entry %q is not person, time and id", ErrCorrupt, k)
			return false
		}
		if binary.BigEndian.Uint64(k[2:]) != person {
			break
		}
		w.cur.Mentions++
		// local, as a record's time decodes
		if at := timeFromKey(k[10:]).Local(); at.After(w.cur.Last) {
			w.cur.Last = at
		}
	}
	for ; w.said.Valid(); w.said.Next() {
		k := w.said.Item().Key()
		if len(k) < 2+8+8+8 {
			w.err = fmt.Errorf("%w: index entry %q is too short", ErrCorrupt, k)
			return false
		}
		if binary.BigEndian.Uint64(k[2:]) != person {
			break
		}
		var s said
		if err := decode(k[2+16:len(k)-8], &s); err != nil {
			w.err = fmt.Errorf("read the index entry of mention %d: %w", idFromKey(k), err)
			return false
		}
		if s.Whole {
			r, err := w.tx.Mentions().Get(idFromKey(k))
			if errors.Is(err, ErrNotFound) {
				continue // as a person's own read skips it
			}
			if err != nil {
				w.err = err
				return false
			}
			s = saidOf(&r)
		}
		w.cur.Said = append(w.cur.Said, s.mention(idFromKey(k), person))
	}
	return true
}

// Author is the person the walk is at.
func (w *AuthorWalk) Author() *Author { return &w.cur }

// Err is what stopped the walk, if not its end.
func (w *AuthorWalk) Err() error { return w.err }

// Close releases the walk's iterators.
func (w *AuthorWalk) Close() {
	w.byPerson.Close()
	w.said.Close()
}
