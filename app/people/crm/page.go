package crm

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/rapportapp/rapport/app/people/advocates"
	"github.com/rapportapp/rapport/storage"
)

// Event is one line of a contact's timeline: a mention they wrote or an
// interaction between us.
type Event struct {
	At        time.Time
	Kind      string // "mention", or the interaction's kind
	Direction string // give, get, ask, or "" for mentions
	Text      string
	Platform  string
	MentionID uint64
	Value     float64
	Polarity  string
}

// Page is everything the contact page shows.
type Page struct {
	Person   storage.Person
	Score    advocates.Score
	Ledger   advocates.Ledger
	Nudges   []advocates.Nudge
	Timeline []Event // newest first
	NextUp   *storage.Task
	Own      bool
	// Latest is the newest mention they wrote (to reply to), or 0.
	Latest uint64
}

// Page reads one person's page.
func (s *Service) Page(id uint64) (Page, error) {
	var pg Page
	now := s.now()
	err := s.p.Store.View(func(tx *storage.Tx) error {
		p, err := tx.People().Get(id)
		if err != nil {
			return err
		}
		for p.MergedInto != 0 {
			if p, err = tx.People().Get(p.MergedInto); err != nil {
				return err
			}
		}
		in, err := inputs(tx, p, now)
		if err != nil {
			return err
		}
		pg = Page{Person: p, Score: advocates.Compute(in, s.params), Ledger: advocates.BuildLedger(in.Interactions)}
		pg.Nudges = advocates.Nudges(in, pg.Ledger)
		pg.Timeline = timeline(in)
		pg.Own = isOwn(&p, s.ownHandles())
		if len(in.Mentions) > 0 {
			pg.Latest = newest(in.Mentions)
		}
		pg.NextUp, err = nextFollowUp(tx, p.ID)
		return err
	})
	return pg, err
}

func newest(ms []storage.Mention) uint64 {
	best := ms[0]
	for _, m := range ms[1:] {
		if m.Time().After(best.Time()) {
			best = m
		}
	}
	return best.ID
}

func timeline(in advocates.Inputs) []Event {
	var out []Event
	for _, m := range in.Mentions {
		out = append(out, Event{At: m.Time(), Kind: "mention", Text: m.Headline(), Platform: m.Platform, MentionID: m.ID, Polarity: m.Analysis.Polarity})
	}
	for _, x := range in.Interactions {
		dir := x.Direction
		if dir == "" {
			dir = advocates.Classify(x.Kind)
		}
		out = append(out, Event{At: x.At, Kind: x.Kind, Direction: dir, Text: x.Note, Platform: x.Channel, MentionID: x.MentionID, Value: x.Value})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.After(out[j].At) })
	return out
}

func nextFollowUp(tx *storage.Tx, personID uint64) (*storage.Task, error) {
	ids, err := tx.TaskIDsByPerson(personID)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	t, err := tx.Tasks().Get(ids[0])
	if err != nil {
		return nil, err
	}
	return &t, nil
}

// Save updates a person's details, promoting them to a contact. Handles
// must not be empty strings; the name is required.
func (s *Service) Save(p storage.Person) (storage.Person, error) {
	p.Name = strings.TrimSpace(p.Name)
	if p.Name == "" {
		return p, errors.New("a contact needs a name")
	}
	hs := p.Handles[:0]
	for _, h := range p.Handles {
		if strings.TrimSpace(h.Handle) != "" {
			hs = append(hs, storage.Handle{Platform: strings.ToLower(strings.TrimSpace(h.Platform)), Handle: strings.TrimSpace(h.Handle)})
		}
	}
	p.Handles, p.Contact = hs, true
	err := s.p.Store.Update(func(tx *storage.Tx) error {
		if p.ID != 0 {
			old, err := tx.People().Get(p.ID)
			if err != nil {
				return err
			}
			p.Created, p.MergedInto = old.Created, old.MergedInto
			if old.Stage != p.Stage {
				if err := recordStage(tx, p.ID, old.Stage, p.Stage, s.now()); err != nil {
					return err
				}
			}
		} else {
			p.Created = s.now().UTC()
		}
		return tx.People().Put(&p)
	})
	return p, err
}

// SetStage moves a person to a stage and records the move.
func (s *Service) SetStage(id uint64, stage string) error {
	return s.p.Store.Update(func(tx *storage.Tx) error {
		p, err := tx.People().Get(id)
		if err != nil {
			return err
		}
		if p.Stage == stage {
			return nil
		}
		if err := recordStage(tx, id, p.Stage, stage, s.now()); err != nil {
			return err
		}
		p.Stage, p.Contact = stage, true
		return tx.People().Put(&p)
	})
}

func recordStage(tx *storage.Tx, id uint64, from, to string, now time.Time) error {
	if from == "" {
		from = "none"
	}
	x := &storage.Interaction{PersonID: id, Kind: "stage", At: now.UTC(), Note: fmt.Sprintf("stage: %s → %s", from, to)}
	return tx.Interactions().Put(x)
}

// Log records a give or a get by hand (a sample sent, a referral, a
// purchase with its value, a call).
func (s *Service) Log(x storage.Interaction) error {
	if x.PersonID == 0 {
		return errors.New("log it on a person")
	}
	if strings.TrimSpace(x.Kind) == "" {
		return errors.New("say what happened")
	}
	if x.Direction == "" {
		x.Direction = advocates.Classify(x.Kind)
	}
	if x.At.IsZero() {
		x.At = s.now().UTC()
	}
	x.ID = 0
	return s.p.Store.Update(func(tx *storage.Tx) error { return tx.Interactions().Put(&x) })
}

// StageSums sums referral and purchase value by stage.
func (s *Service) StageSums() ([]advocates.StageSum, error) {
	var people []storage.Person
	ledgers := map[uint64]advocates.Ledger{}
	err := s.p.Store.View(func(tx *storage.Tx) error {
		return eachPerson(tx, true, func(p *storage.Person) error {
			if !p.Contact || p.MergedInto != 0 {
				return nil
			}
			l, err := ledgerOf(tx, p.ID)
			people, ledgers[p.ID] = append(people, *p), l
			return err
		})
	})
	return advocates.SumByStage(people, ledgers), err
}

// ledgerOf is a person's reciprocity ledger, from their interactions.
func ledgerOf(tx *storage.Tx, person uint64) (advocates.Ledger, error) {
	ids, err := tx.InteractionIDsByPerson(person)
	if err != nil {
		return advocates.Ledger{}, err
	}
	xs, err := tx.Interactions().GetMany(ids)
	return advocates.BuildLedger(xs), err
}
