package ingest

import (
	"fmt"
	"strings"

	"github.com/rapportapp/rapport/app/listening/feed"
	"github.com/rapportapp/rapport/storage"
)

// personByHandle finds the person with the entry's author handle,
// following merges to the person they were merged into.
func personByHandle(tx *storage.Tx, e *feed.Entry) (uint64, error) {
	if e.Handle == "" {
		return 0, nil
	}
	ids, err := tx.PeopleByHandle(e.Platform, e.Handle)
	if err != nil {
		return 0, err
	}
	for _, id := range ids {
		p, err := tx.People().Get(id)
		for err == nil && p.MergedInto != 0 {
			p, err = tx.People().Get(p.MergedInto)
		}
		if err == nil {
			return p.ID, nil
		}
	}
	return 0, nil
}

// person returns the person behind an entry's author: the one found, one
// this batch created, or a new lightweight person (not yet a contact).
func (b *batch) person(tx *storage.Tx, e *feed.Entry, found uint64) (uint64, error) {
	if found != 0 || e.Handle == "" {
		return found, nil
	}
	key := strings.ToLower(e.Platform + "\x00" + e.Handle) // the handle index ignores case too
	if id := b.people[key]; id != 0 {
		return id, nil
	}
	name := e.Author
	if name == "" {
		name = e.Handle
	}
	p := &storage.Person{Name: name, Handles: []storage.Handle{{Platform: e.Platform, Handle: e.Handle}}, Created: b.now}
	if err := tx.People().Put(p); err != nil {
		return 0, err
	}
	// A concurrent ingest that found no one with this handle either
	// conflicts with this one and is re-run, so the author becomes one
	// person.
	if err := tx.ClaimHandle(e.Platform, e.Handle); err != nil {
		return 0, fmt.Errorf("claim handle: %w", err)
	}
	b.people[key] = p.ID
	return p.ID, nil
}
