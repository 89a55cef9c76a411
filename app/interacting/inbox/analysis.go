package inbox

import (
	"context"
	"errors"
	"fmt"

	"github.com/rapportapp/rapport/app/understanding/analyze"
	"github.com/rapportapp/rapport/storage"
)

// Cue is one piece of evidence behind a mention's reading, in words.
type Cue struct {
	Kind   string
	Text   string
	Note   string
	Weight float64
}

// Explain reads a mention again and returns the cues that drove its
// sentiment, intents, touch points and promise verdict.
func (s *Service) Explain(id uint64) ([]Cue, error) {
	if s.und == nil {
		return nil, errors.New("analysis is not available")
	}
	var m storage.Mention
	if err := s.store.View(func(tx *storage.Tx) (err error) { m, err = tx.Mentions().Get(id); return err }); err != nil {
		return nil, err
	}
	r := s.und.ReadMention(&m) // as Apply reads it: the author's name is not evidence
	if !r.Analysed {
		return []Cue{{Kind: "language", Note: r.Reason}}, nil
	}
	out := make([]Cue, 0, len(r.Cues))
	for _, c := range r.Cues {
		out = append(out, Cue{Kind: c.Kind, Text: c.Text, Note: c.Note, Weight: c.Weight})
	}
	return out, nil
}

// Correction is the owner's own reading of a mention. Empty Polarity keeps
// the analyser's; nil lists keep its intents or touch points.
type Correction struct {
	Polarity    string
	Intents     []string
	TouchPoints []string
}

// Vocabulary lists the intents and touch points a correction can name.
func (s *Service) Vocabulary() (intents, touchPoints []string) {
	intents = append(intents, analyze.Intents()...)
	if s.und != nil {
		for _, c := range s.und.Config().TouchPoints {
			touchPoints = append(touchPoints, c.Name)
		}
	}
	return intents, touchPoints
}

// Correct saves the owner's reading of a mention (nil removes it) and
// updates its analysis and priority; the correction wins from now on,
// including when the mention is analysed again.
func (s *Service) Correct(id uint64, corr *Correction) error {
	var c *storage.Correction
	if corr != nil {
		c = &storage.Correction{Polarity: corr.Polarity, Intents: corr.Intents, TouchPoints: corr.TouchPoints}
	}
	if s.und == nil {
		return errors.New("analysis is not available")
	}
	err := s.store.Update(func(tx *storage.Tx) error {
		m, err := tx.Mentions().Get(id)
		if err != nil {
			return err
		}
		m.Corrected = c
		var author *storage.Person
		if m.PersonID != 0 {
			if p, err := tx.People().Get(m.PersonID); err == nil {
				author = &p
			}
		}
		s.und.Apply(&m, author)
		return tx.Mentions().Put(&m)
	})
	if err != nil {
		return fmt.Errorf("save correction: %w", err)
	}
	// Learn from it: similar new posts are read the owner's way (milliseconds).
	if _, err := s.und.Learn(context.Background(), s.store, id); err != nil {
		return fmt.Errorf("the correction is saved, but Rapport could not learn from it: %w", err)
	}
	return nil
}
