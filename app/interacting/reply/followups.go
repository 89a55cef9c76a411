package reply

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/rapportapp/rapport/storage"
)

// FollowUp is a task with what it is about, ready to show.
type FollowUp struct {
	storage.Task
	Person  string // the person's name
	Mention string // the linked mention's headline
}

// FollowUps lists the open follow-ups, earliest due first (done ones
// instead when done is set).
func (s *Service) FollowUps(done bool) ([]FollowUp, error) {
	var out []FollowUp
	err := s.p.Store.View(func(tx *storage.Tx) error {
		ids, err := tx.TaskIDsByDue(done)
		if err != nil {
			return err
		}
		ts, err := tx.Tasks().GetMany(ids)
		for _, t := range ts {
			f := FollowUp{Task: t}
			if p, err := tx.People().Get(t.PersonID); err == nil {
				f.Person = p.Name
			}
			if m, err := tx.Mentions().Get(t.MentionID); err == nil {
				f.Mention = m.Headline()
			}
			out = append(out, f)
		}
		return err
	})
	return out, err
}

// NewFollowUp is a follow-up made by hand.
type NewFollowUp struct {
	Title     string
	Due       time.Time
	Owner     string
	PersonID  uint64
	MentionID uint64
	Note      string
}

// AddFollowUp creates a follow-up by hand.
func (s *Service) AddFollowUp(n NewFollowUp) (storage.Task, error) {
	t := storage.Task{Title: strings.TrimSpace(n.Title), Due: n.Due.UTC(), Owner: n.Owner, PersonID: n.PersonID, MentionID: n.MentionID, Note: n.Note}
	if t.Title == "" {
		return t, errors.New("say what to follow up on")
	}
	if t.Due.IsZero() {
		return t, errors.New("choose when it is due")
	}
	t.Created = s.now().UTC()
	err := s.p.Store.Update(func(tx *storage.Tx) error { return tx.Tasks().Put(&t) })
	return t, err
}

// SetDone closes (or reopens) a follow-up.
func (s *Service) SetDone(id uint64, done bool) error {
	return s.updateTask(id, func(t *storage.Task) {
		t.Done = done
		if done {
			t.DoneAt = s.now().UTC()
		} else {
			t.DoneAt, t.Notified = time.Time{}, false
		}
	})
}

// Postpone moves a follow-up's due time.
func (s *Service) Postpone(id uint64, due time.Time) error {
	return s.updateTask(id, func(t *storage.Task) { t.Due, t.Notified = due.UTC(), false })
}

// DueNow returns the open follow-ups that have fallen due and were not
// announced yet, and marks them announced.
func (s *Service) DueNow() ([]FollowUp, error) {
	all, err := s.FollowUps(false)
	if err != nil {
		return nil, err
	}
	now := s.now()
	var due []FollowUp
	for _, f := range all {
		if f.Due.After(now) {
			break // sorted by due
		}
		if !f.Notified {
			due = append(due, f)
			if err := s.updateTask(f.ID, func(t *storage.Task) { t.Notified = true }); err != nil {
				return due, err
			}
		}
	}
	return due, nil
}

func (s *Service) updateTask(id uint64, fn func(t *storage.Task)) error {
	err := s.p.Store.Update(func(tx *storage.Tx) error {
		t, err := tx.Tasks().Get(id)
		if err != nil {
			return err
		}
		fn(&t)
		return tx.Tasks().Put(&t)
	})
	if err != nil {
		return fmt.Errorf("update follow-up: %w", err)
	}
	return nil
}
