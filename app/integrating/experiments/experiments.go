// Package experiments runs the owner's experiments: a hypothesis, two or
// more variants of how to answer (a template, in public or offline, fast
// or later, give before asking, …), the mentions that qualify and an
// outcome Rapport records anyway (the person comes back, their next
// mention's mood, their stage, a recommendation, the follow-up closing).
// The composer asks which variant to use and records it on the reply it
// logs; results per variant come with a Wilson interval, Fisher's exact
// test and a plain sentence. Experiments are kept in one document.
package experiments

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rapportapp/rapport/storage"
)

// States of an experiment.
const (
	Draft     = "draft"
	Running   = "running"
	Concluded = "concluded"
)

// Outcomes an experiment can measure, each within Outcome.Days of the reply.
const (
	OutcomeReturns   = "returns"    // the person interacts again (a new mention or a get)
	OutcomeSentiment = "sentiment"  // their next mention is positive
	OutcomeStageUp   = "stage-up"   // their stage moves up
	OutcomeRecommend = "recommends" // they mention or recommend us again (a positive mention, a referral or review)
	OutcomeFollowUp  = "follow-up"  // the follow-up of the mention closes
)

// Outcomes lists the outcomes with what they mean.
func Outcomes() map[string]string {
	return map[string]string{
		OutcomeReturns: "they interact again", OutcomeSentiment: "their next mention is positive",
		OutcomeStageUp: "their stage moves up", OutcomeRecommend: "they mention or recommend us again",
		OutcomeFollowUp: "the follow-up closes",
	}
}

// Experiment is one test of tactics.
type Experiment struct {
	ID         string     `json:"id" cbor:"1,keyasint"`
	Name       string     `json:"name" cbor:"2,keyasint"`
	Hypothesis string     `json:"hypothesis" cbor:"3,keyasint"`
	Variants   []Variant  `json:"variants" cbor:"4,keyasint"`
	Population Population `json:"population" cbor:"5,keyasint"`
	Outcome    string     `json:"outcome" cbor:"6,keyasint"`
	Days       int        `json:"days" cbor:"7,keyasint"` // the outcome's window
	// Random assigns variants at random (by a hash of the mention);
	// otherwise they alternate.
	Random     bool      `json:"random,omitempty" cbor:"8,keyasint,omitempty"`
	State      string    `json:"state" cbor:"9,keyasint"`
	Created    time.Time `json:"created" cbor:"10,keyasint"`
	Started    time.Time `json:"started,omitzero" cbor:"11,keyasint,omitzero"`
	Concluded  time.Time `json:"concluded,omitzero" cbor:"12,keyasint,omitzero"`
	Conclusion string    `json:"conclusion,omitempty" cbor:"13,keyasint,omitempty"`
}

// Variant is one way of doing it.
type Variant struct {
	Key  string `json:"key" cbor:"1,keyasint"`  // A, B, …
	Name string `json:"name" cbor:"2,keyasint"` // "Reply in public"
	// Tip is what the composer shows ("Offer to take it to email").
	Tip        string `json:"tip,omitempty" cbor:"3,keyasint,omitempty"`
	TemplateID uint64 `json:"template_id,omitempty" cbor:"4,keyasint,omitempty"`
}

// Population says which mentions qualify; empty fields do not narrow.
type Population struct {
	Intent     string `json:"intent,omitempty" cbor:"1,keyasint,omitempty"`
	Polarity   string `json:"polarity,omitempty" cbor:"2,keyasint,omitempty"`
	TouchPoint string `json:"touchpoint,omitempty" cbor:"3,keyasint,omitempty"`
	Platform   string `json:"platform,omitempty" cbor:"4,keyasint,omitempty"`
	// Contacts only takes mentions whose author is a contact.
	Contacts bool `json:"contacts,omitempty" cbor:"5,keyasint,omitempty"`
}

// Matches tells a mention (by a person, nil if none) of the population.
func (p Population) Matches(m *storage.Mention, person *storage.Person) bool {
	a := m.Analysis
	switch {
	case p.Intent != "" && !slices.Contains(a.Intents, p.Intent):
		return false
	case p.Polarity != "" && a.Polarity != p.Polarity:
		return false
	case p.TouchPoint != "" && !slices.Contains(a.TouchPoints, p.TouchPoint):
		return false
	case p.Platform != "" && m.Platform != p.Platform:
		return false
	case p.Contacts && (person == nil || !person.Contact):
		return false
	}
	return true
}

// String says the population in words.
func (p Population) String() string {
	var parts []string
	if p.Polarity != "" {
		parts = append(parts, p.Polarity)
	}
	if p.Intent != "" {
		parts = append(parts, p.Intent+"s")
	}
	if p.TouchPoint != "" {
		parts = append(parts, "about "+p.TouchPoint)
	}
	if p.Platform != "" {
		parts = append(parts, "on "+p.Platform)
	}
	if p.Contacts {
		parts = append(parts, "from contacts")
	}
	if len(parts) == 0 {
		return "every mention"
	}
	return "mentions: " + strings.Join(parts, ", ")
}

const docName = "experiments"

// Params is what the service is built from.
type Params struct {
	Store *storage.Store
	// OnConcluded writes a concluded experiment's conclusion down as a
	// learning (package ideas).
	OnConcluded func(e Experiment, summary string) error
	Now         func() time.Time
}

// Service keeps experiments.
type Service struct{ p Params }

// New returns the service.
func New(p Params) *Service {
	if p.Now == nil {
		p.Now = time.Now
	}
	return &Service{p: p}
}

// List returns every experiment, running ones first, then drafts, then
// concluded, newest first within each.
func (s *Service) List() ([]Experiment, error) {
	var es []Experiment
	err := s.p.Store.View(func(tx *storage.Tx) error { _, err := tx.GetDoc(docName, &es); return err })
	order := map[string]int{Running: 0, Draft: 1, Concluded: 2}
	slices.SortStableFunc(es, func(a, b Experiment) int {
		if order[a.State] != order[b.State] {
			return order[a.State] - order[b.State]
		}
		return b.Created.Compare(a.Created)
	})
	return es, err
}

// Get returns one experiment.
func (s *Service) Get(id string) (Experiment, error) {
	es, err := s.List()
	if err != nil {
		return Experiment{}, err
	}
	for _, e := range es {
		if e.ID == id {
			return e, nil
		}
	}
	return Experiment{}, fmt.Errorf("experiment %s: %w", id, storage.ErrNotFound)
}

// Save adds or replaces an experiment (a new one, without ID, is a draft).
func (s *Service) Save(e Experiment) (Experiment, error) {
	e.Name = strings.TrimSpace(e.Name)
	switch {
	case e.Name == "":
		return e, errors.New("give the experiment a name")
	case len(e.Variants) < 2:
		return e, errors.New("an experiment needs at least two variants")
	case Outcomes()[e.Outcome] == "":
		return e, fmt.Errorf("no outcome %q", e.Outcome)
	}
	if e.Days <= 0 {
		e.Days = 14
	}
	for i := range e.Variants {
		if e.Variants[i].Key == "" {
			e.Variants[i].Key = string(rune('A' + i))
		}
	}
	err := s.p.Store.Update(func(tx *storage.Tx) error {
		var es []Experiment
		if _, err := tx.GetDoc(docName, &es); err != nil {
			return err
		}
		if e.ID == "" {
			e.ID = "e" + strconv.Itoa(len(es)+1)
			e.State, e.Created = Draft, s.p.Now().UTC()
		}
		if i := slices.IndexFunc(es, func(x Experiment) bool { return x.ID == e.ID }); i >= 0 {
			es[i] = e
		} else {
			es = append(es, e)
		}
		return tx.PutDoc(docName, es)
	})
	return e, err
}

// Start moves a draft to running.
func (s *Service) Start(id string) error {
	e, err := s.Get(id)
	if err != nil {
		return err
	}
	if e.State != Draft {
		return fmt.Errorf("experiment %s is %s, not a draft", id, e.State)
	}
	e.State, e.Started = Running, s.p.Now().UTC()
	_, err = s.Save(e)
	return err
}

// Conclude ends a running experiment with the owner's conclusion, which is
// written down as a learning.
func (s *Service) Conclude(id, conclusion string) error {
	e, err := s.Get(id)
	if err != nil {
		return err
	}
	if e.State != Running {
		return fmt.Errorf("experiment %s is %s, not running", id, e.State)
	}
	r, err := s.Results(e)
	if err != nil {
		return err
	}
	e.State, e.Concluded, e.Conclusion = Concluded, s.p.Now().UTC(), strings.TrimSpace(conclusion)
	if _, err := s.Save(e); err != nil {
		return err
	}
	if s.p.OnConcluded != nil {
		return s.p.OnConcluded(e, r.Sentence)
	}
	return nil
}
