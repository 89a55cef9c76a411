package sample

import (
	"fmt"
	"time"

	"github.com/rapportapp/rapport/app/listening/feed"
	"github.com/rapportapp/rapport/storage"
)

// saveContacts creates or updates one contact per sample contact, found by
// any of its handles, and returns their ids by key.
func saveContacts(st *storage.Store, cs []contact, now time.Time) (map[string]uint64, error) {
	ids := map[string]uint64{}
	err := st.Update(func(tx *storage.Tx) error {
		for _, c := range cs {
			p, err := findPerson(tx, c.Identities)
			if err != nil {
				return err
			}
			if p.ID == 0 {
				p.Created = now.UTC()
			}
			p.Name, p.Contact, p.Email, p.Phone, p.Company = c.Name, true, c.Email, c.Phone, c.Company
			p.Tags, p.Notes, p.Preferences, p.Stage, p.Owner = c.Tags, c.Notes, c.Preferences, c.Stage, c.Owner
			p.Handles = p.Handles[:0]
			for _, id := range c.Identities {
				p.Handles = append(p.Handles, storage.Handle{Platform: id.Platform, Handle: id.Handle})
			}
			if err := tx.People().Put(&p); err != nil {
				return err
			}
			ids[c.Key] = p.ID
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("save sample contacts: %w", err)
	}
	return ids, nil
}

func findPerson(tx *storage.Tx, ids []identity) (storage.Person, error) {
	for _, id := range ids {
		found, err := tx.PeopleByHandle(id.Platform, id.Handle)
		if err != nil {
			return storage.Person{}, err
		}
		if len(found) > 0 {
			return tx.People().Get(found[0])
		}
	}
	return storage.Person{}, nil
}

// saveHistory adds the sample's interactions and follow-ups, linked to the
// contacts and to the mentions their links name. Records already there
// (same person, kind and time; same title) are not added twice.
func saveHistory(st *storage.Store, ws *file, people map[string]uint64, shift time.Duration, now time.Time) (nInter, nTasks int, err error) {
	err = st.Update(func(tx *storage.Tx) error {
		nInter, nTasks = 0, 0
		for _, x := range ws.Interactions {
			rec := storage.Interaction{
				PersonID: people[x.Contact], Kind: x.Kind, Direction: x.Direction, Channel: x.Channel,
				At: x.At.Add(shift), Note: x.Note, Value: x.Value,
			}
			if rec.MentionID, err = mentionByLink(tx, x.MentionLink); err != nil {
				return err
			}
			added, err := addInteraction(tx, &rec)
			if err != nil {
				return err
			}
			nInter += added
		}
		for _, k := range ws.Tasks {
			rec := storage.Task{Title: k.Title, Due: k.Due.Add(shift), Owner: k.Owner, PersonID: people[k.Contact], Created: now.UTC()}
			if rec.MentionID, err = mentionByLink(tx, k.MentionLink); err != nil {
				return err
			}
			added, err := addTask(tx, &rec)
			if err != nil {
				return err
			}
			nTasks += added
		}
		return nil
	})
	return nInter, nTasks, err
}

func mentionByLink(tx *storage.Tx, link string) (uint64, error) {
	if link == "" {
		return 0, nil
	}
	id, _, err := tx.MentionByKey(feed.LinkKey(link))
	return id, err
}

func addInteraction(tx *storage.Tx, rec *storage.Interaction) (int, error) {
	ids, err := tx.InteractionIDsByPerson(rec.PersonID)
	if err != nil {
		return 0, err
	}
	for _, id := range ids {
		x, err := tx.Interactions().Get(id)
		if err == nil && x.Kind == rec.Kind && x.At.Equal(rec.At.Truncate(time.Second)) {
			return 0, nil
		}
	}
	return 1, tx.Interactions().Put(rec)
}

func addTask(tx *storage.Tx, rec *storage.Task) (int, error) {
	all, err := tx.Tasks().All()
	if err != nil {
		return 0, err
	}
	for _, k := range all {
		if k.Title == rec.Title && k.PersonID == rec.PersonID {
			return 0, nil
		}
	}
	return 1, tx.Tasks().Put(rec)
}
