package crm

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/rapportapp/rapport/storage"
)

// mergeRecord remembers what a merge moved, so it can be undone.
type mergeRecord struct {
	Into, From   storage.Person // both as they were before
	Mentions     []uint64
	Interactions []uint64
	Tasks        []uint64
}

func mergeDoc(from uint64) string { return "merge/" + strconv.FormatUint(from, 10) }

// Merge makes from part of into: its handles, mentions, interactions and
// follow-ups move over and empty details are filled in. Undo reverses it.
func (s *Service) Merge(into, from uint64) error {
	if into == from {
		return errors.New("a person cannot be merged with themselves")
	}
	return s.p.Store.Update(func(tx *storage.Tx) error {
		a, err := tx.People().Get(into)
		if err != nil {
			return err
		}
		b, err := tx.People().Get(from)
		if err != nil {
			return err
		}
		if b.MergedInto != 0 || a.MergedInto != 0 {
			return errors.New("one of them was merged already; undo that first")
		}
		rec := mergeRecord{Into: a, From: b}
		if rec.Mentions, rec.Interactions, rec.Tasks, err = moveAll(tx, from, into); err != nil {
			return err
		}
		absorb(&a, b)
		b.MergedInto, b.Handles = into, nil
		if err := tx.People().Put(&a); err != nil {
			return err
		}
		if err := tx.People().Put(&b); err != nil {
			return err
		}
		return tx.PutDoc(mergeDoc(from), &rec)
	})
}

// absorb fills a's empty details from b and takes b's handles.
func absorb(a *storage.Person, b storage.Person) {
	for _, h := range b.Handles {
		if !slices.ContainsFunc(a.Handles, func(x storage.Handle) bool {
			return x.Platform == h.Platform && strings.EqualFold(x.Handle, h.Handle)
		}) {
			a.Handles = append(a.Handles, h)
		}
	}
	fill := func(dst *string, src string) {
		if *dst == "" {
			*dst = src
		}
	}
	fill(&a.Email, b.Email)
	fill(&a.Phone, b.Phone)
	fill(&a.Company, b.Company)
	fill(&a.Preferences, b.Preferences)
	fill(&a.Stage, b.Stage)
	fill(&a.Owner, b.Owner)
	if b.Notes != "" && !strings.Contains(a.Notes, b.Notes) {
		a.Notes = strings.TrimSpace(a.Notes + "\n" + b.Notes)
	}
	for _, t := range b.Tags {
		if !slices.Contains(a.Tags, t) {
			a.Tags = append(a.Tags, t)
		}
	}
	a.Contact = a.Contact || b.Contact
}

// moveAll points from's mentions, interactions and follow-ups at to.
func moveAll(tx *storage.Tx, from, to uint64) (ms, xs, ts []uint64, err error) {
	if ms, _, err = tx.MentionIDs(storage.MentionsByPerson(from), nil, 0); err != nil {
		return
	}
	if xs, err = tx.InteractionIDsByPerson(from); err != nil {
		return
	}
	open, err := tx.TaskIDsByPerson(from)
	if err != nil {
		return
	}
	ts = open
	for _, id := range ms {
		if err = repoint(tx.Mentions(), id, func(m *storage.Mention) { m.PersonID = to }); err != nil {
			return
		}
	}
	for _, id := range xs {
		if err = repoint(tx.Interactions(), id, func(x *storage.Interaction) { x.PersonID = to }); err != nil {
			return
		}
	}
	for _, id := range ts {
		if err = repoint(tx.Tasks(), id, func(t *storage.Task) { t.PersonID = to }); err != nil {
			return
		}
	}
	return ms, xs, ts, nil
}

func repoint[T any](tb storage.Table[T], id uint64, fn func(*T)) error {
	rec, err := tb.Get(id)
	if err != nil {
		return err
	}
	fn(&rec)
	return tb.Put(&rec)
}

// Undo reverses the merge of a person, restoring both as they were and
// moving back what was theirs.
func (s *Service) Undo(from uint64) error {
	return s.p.Store.Update(func(tx *storage.Tx) error {
		var rec mergeRecord
		ok, err := tx.GetDoc(mergeDoc(from), &rec)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("person %d was not merged, or the merge was undone already", from)
		}
		for _, id := range rec.Mentions {
			if err := repoint(tx.Mentions(), id, func(m *storage.Mention) { m.PersonID = from }); err != nil && !errors.Is(err, storage.ErrNotFound) {
				return err
			}
		}
		for _, id := range rec.Interactions {
			if err := repoint(tx.Interactions(), id, func(x *storage.Interaction) { x.PersonID = from }); err != nil && !errors.Is(err, storage.ErrNotFound) {
				return err
			}
		}
		for _, id := range rec.Tasks {
			if err := repoint(tx.Tasks(), id, func(t *storage.Task) { t.PersonID = from }); err != nil && !errors.Is(err, storage.ErrNotFound) {
				return err
			}
		}
		if err := tx.People().Put(&rec.Into); err != nil {
			return err
		}
		if err := tx.People().Put(&rec.From); err != nil {
			return err
		}
		return tx.DeleteDoc(mergeDoc(from))
	})
}
