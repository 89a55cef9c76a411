package sample

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/storage"
)

// docMarker names the document that remembers what the sample added, so
// that it can be removed again without a new data folder.
const docMarker = "sample"

// marker is what Load remembers of the sample it loaded.
type marker struct {
	Loaded   time.Time              `cbor:"1,keyasint,omitzero"`
	Sources  []uint64               `cbor:"2,keyasint,omitempty"`
	Contacts []uint64               `cbor:"3,keyasint,omitempty"`
	Business workspace.Business     `cbor:"4,keyasint,omitzero"`
	Team     []workspace.TeamMember `cbor:"5,keyasint,omitempty"`
	Rules    []uint64               `cbor:"6,keyasint,omitempty"`
}

// ErrNotLoaded says there is no sample to remove.
var ErrNotLoaded = errors.New("the sample workspace is not loaded in this data folder")

// Loaded reports whether the sample is in the workspace (and can be
// removed).
func Loaded(st *storage.Store) (bool, error) {
	var ok bool
	err := st.View(func(tx *storage.Tx) (err error) {
		var m marker
		ok, err = tx.GetDoc(docMarker, &m)
		return err
	})
	return ok, err
}

// Removed says what Remove took away.
type Removed struct {
	Mentions, People, Interactions, Tasks, Sources int
}

// Remove takes the sample out of the workspace: its sources and every
// mention found only by them, its contacts and the authors of those
// mentions who have nothing else, the interactions and follow-ups about
// them, and the business profile and team if they are still the sample's.
// What the owner added themselves stays.
func Remove(w *workspace.Workspace) (Removed, error) {
	var m marker
	var out Removed
	found := false
	if err := w.Store.View(func(tx *storage.Tx) (err error) { found, err = tx.GetDoc(docMarker, &m); return err }); err != nil {
		return out, err
	}
	if !found {
		return out, ErrNotLoaded
	}
	mentions, err := sampleMentions(w.Store, m.Sources)
	if err != nil {
		return out, err
	}
	people := slices.Clone(m.Contacts)
	// Batches of 200, fewer when Badger refuses one as too big: a mention
	// in a sealed segment of the word index rewrites a chunk for each of
	// its words (storage/words_sealed.go).
	done := out
	err = w.Store.UpdateInBatches(len(mentions), 200, func(tx *storage.Tx, lo, hi int) error {
		out = done // Update may run it again, and a refused batch is tried again
		return removeMentions(tx, mentions[lo:hi], &people, &out)
	}, func(int, int) { done = out })
	if out = done; err != nil {
		return out, fmt.Errorf("remove the sample's mentions: %w", err)
	}
	err = w.Store.Update(func(tx *storage.Tx) error {
		if err := removePeople(tx, people, m.Contacts, &out); err != nil {
			return err
		}
		for _, id := range m.Sources {
			if err := tx.Sources().Delete(id); err != nil && !errors.Is(err, storage.ErrNotFound) {
				return err
			}
			out.Sources++
		}
		if err := removeRules(tx, m.Rules); err != nil {
			return err
		}
		return tx.DeleteDoc(docMarker)
	})
	if err != nil {
		return out, fmt.Errorf("remove the sample: %w", err)
	}
	return out, resetProfile(w, m)
}

// sampleMentions lists the mentions that only the sample's sources carry.
func sampleMentions(st *storage.Store, sources []uint64) ([]uint64, error) {
	var ids []uint64
	err := st.View(func(tx *storage.Tx) error {
		seen := map[uint64]bool{}
		for _, src := range sources {
			list, _, err := tx.MentionIDs(storage.MentionsFromSource(src), nil, 0)
			if err != nil {
				return err
			}
			ms, err := tx.Mentions().GetMany(list)
			if err != nil {
				return err
			}
			for _, m := range ms {
				if !seen[m.ID] && onlyFrom(m.SourceIDs, sources) {
					seen[m.ID] = true
					ids = append(ids, m.ID)
				}
			}
		}
		return nil
	})
	return ids, err
}

func onlyFrom(have, sample []uint64) bool {
	for _, id := range have {
		if !slices.Contains(sample, id) {
			return false
		}
	}
	return true
}

// removeMentions deletes mentions with their interactions and follow-ups,
// adding their authors to people (to be removed if nothing else is left).
func removeMentions(tx *storage.Tx, ids []uint64, people *[]uint64, out *Removed) error {
	for _, id := range ids {
		m, err := tx.Mentions().Get(id)
		if errors.Is(err, storage.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if m.PersonID != 0 && !slices.Contains(*people, m.PersonID) {
			*people = append(*people, m.PersonID)
		}
		if err := removeAbout(tx, tx.InteractionIDsByMention, tx.TaskIDsByMention, id, out); err != nil {
			return err
		}
		if err := tx.Mentions().Delete(id); err != nil {
			return err
		}
		out.Mentions++
	}
	return nil
}

// removeAbout deletes the interactions and follow-ups an index lists for id.
func removeAbout(tx *storage.Tx, inter, tasks func(uint64) ([]uint64, error), id uint64, out *Removed) error {
	xs, err := inter(id)
	if err != nil {
		return err
	}
	for _, x := range xs {
		if err := tx.Interactions().Delete(x); err != nil && !errors.Is(err, storage.ErrNotFound) {
			return err
		}
		out.Interactions++
	}
	ts, err := tasks(id)
	if err != nil {
		return err
	}
	for _, k := range ts {
		if err := tx.Tasks().Delete(k); err != nil && !errors.Is(err, storage.ErrNotFound) {
			return err
		}
		out.Tasks++
	}
	return nil
}

// removePeople deletes the sample's contacts, and authors of the removed
// mentions who have no mention left.
func removePeople(tx *storage.Tx, people, contacts []uint64, out *Removed) error {
	for _, id := range people {
		if !slices.Contains(contacts, id) {
			left, _, err := tx.MentionIDs(storage.MentionsByPerson(id), nil, 1)
			if err != nil {
				return err
			}
			if len(left) > 0 {
				continue // they wrote something the owner watches too
			}
		}
		if err := removeAbout(tx, tx.InteractionIDsByPerson, tx.TaskIDsByPerson, id, out); err != nil {
			return err
		}
		if err := tx.People().Delete(id); err != nil {
			if errors.Is(err, storage.ErrNotFound) {
				continue
			}
			return err
		}
		out.People++
	}
	return nil
}

// removeRules deletes the sample's watch rules that no source uses any more.
func removeRules(tx *storage.Tx, ids []uint64) error {
	sources, err := tx.Sources().All()
	if err != nil {
		return err
	}
	for _, id := range ids {
		used := slices.ContainsFunc(sources, func(s storage.Source) bool { return slices.Contains(s.RuleIDs, id) })
		if !used {
			if err := tx.Rules().Delete(id); err != nil && !errors.Is(err, storage.ErrNotFound) {
				return err
			}
		}
	}
	return nil
}

// resetProfile clears the business profile and the team when they are
// still what the sample set.
func resetProfile(w *workspace.Workspace, m marker) error {
	b, err := w.Business()
	if err != nil {
		return err
	}
	if b.Name == m.Business.Name && b.Owner == m.Business.Owner {
		if err := w.SetBusiness(workspace.Business{}); err != nil {
			return err
		}
	}
	team, err := w.Team()
	if err != nil {
		return err
	}
	if slices.Equal(team, m.Team) {
		return w.SetTeam(nil)
	}
	return nil
}
