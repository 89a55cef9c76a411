package crm

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/rapportapp/rapport/app/shared/human"
	"github.com/rapportapp/rapport/storage"
)

// Suggestion proposes that two people are one. B is an imported contact
// not stored yet when Incoming is set.
type Suggestion struct {
	A, B       storage.Person
	Reason     string
	Confidence float64 // 0..1
	Incoming   bool
	Ref        string // the pending import's key when Incoming
}

// Key names the pair, the same whichever way round.
func (s Suggestion) Key() string {
	if s.Incoming {
		return s.Ref
	}
	return pairKey(s.A.ID, s.B.ID)
}

func pairKey(a, b uint64) string {
	if a > b {
		a, b = b, a
	}
	return fmt.Sprintf("%d-%d", a, b)
}

const docDismissed = "merge-dismissed"

// Suggestions finds people who are probably the same: the same email, the
// same handle name on several platforms, the same site, the same display
// name, or very similar handles. Pairs compared are found through shared
// keys, never all against all. Dismissed pairs are not suggested again.
func (s *Service) Suggestions() ([]Suggestion, error) {
	groups, err := s.p.Store.SharedLikeness(maxLikeGroup)
	if err != nil {
		return nil, err
	}
	ids := map[uint64]bool{}
	for _, g := range groups {
		for _, id := range g.IDs {
			ids[id] = true
		}
	}
	var pend []pending
	dismissed := map[string]bool{}
	byID := map[uint64]storage.Person{}
	err = s.p.Store.View(func(tx *storage.Tx) (err error) {
		if _, err := tx.GetDoc(docDismissed, &dismissed); err != nil {
			return err
		}
		if pend, err = loadPending(tx); err != nil {
			return err
		}
		for _, pd := range pend {
			ids[pd.Existing] = true
		}
		want := make([]uint64, 0, len(ids))
		for id := range ids {
			want = append(want, id)
		}
		slices.Sort(want)
		people, err := tx.People().GetMany(want)
		for _, p := range people {
			if p.MergedInto == 0 {
				byID[p.ID] = p
			}
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	own := s.ownHandles()
	best := map[string]Suggestion{}
	for _, pd := range pend {
		if a, ok := byID[pd.Existing]; ok {
			best[pd.Key] = Suggestion{A: a, B: pd.Incoming, Reason: pd.Reason, Confidence: pd.Confidence, Incoming: true, Ref: pd.Key}
		}
	}
	for _, g := range groups {
		var people []storage.Person
		for _, id := range g.IDs {
			if p, ok := byID[id]; ok && !isOwn(&p, own) {
				people = append(people, p)
			}
		}
		for x := 0; x < len(people); x++ {
			for y := x + 1; y < len(people); y++ {
				a, b := people[x], people[y]
				if a.ID == b.ID {
					continue // never one person with themselves
				}
				reason, conf := why(g.Key, &a, &b)
				k := pairKey(a.ID, b.ID)
				if conf == 0 || dismissed[k] {
					continue
				}
				if old, ok := best[k]; !ok || conf > old.Confidence {
					best[k] = Suggestion{A: a, B: b, Reason: reason, Confidence: conf}
				}
			}
		}
	}
	out := make([]Suggestion, 0, len(best))
	for _, sg := range best {
		out = append(out, sg)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Confidence != out[j].Confidence {
			return out[i].Confidence > out[j].Confidence
		}
		return out[i].Key() < out[j].Key()
	})
	return out, nil
}

// Accept merges a suggestion: an imported contact's details go into the
// person already here; two stored people are merged. UndoAccept reverses
// either.
func (s *Service) Accept(sg Suggestion) error {
	if !sg.Incoming {
		return s.Merge(sg.A.ID, sg.B.ID)
	}
	return s.p.Store.Update(func(tx *storage.Tx) error {
		pd, ok, err := takePending(tx, sg.Ref)
		if err != nil || !ok {
			return err
		}
		a, err := tx.People().Get(pd.Existing)
		if err != nil {
			return err
		}
		if err := tx.PutDoc(docLastAbsorb, absorbRecord{Before: a, Pending: pd}); err != nil {
			return err
		}
		absorb(&a, pd.Incoming)
		return tx.People().Put(&a)
	})
}

// Reject keeps two people apart: an imported contact is added as someone
// new; a stored pair is not suggested again.
func (s *Service) Reject(sg Suggestion) error {
	if !sg.Incoming {
		return s.Dismiss(sg.A.ID, sg.B.ID)
	}
	return s.p.Store.Update(func(tx *storage.Tx) error {
		pd, ok, err := takePending(tx, sg.Ref)
		if err != nil || !ok {
			return err
		}
		p := pd.Incoming
		p.ID = 0
		return tx.People().Put(&p)
	})
}

// Dismiss remembers that two people are not the same.
func (s *Service) Dismiss(a, b uint64) error {
	return s.p.Store.Update(func(tx *storage.Tx) error {
		dismissed := map[string]bool{}
		if _, err := tx.GetDoc(docDismissed, &dismissed); err != nil {
			return err
		}
		dismissed[pairKey(a, b)] = true
		return tx.PutDoc(docDismissed, dismissed)
	})
}

// maxLikeGroup is the most people who may share a key for it to mean
// anything: a name more people have is too common.
const maxLikeGroup = 50

// why says how sure a shared key makes us.
func why(key string, a, b *storage.Person) (string, float64) {
	kind, value, _ := strings.Cut(key, ":")
	switch kind {
	case "email":
		return "same email " + value, 0.95
	case "site":
		return "same site " + value, 0.8
	case "handle":
		if samePlatformSet(a, b) {
			return "", 0
		}
		return "the same handle \"" + value + "\" on " + platformsOf(a) + " and " + platformsOf(b), 0.85
	case "name":
		return "same name " + strings.TrimSpace(a.Name), 0.6
	case "near":
		return "similar handles on " + platformsOf(a) + " and " + platformsOf(b), 0.45
	}
	return "", 0
}

func samePlatformSet(a, b *storage.Person) bool { return platformsOf(a) == platformsOf(b) }

// platformsOf names a person's platforms as people read them: "Google
// News, Google Alerts".
func platformsOf(p *storage.Person) string { return human.Platforms(platforms(*p)) }
