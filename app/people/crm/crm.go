package crm

import (
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/rapportapp/rapport/app/people/advocates"
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/storage"
)

// Service works on the people of one workspace.
type Service struct {
	p          Params
	params     advocates.Params
	now        func() time.Time
	compacting sync.Mutex // CompactErased
	// perPerson lists everyone by reading each person's records, as a
	// filtered list does (tests compare it with the single pass).
	perPerson bool
	everyone  everyoneCache
}

// Params is what the CRM is built from.
type Params struct {
	Store *storage.Store
	// Business reads the business profile (its names are not a person's).
	Business func() (workspace.Business, error)
	Log      *slog.Logger
}

// New returns the CRM.
func New(p Params) *Service {
	if p.Log == nil {
		p.Log = slog.Default()
	}
	return &Service{p: p, params: advocates.DefaultParams(), now: time.Now}
}

// inputs gathers what the score needs about one person.
func inputs(tx *storage.Tx, p storage.Person, now time.Time) (advocates.Inputs, error) {
	in := advocates.Inputs{Person: p, Now: now}
	ids, _, err := tx.MentionIDs(storage.MentionsByPerson(p.ID), nil, 0)
	if err != nil {
		return in, err
	}
	if in.Mentions, err = tx.Mentions().GetMany(ids); err != nil {
		return in, err
	}
	xids, err := tx.InteractionIDsByPerson(p.ID)
	if err != nil {
		return in, err
	}
	in.Interactions, err = tx.Interactions().GetMany(xids)
	return in, err
}

// ownHandles are the brand's own handles, folded: people who have one are
// the business itself and are left out of rankings.
func (s *Service) ownHandles() []string {
	b, err := s.p.Business()
	if err != nil {
		return nil
	}
	var out []string
	for _, t := range b.BrandTerms {
		t = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(t), "@"))
		if t != "" && !strings.ContainsAny(t, " &") {
			out = append(out, t)
		}
	}
	return out
}

// isOwn tells whether a person is the business's own account.
func isOwn(p *storage.Person, own []string) bool {
	for _, h := range p.Handles {
		hh := strings.ToLower(strings.TrimPrefix(h.Handle, "@"))
		for _, o := range own {
			if hh == o || strings.HasPrefix(hh, o+"@") || strings.HasPrefix(hh, o+".") || strings.HasPrefix(hh, o+"_") {
				return true
			}
		}
	}
	return false
}

// lastContact is the newest interaction or mention.
func lastContact(in advocates.Inputs) time.Time {
	var t time.Time
	for _, m := range in.Mentions {
		if m.Time().After(t) {
			t = m.Time()
		}
	}
	for _, x := range in.Interactions {
		if x.At.After(t) {
			t = x.At
		}
	}
	return t
}

// platforms lists the distinct platforms a person is on.
func platforms(p storage.Person) []string {
	var out []string
	seen := map[string]bool{}
	for _, h := range p.Handles {
		if !seen[h.Platform] && h.Platform != "email" && h.Platform != "phone" {
			seen[h.Platform] = true
			out = append(out, h.Platform)
		}
	}
	return out
}
