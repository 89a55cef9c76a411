package understand

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/rapportapp/rapport/app/understanding/analyze"
	"github.com/rapportapp/rapport/storage"
)

// Learning from the owner. Each mention the owner corrected is an example
// of how this workspace reads posts; a mention they marked handled without
// correcting is weaker evidence that Rapport's reading was right. The
// examples are kept in one store document and a personal layer is learned
// from them (analyze.LearnPersonal) and added to the embedded model, so
// that posts like the corrected ones are read the owner's way. Why? then
// says "learned from your corrections".

// docLearned is the store document that holds the examples.
const docLearned = "understand.examples"

// handledWeight is how much a handled, uncorrected mention counts against
// a correction (1).
const handledWeight = 0.25

// maxExamples bounds the document; the oldest examples go first.
const maxExamples = 2000

// Example is one stored example: a mention's text with the intents the
// owner gave it (or accepted).
type Example struct {
	MentionID uint64    `cbor:"1,keyasint,omitempty" json:"mention_id"`
	Text      string    `cbor:"2,keyasint,omitempty" json:"text"`
	Author    string    `cbor:"3,keyasint,omitempty" json:"author,omitempty"`
	Intents   []string  `cbor:"4,keyasint" json:"intents"`
	Weight    float64   `cbor:"5,keyasint,omitempty" json:"weight"`
	At        time.Time `cbor:"6,keyasint,omitzero" json:"at"`
}

// learnedDoc is the document's content.
type learnedDoc struct {
	Examples []Example `cbor:"1,keyasint,omitempty"`
}

// LearnStats says what the personal layer was learned from.
type LearnStats struct {
	Corrections int // examples from the owner's corrections
	Handled     int // examples from handled mentions the owner did not correct
}

// Examples is the number of examples.
func (l LearnStats) Examples() int { return l.Corrections + l.Handled }

// LoadLearned reads the workspace's examples and applies the layer learned
// from them. Call it once the store is open.
func (s *Service) LoadLearned(st *storage.Store) (LearnStats, error) {
	doc, err := readLearned(st)
	if err != nil {
		return LearnStats{}, err
	}
	return s.relearn(doc.Examples), nil
}

// Learn records what the owner said about mentions ids — their
// corrections, or, for a mention handled without a correction, the
// reading they accepted — relearns the personal layer and applies it to
// posts read from now on. A mention whose correction was removed is
// forgotten. It takes milliseconds for a few hundred examples; call it off
// the UI goroutine after each correction or "handled". ctx cancels it
// before the document is written.
func (s *Service) Learn(ctx context.Context, st *storage.Store, ids ...uint64) (LearnStats, error) {
	var doc learnedDoc
	err := st.Update(func(tx *storage.Tx) error {
		if _, err := tx.GetDoc(docLearned, &doc); err != nil {
			return err
		}
		for _, id := range ids {
			m, err := tx.Mentions().Get(id)
			if err != nil {
				doc.Examples = dropExample(doc.Examples, id) // deleted meanwhile
				continue
			}
			doc.Examples = upsertExample(doc.Examples, exampleOf(&m), id)
		}
		if len(doc.Examples) > maxExamples {
			doc.Examples = doc.Examples[len(doc.Examples)-maxExamples:]
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		return tx.PutDoc(docLearned, &doc)
	})
	if err != nil {
		return LearnStats{}, fmt.Errorf("learn from corrections: %w", err)
	}
	return s.relearn(doc.Examples), nil
}

// LearnAll rebuilds the examples from every stored mention (for a
// workspace whose corrections were made before Rapport learned from them).
func (s *Service) LearnAll(ctx context.Context, st *storage.Store) (LearnStats, error) {
	var doc learnedDoc
	err := st.View(func(tx *storage.Tx) error {
		return tx.Mentions().Each(func(m *storage.Mention) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			if ex := exampleOf(m); ex != nil {
				doc.Examples = append(doc.Examples, *ex)
			}
			return nil
		})
	})
	if err != nil {
		return LearnStats{}, fmt.Errorf("learn from all corrections: %w", err)
	}
	slices.SortStableFunc(doc.Examples, func(a, b Example) int { return a.At.Compare(b.At) })
	if len(doc.Examples) > maxExamples {
		doc.Examples = doc.Examples[len(doc.Examples)-maxExamples:]
	}
	if err := st.Update(func(tx *storage.Tx) error { return tx.PutDoc(docLearned, &doc) }); err != nil {
		return LearnStats{}, err
	}
	return s.relearn(doc.Examples), nil
}

// ForgetLearned removes every example and the personal layer: Rapport
// reads as shipped again.
func (s *Service) ForgetLearned(st *storage.Store) error {
	if err := st.Update(func(tx *storage.Tx) error { return tx.DeleteDoc(docLearned) }); err != nil {
		return err
	}
	s.relearn(nil)
	return nil
}

// Learned says what the personal layer in use was learned from.
func (s *Service) Learned() LearnStats {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.learned
}

// exampleOf is what a mention teaches, or nil: a correction of its intents
// (full weight), or its reading when it was handled without a correction.
func exampleOf(m *storage.Mention) *Example {
	text := Text(m)
	at := m.Time()
	if len(m.History) > 0 {
		at = m.History[len(m.History)-1].At
	}
	switch {
	case m.Corrected != nil && m.Corrected.Intents != nil:
		return &Example{MentionID: m.ID, Text: text, Author: m.Author, Intents: slices.Clone(m.Corrected.Intents), Weight: 1, At: at}
	case m.Corrected == nil && m.State == storage.StateHandled && m.Analysis.Analysed:
		return &Example{
			MentionID: m.ID, Text: text, Author: m.Author, Intents: append([]string{}, m.Analysis.Intents...),
			Weight: handledWeight, At: at,
		}
	}
	return nil
}

func upsertExample(xs []Example, ex *Example, id uint64) []Example {
	xs = dropExample(xs, id)
	if ex != nil {
		xs = append(xs, *ex)
	}
	return xs
}

func dropExample(xs []Example, id uint64) []Example {
	return slices.DeleteFunc(xs, func(e Example) bool { return e.MentionID == id })
}

func readLearned(st *storage.Store) (learnedDoc, error) {
	var doc learnedDoc
	err := st.View(func(tx *storage.Tx) error { _, err := tx.GetDoc(docLearned, &doc); return err })
	if err != nil {
		return doc, fmt.Errorf("read learned examples: %w", err)
	}
	return doc, nil
}

// relearn fits the personal layer to examples and puts it in use.
func (s *Service) relearn(examples []Example) LearnStats {
	var stats LearnStats
	exs := make([]analyze.Example, 0, len(examples))
	for _, e := range examples {
		exs = append(exs, analyze.Example{Text: e.Text, Author: e.Author, Intents: e.Intents, Weight: e.Weight})
		if e.Weight >= 1 {
			stats.Corrections++
		} else {
			stats.Handled++
		}
	}
	base := s.Analyzer().WithPersonal(nil)
	p := base.LearnPersonal(exs, analyze.PersonalOptions{})
	s.mu.Lock()
	s.personal, s.learned = p, stats
	s.an = s.an.WithPersonal(p)
	s.gen++
	s.mu.Unlock()
	return stats
}
