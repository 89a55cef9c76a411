package routing

import (
	"fmt"
	"strings"
	"time"

	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/storage"
)

// Params is what the routing service is built from.
type Params struct {
	Store *storage.Store
	// Team reads the team mentions are routed to.
	Team func() ([]workspace.TeamMember, error)
	// Business reads the business profile (its name signs hand-offs).
	Business func() (workspace.Business, error)
	// Assign records that mentions were given to owner (the inbox's
	// workflow, so the history reads the same wherever it was done).
	Assign func(ids []uint64, owner, by string, now time.Time) (int, error)
}

// Service keeps a workspace's routing rules and hands mentions off.
type Service struct{ p Params }

// New returns the routing service.
func New(p Params) *Service { return &Service{p: p} }

// Rules reads the rules, each with its explanation in words ("off" for a
// disabled one), in the order Route tries them.
func (s *Service) Rules() ([]Rule, []string, error) {
	var set Set
	err := s.p.Store.View(func(tx *storage.Tx) (err error) { set, err = Load(tx); return err })
	explained := make([]string, len(set.Rules))
	for i, r := range set.Rules {
		explained[i] = r.Name + ": " + Explain(r)
		if r.Disabled {
			explained[i] += " (off)"
		}
	}
	return set.Rules, explained, err
}

// Save checks rules against the team and saves them, giving new ones an
// ID. Nothing is saved when any rule is wrong; the error lists them all.
func (s *Service) Save(rules []Rule) error {
	team, err := s.p.Team()
	if err != nil {
		return err
	}
	rules = append([]Rule(nil), rules...)
	for i := range rules {
		if rules[i].ID == "" {
			rules[i].ID = NewID()
		}
	}
	set := Set{Rules: rules}
	if err := set.Validate(team); err != nil {
		return err
	}
	return s.p.Store.Update(func(tx *storage.Tx) error { return Save(tx, set) })
}

// Suggested proposes rules from the team's roles.
func (s *Service) Suggested() ([]Rule, error) {
	team, err := s.p.Team()
	return Suggested(team), err
}

// HandOff assigns a mention to a team member (recorded as done by by) and
// returns the mailto: link of an email that hands it over with its
// context.
func (s *Service) HandOff(mentionID uint64, member, by string, now time.Time) (string, error) {
	team, err := s.p.Team()
	if err != nil {
		return "", err
	}
	to, ok := findMember(team, member)
	if !ok {
		return "", fmt.Errorf("%s is not on the team: add them in Settings → Team", member)
	}
	b, err := s.p.Business()
	if err != nil {
		return "", err
	}
	var m storage.Mention
	source := ""
	err = s.p.Store.View(func(tx *storage.Tx) error {
		if m, err = tx.Mentions().Get(mentionID); err != nil {
			return err
		}
		if len(m.SourceIDs) > 0 {
			if src, err := tx.Sources().Get(m.SourceIDs[0]); err == nil {
				source = src.Name
			}
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("read mention %d: %w", mentionID, err)
	}
	if _, err := s.p.Assign([]uint64{mentionID}, to.Name, by, now); err != nil {
		return "", err
	}
	return HandOff(m, source, to, by, b.Name), nil
}

// findMember finds a team member by name, in any case.
func findMember(team []workspace.TeamMember, name string) (workspace.TeamMember, bool) {
	for _, t := range team {
		if strings.EqualFold(strings.TrimSpace(t.Name), strings.TrimSpace(name)) {
			return t, true
		}
	}
	return workspace.TeamMember{}, false
}
