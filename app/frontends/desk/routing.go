package desk

import (
	"fmt"
	"strings"
	"time"

	"github.com/rapportapp/rapport/app/interacting/routing"
	"github.com/rapportapp/rapport/storage"
)

// RoutingRules reads the routing rules with their explanations.
func (d *Desk) RoutingRules() ([]routing.Rule, []string, error) {
	var set routing.Set
	err := d.w.Store.View(func(tx *storage.Tx) (err error) { set, err = routing.Load(tx); return err })
	explained := make([]string, len(set.Rules))
	for i, r := range set.Rules {
		explained[i] = r.Name + ": " + routing.Explain(r)
		if r.Disabled {
			explained[i] += " (off)"
		}
	}
	return set.Rules, explained, err
}

// SaveRoutingRules checks and saves the routing rules.
func (d *Desk) SaveRoutingRules(rules []routing.Rule) error {
	team, err := d.w.Team()
	if err != nil {
		return err
	}
	for i := range rules {
		if rules[i].ID == "" {
			rules[i].ID = routing.NewID()
		}
	}
	set := routing.Set{Rules: rules}
	if err := set.Validate(team); err != nil {
		return err
	}
	return d.w.Store.Update(func(tx *storage.Tx) error { return routing.Save(tx, set) })
}

// SuggestedRules proposes rules from the team's roles.
func (d *Desk) SuggestedRules() ([]routing.Rule, error) {
	team, err := d.w.Team()
	return routing.Suggested(team), err
}

// HandOff assigns a mention to a team member and returns the mailto: link
// of an email that hands it over with its context.
func (d *Desk) HandOff(mentionID uint64, member string) (string, error) {
	team, err := d.w.Team()
	if err != nil {
		return "", err
	}
	b, _ := d.w.Business()
	for _, t := range team {
		if !strings.EqualFold(t.Name, member) {
			continue
		}
		var m storage.Mention
		source := ""
		err := d.w.Store.View(func(tx *storage.Tx) error {
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
			return "", err
		}
		if _, err := d.Service.Assign([]uint64{mentionID}, t.Name, d.me(), time.Now()); err != nil {
			return "", err
		}
		return routing.HandOff(m, source, t, d.me(), b.Name), nil
	}
	return "", fmt.Errorf("%s is not on the team: add them in Settings → Team", member)
}
