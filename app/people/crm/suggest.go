package crm

import (
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"
	"unicode"

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
	var people []storage.Person
	dismissed := map[string]bool{}
	err := s.p.Store.View(func(tx *storage.Tx) error {
		if _, err := tx.GetDoc(docDismissed, &dismissed); err != nil {
			return err
		}
		return tx.People().Each(func(p *storage.Person) error {
			if p.MergedInto == 0 {
				people = append(people, *p)
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	own := s.ownHandles()
	buckets := map[string][]int{}
	for i := range people {
		if isOwn(&people[i], own) {
			continue
		}
		for _, k := range blockKeys(&people[i]) {
			buckets[k] = append(buckets[k], i)
		}
	}
	best := map[string]Suggestion{}
	byID := map[uint64]storage.Person{}
	for _, p := range people {
		byID[p.ID] = p
	}
	var pend []pending
	_ = s.p.Store.View(func(tx *storage.Tx) (err error) { pend, err = loadPending(tx); return err })
	for _, pd := range pend {
		if a, ok := byID[pd.Existing]; ok {
			best[pd.Key] = Suggestion{A: a, B: pd.Incoming, Reason: pd.Reason, Confidence: pd.Confidence, Incoming: true, Ref: pd.Key}
		}
	}
	for key, idx := range buckets {
		if len(idx) > 50 {
			continue // a name too common to mean anything
		}
		for x := 0; x < len(idx); x++ {
			for y := x + 1; y < len(idx); y++ {
				a, b := people[idx[x]], people[idx[y]]
				if a.ID == b.ID {
					continue // never one person with themselves
				}
				reason, conf := why(key, &a, &b)
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

// blockKeys are the keys under which a person is compared with others,
// each once: the same handle name on several platforms is one key.
func blockKeys(p *storage.Person) []string {
	keys := allBlockKeys(p)
	slices.Sort(keys)
	return slices.Compact(keys)
}

func allBlockKeys(p *storage.Person) []string {
	var keys []string
	if e := strings.ToLower(strings.TrimSpace(p.Email)); e != "" {
		keys = append(keys, "email:"+e)
	}
	if n := foldName(p.Name); len(n) >= 6 && strings.Contains(strings.TrimSpace(p.Name), " ") {
		keys = append(keys, "name:"+n)
	}
	for _, h := range p.Handles {
		switch h.Platform {
		case "email":
			keys = append(keys, "email:"+strings.ToLower(h.Handle))
		case "web", "blog":
			if host := siteOf(h.Handle); host != "" {
				keys = append(keys, "site:"+host)
			}
		}
		if l := handleLocal(h.Handle); len(l) >= 4 {
			keys = append(keys, "handle:"+l)
			if len(l) >= 6 {
				keys = append(keys, "near:"+l[:len(l)-1], "near:"+l[1:])
			}
		}
	}
	return keys
}

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

// handleLocal reduces a handle to its name part: "@maya@mastodon.social",
// "maya.bsky.social", "u/maya" and "maya" all give "maya"; display names
// with spaces give "".
func handleLocal(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	if strings.Contains(h, " ") || strings.Contains(h, "://") {
		return ""
	}
	h = strings.TrimPrefix(strings.TrimPrefix(h, "u/"), "@")
	h, _, _ = strings.Cut(h, "@")
	h, _, _ = strings.Cut(h, ".")
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, h)
}

func foldName(n string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, n)
}

func siteOf(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}
