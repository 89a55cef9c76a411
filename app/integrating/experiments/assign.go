package experiments

import (
	"errors"
	"hash/fnv"
	"strconv"

	"github.com/rapportapp/rapport/storage"
)

// Suggestion is the variant the composer should use for a mention.
type Suggestion struct {
	Experiment string  `json:"experiment"`
	Name       string  `json:"name"`
	Variant    Variant `json:"variant"`
}

// Suggest picks the variant of the first running experiment whose
// population the mention belongs to; ok is false when none applies or the
// mention was already answered for an experiment. Alternating assignment
// gives the variant after the one used last; random assignment hashes the
// mention's id, so asking twice gives the same answer.
func (s *Service) Suggest(mentionID uint64) (sg Suggestion, ok bool, err error) {
	es, err := s.List()
	if err != nil {
		return sg, false, err
	}
	err = s.p.Store.View(func(tx *storage.Tx) error {
		m, err := tx.Mentions().Get(mentionID)
		if errors.Is(err, storage.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		var person *storage.Person
		if p, err := tx.People().Get(m.PersonID); err == nil {
			person = &p
		}
		for _, e := range es {
			if e.State != Running || !e.Population.Matches(&m, person) {
				continue
			}
			done, n, err := assignments(tx, e, mentionID)
			if err != nil || done {
				return err
			}
			i := n % len(e.Variants)
			if e.Random {
				h := fnv.New32a()
				h.Write([]byte(e.ID + "/" + strconv.FormatUint(mentionID, 10)))
				i = int(h.Sum32() % uint32(len(e.Variants)))
			}
			sg, ok = Suggestion{Experiment: e.ID, Name: e.Name, Variant: e.Variants[i]}, true
			return nil
		}
		return nil
	})
	return sg, ok, err
}

// assignments tells whether the mention already has a reply recorded for
// the experiment, and how many replies were recorded for it in all.
func assignments(tx *storage.Tx, e Experiment, mentionID uint64) (done bool, n int, err error) {
	xs, err := assigned(tx, e)
	for _, x := range xs {
		if x.MentionID == mentionID {
			done = true
		}
	}
	return done, len(xs), err
}

// assigned reads the replies recorded for an experiment since it started.
func assigned(tx *storage.Tx, e Experiment) ([]storage.Interaction, error) {
	ids, err := tx.InteractionIDsBetween(e.Started, e.Started.AddDate(100, 0, 0))
	if err != nil {
		return nil, err
	}
	xs, err := tx.Interactions().GetMany(ids)
	out := xs[:0]
	for _, x := range xs {
		if x.Experiment == e.ID {
			out = append(out, x)
		}
	}
	return out, err
}
