package storage

import (
	"fmt"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// mentionSkim is a Mention without its long fields: the text, title, dedup
// keys, matches, history and draft (decoding skips their bytes without
// copying them out). Field numbers are Mention's.
type mentionSkim struct {
	ID        uint64       `cbor:"1,keyasint,omitempty"`
	Link      string       `cbor:"4,keyasint,omitempty"`
	Author    string       `cbor:"6,keyasint,omitempty"`
	PersonID  uint64       `cbor:"8,keyasint,omitempty"`
	SourceIDs []uint64     `cbor:"9,keyasint,omitempty"`
	Published time.Time    `cbor:"10,keyasint,omitzero"`
	Fetched   time.Time    `cbor:"11,keyasint,omitzero"`
	Lang      string       `cbor:"13,keyasint,omitempty"`
	State     MentionState `cbor:"14,keyasint,omitempty"`
	Owner     string       `cbor:"15,keyasint,omitempty"`
	Snoozed   time.Time    `cbor:"16,keyasint,omitzero"`
	RuleIDs   []uint64     `cbor:"17,keyasint,omitempty"`
	GroupID   uint64       `cbor:"19,keyasint,omitempty"`
	Platform  string       `cbor:"20,keyasint,omitempty"`
	Reach     int          `cbor:"21,keyasint,omitempty"`
	Analysis  Analysis     `cbor:"22,keyasint,omitzero"`
	Corrected *Correction  `cbor:"23,keyasint,omitempty"`
}

// EachMentionSkimmed calls fn for every mention in id order, as
// Mentions().Each does, but with only the short fields filled in: no Text,
// Title, Keys, GUID, AuthorURL, Matches, History or Draft. For a pass over
// every mention that needs to know who wrote each, when, where and how it
// reads, not what it says (scoring everyone who wrote): it decodes about
// half as much. fn must not keep m.
func (tx *Tx) EachMentionSkimmed(fn func(m *Mention) error) error {
	it := tx.txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, PrefetchSize: 64, Prefix: []byte{mentionsDef.prefix}})
	defer it.Close()
	var m Mention
	for it.Rewind(); it.Valid(); it.Next() {
		var s mentionSkim
		if err := it.Item().Value(func(v []byte) error { return decode(v, &s) }); err != nil {
			return fmt.Errorf("read mention %d: %w", idFromKey(it.Item().Key()), err)
		}
		m = Mention{
			ID: s.ID, Link: s.Link, Author: s.Author, PersonID: s.PersonID, SourceIDs: s.SourceIDs,
			Published: s.Published, Fetched: s.Fetched, Lang: s.Lang, State: s.State, Owner: s.Owner,
			Snoozed: s.Snoozed, RuleIDs: s.RuleIDs, GroupID: s.GroupID, Platform: s.Platform, Reach: s.Reach,
			Analysis: s.Analysis, Corrected: s.Corrected,
		}
		if err := fn(&m); err != nil {
			return err
		}
	}
	return nil
}
