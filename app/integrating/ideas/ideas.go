// Package ideas is the learnings board: ideas turned from mentions
// (product, content, process, service) that move Ideas → Planned → Done →
// Learned with an owner and the mentions behind them; the content roadmap
// (the questions people keep asking, grouped); and closing the loop, a
// note to everyone who raised an idea once it is done and one public post.
// The board is one document: a small business has dozens of ideas.
package ideas

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/storage"
)

// The columns of the board, in order.
const (
	StageIdea    = "idea"
	StagePlanned = "planned"
	StageDone    = "done"
	StageLearned = "learned"
)

// Stages lists the columns in order.
func Stages() []string { return []string{StageIdea, StagePlanned, StageDone, StageLearned} }

// Kinds lists what an idea can be.
func Kinds() []string { return []string{"product", "content", "process", "service"} }

// Idea is one card of the board.
type Idea struct {
	ID       string    `json:"id" cbor:"1,keyasint"`
	Title    string    `json:"title" cbor:"2,keyasint"`
	Kind     string    `json:"kind" cbor:"3,keyasint"`
	Stage    string    `json:"stage" cbor:"4,keyasint"`
	Owner    string    `json:"owner,omitempty" cbor:"5,keyasint,omitempty"`
	Note     string    `json:"note,omitempty" cbor:"6,keyasint,omitempty"`
	Mentions []uint64  `json:"mentions,omitempty" cbor:"7,keyasint,omitempty"` // the evidence
	Created  time.Time `json:"created" cbor:"8,keyasint"`
	Updated  time.Time `json:"updated" cbor:"9,keyasint"`
	// Experiment names the experiment a learning came from.
	Experiment string `json:"experiment,omitempty" cbor:"10,keyasint,omitempty"`
}

const docName = "ideas"

// Params is what the service is built from.
type Params struct {
	Store    *storage.Store
	Business func() (workspace.Business, error)
	Now      func() time.Time
}

// Service keeps the board.
type Service struct{ p Params }

// New returns the service.
func New(p Params) *Service {
	if p.Now == nil {
		p.Now = time.Now
	}
	return &Service{p: p}
}

// List returns the ideas in board order (by stage, newest first).
func (s *Service) List() ([]Idea, error) {
	var out []Idea
	err := s.p.Store.View(func(tx *storage.Tx) error { _, err := tx.GetDoc(docName, &out); return err })
	slices.SortStableFunc(out, func(a, b Idea) int {
		if d := slices.Index(Stages(), a.Stage) - slices.Index(Stages(), b.Stage); d != 0 {
			return d
		}
		return b.Updated.Compare(a.Updated)
	})
	return out, err
}

// Get returns one idea.
func (s *Service) Get(id string) (Idea, error) {
	all, err := s.List()
	for _, i := range all {
		if i.ID == id {
			return i, err
		}
	}
	if err == nil {
		err = fmt.Errorf("idea %s: %w", id, storage.ErrNotFound)
	}
	return Idea{}, err
}

// Save adds (no ID) or replaces an idea.
func (s *Service) Save(i Idea) (Idea, error) {
	i.Title = strings.TrimSpace(i.Title)
	if i.Title == "" {
		return i, errors.New("say what the idea is")
	}
	if i.Kind == "" {
		i.Kind = "process"
	}
	if !slices.Contains(Kinds(), i.Kind) {
		return i, fmt.Errorf("an idea is one of %s", strings.Join(Kinds(), ", "))
	}
	if i.Stage == "" {
		i.Stage = StageIdea
	}
	if !slices.Contains(Stages(), i.Stage) {
		return i, fmt.Errorf("no column %q on the board", i.Stage)
	}
	now := s.p.Now().UTC()
	i.Updated = now
	err := s.p.Store.Update(func(tx *storage.Tx) error {
		var all []Idea
		if _, err := tx.GetDoc(docName, &all); err != nil {
			return err
		}
		if i.ID == "" {
			i.ID, i.Created = nextID(all), now
		}
		if k := slices.IndexFunc(all, func(x Idea) bool { return x.ID == i.ID }); k >= 0 {
			all[k] = i
		} else {
			all = append(all, i)
		}
		return tx.PutDoc(docName, all)
	})
	return i, err
}

func nextID(all []Idea) string {
	n := 1
	for _, i := range all {
		if k, err := strconv.Atoi(strings.TrimPrefix(i.ID, "i")); err == nil && k >= n {
			n = k + 1
		}
	}
	return "i" + strconv.Itoa(n)
}

// FromMentions turns mentions into a new idea with them as evidence.
func (s *Service) FromMentions(title, kind string, mentionIDs []uint64) (Idea, error) {
	if len(mentionIDs) == 0 {
		return Idea{}, errors.New("choose the mentions the idea comes from")
	}
	return s.Save(Idea{Title: title, Kind: kind, Mentions: slices.Clone(mentionIDs)})
}

// Move puts an idea in another column.
func (s *Service) Move(id, stage string) (Idea, error) {
	i, err := s.Get(id)
	if err != nil {
		return i, err
	}
	i.Stage = stage
	return s.Save(i)
}

// AddLearning writes a concluded experiment down as a learning.
func (s *Service) AddLearning(title, note, experiment string) (Idea, error) {
	return s.Save(Idea{Title: title, Kind: "process", Stage: StageLearned, Note: note, Experiment: experiment})
}
