package routing

import (
	"log/slog"
	"time"

	"github.com/rapportapp/rapport/storage"
)

// Apply gives m to the owner Route picks and records why in its history
// (`routed to Kim Park by rule "Delivery complaints"`), reporting whether
// it changed m. The caller saves m; Apply only reads.
//
// It never overrides people: a mention that has an owner, or whose owner
// was ever set or cleared (a person unassigning it decided too), is left
// alone, and so are handled and archived mentions, which need nobody.
// by names who routed it ("" means "Rapport").
//
// rules are the rules to use. When rules is nil they are read from tx
// (Load); a read error is logged and leaves m unchanged, so that routing
// can never stop a mention from being saved. tx may be nil when rules are
// given.
func Apply(tx *storage.Tx, rules []Rule, m *storage.Mention, now time.Time, by string) (changed bool) {
	if m.Owner != "" || m.State == storage.StateHandled || m.State == storage.StateArchived || ownerTouched(m) {
		return false
	}
	if rules == nil && tx != nil {
		s, err := Load(tx)
		if err != nil {
			slog.Warn("routing: rules not read; mention left unassigned", "mention", m.ID, "err", err)
			return false
		}
		rules = s.Rules
	}
	owner, rule := Route(rules, m)
	if owner == "" {
		return false
	}
	if by == "" {
		by = "Rapport"
	}
	why := rule.Name
	if why == "" {
		why = Explain(*rule)
	}
	m.History = append(m.History, storage.Change{
		At: now.UTC(), From: m.State, To: m.State, Owner: owner, By: by,
		Note: "routed to " + owner + ` by rule "` + why + `"`,
	})
	m.Owner = owner
	return true
}

// ownerTouched reports whether m's owner was ever set or cleared. Owner
// changes are the history entries that keep the state (package inbox
// records an assignment as From == To, with the new owner, "" when
// cleared); state changes always move From → To.
func ownerTouched(m *storage.Mention) bool {
	for _, c := range m.History {
		if c.Owner != "" || c.From == c.To {
			return true
		}
	}
	return false
}
