package routing

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/app/understanding/analyze"
	"github.com/rapportapp/rapport/storage"
)

// Sentiments a rule can ask for; "" means any.
const (
	Negative = "negative"
	Neutral  = "neutral"
	Positive = "positive"
)

// Rule sends the mentions it matches to one team member.
//
// Every condition that is set must hold (AND across kinds); within one
// list any entry may match (OR). Intents and touch points are compared
// without regard to case. A rule with no conditions matches every mention:
// useful as the last rule ("everything else goes to Dana"), and Set.Validate
// reports one that hides the rules below it.
//
// The cbor keys are permanent, as in package storage: never renumber them.
type Rule struct {
	ID   string `cbor:"1,keyasint,omitempty" json:"id"`
	Name string `cbor:"2,keyasint,omitempty" json:"name"`
	// Intents are analyze intent names (complaint, churn, …).
	Intents []string `cbor:"3,keyasint,omitempty" json:"intents,omitempty"`
	// TouchPoints are touch point names from the analysis settings.
	TouchPoints []string `cbor:"4,keyasint,omitempty" json:"touch_points,omitempty"`
	// SourceIDs match mentions found in any of these sources.
	SourceIDs []uint64 `cbor:"5,keyasint,omitempty" json:"source_ids,omitempty"`
	// RuleIDs match mentions any of these watch rules matched.
	RuleIDs []uint64 `cbor:"6,keyasint,omitempty" json:"rule_ids,omitempty"`
	// Sentiment is "", Negative, Neutral or Positive. A mention that was
	// not analysed has no sentiment, so it matches only "".
	Sentiment string `cbor:"7,keyasint,omitempty" json:"sentiment,omitempty"`
	// MinPriority matches mentions whose priority (0–100) is at least this;
	// 0 means any.
	MinPriority float64 `cbor:"8,keyasint,omitempty" json:"min_priority,omitempty"`
	// Owner is a team member's name, as mentions store it.
	Owner    string `cbor:"9,keyasint,omitempty" json:"owner"`
	Disabled bool   `cbor:"10,keyasint,omitempty" json:"disabled,omitempty"`
}

// Route returns the owner of the first enabled rule that matches m, and
// that rule (a pointer into rules, to show why), or "" and nil when none
// does. Order matters: put specific rules above general ones. Rules
// without an owner are skipped, so a half-made rule claims nothing.
//
// Route reads m.Analysis, which already holds the owner's corrections
// (package understand applies them on every analysis).
func Route(rules []Rule, m *storage.Mention) (owner string, rule *Rule) {
	for i := range rules {
		r := &rules[i]
		if r.Disabled || strings.TrimSpace(r.Owner) == "" {
			continue
		}
		if r.Matches(m) {
			return strings.TrimSpace(r.Owner), r
		}
	}
	return "", nil
}

// Matches reports whether every condition of r holds for m. It ignores
// Disabled and Owner (Route looks at those), so a settings screen can
// preview what a rule would catch.
func (r Rule) Matches(m *storage.Mention) bool {
	a := &m.Analysis
	switch {
	case len(r.Intents) > 0 && !anyFold(r.Intents, a.Intents):
		return false
	case len(r.TouchPoints) > 0 && !anyFold(r.TouchPoints, a.TouchPoints):
		return false
	case len(r.SourceIDs) > 0 && !anyID(r.SourceIDs, m.SourceIDs):
		return false
	case len(r.RuleIDs) > 0 && !anyID(r.RuleIDs, m.RuleIDs):
		return false
	case r.Sentiment != "" && !strings.EqualFold(strings.TrimSpace(r.Sentiment), a.Polarity):
		return false
	case r.MinPriority > 0 && a.Priority < r.MinPriority:
		return false
	}
	return true
}

// Unconditional reports whether r has no conditions and so matches
// every mention.
func (r Rule) Unconditional() bool {
	return len(r.Intents) == 0 && len(r.TouchPoints) == 0 && len(r.SourceIDs) == 0 &&
		len(r.RuleIDs) == 0 && r.Sentiment == "" && r.MinPriority <= 0
}

func anyFold(want, have []string) bool {
	for _, w := range want {
		w = strings.TrimSpace(w)
		for _, h := range have {
			if strings.EqualFold(w, h) {
				return true
			}
		}
	}
	return false
}

func anyID(want, have []uint64) bool {
	for _, id := range have {
		if slices.Contains(want, id) {
			return true
		}
	}
	return false
}

// Validate reports, in words the owner can act on, everything wrong with
// r: no name, an owner who is not on team, an unknown intent or sentiment,
// an empty entry or a priority outside 0–100. Problems are joined, one a
// line. A rule with no conditions is valid (see Rule).
func (r Rule) Validate(team []workspace.TeamMember) error {
	var errs []error
	if strings.TrimSpace(r.Name) == "" {
		errs = append(errs, errors.New("give the rule a name"))
	}
	if err := checkOwner(r.Owner, team); err != nil {
		errs = append(errs, err)
	}
	for _, in := range r.Intents {
		if err := checkIntent(in); err != nil {
			errs = append(errs, err)
		}
	}
	if slices.ContainsFunc(r.TouchPoints, func(tp string) bool { return strings.TrimSpace(tp) == "" }) {
		errs = append(errs, errors.New("one of the touch points is empty: remove it"))
	}
	if slices.Contains(r.SourceIDs, 0) || slices.Contains(r.RuleIDs, 0) {
		errs = append(errs, errors.New("a source or watch rule is missing: choose it again"))
	}
	switch strings.ToLower(strings.TrimSpace(r.Sentiment)) {
	case "", Negative, Neutral, Positive:
	default:
		errs = append(errs, fmt.Errorf("%q is not a sentiment: choose negative, neutral or positive, or leave it empty for any", r.Sentiment))
	}
	if r.MinPriority < 0 || r.MinPriority > 100 || math.IsNaN(r.MinPriority) {
		errs = append(errs, errors.New("the lowest priority must be between 0 and 100"))
	}
	return errors.Join(errs...)
}

func checkOwner(owner string, team []workspace.TeamMember) error {
	owner = strings.TrimSpace(owner)
	if owner == "" {
		return errors.New("choose who takes care of the mentions this rule matches")
	}
	for _, t := range team {
		if strings.TrimSpace(t.Name) == owner {
			return nil
		}
	}
	for _, t := range team {
		if strings.EqualFold(strings.TrimSpace(t.Name), owner) {
			return fmt.Errorf("%s is not on the team: did you mean %s?", owner, strings.TrimSpace(t.Name))
		}
	}
	if len(team) == 0 {
		return fmt.Errorf("%s is not on the team: add team members first, then route mentions to them", owner)
	}
	return fmt.Errorf("%s is not on the team: choose a team member, or add %s to the team first", owner, owner)
}

func checkIntent(in string) error {
	in = strings.TrimSpace(in)
	if in == "" {
		return errors.New("one of the intents is empty: remove it")
	}
	if slices.ContainsFunc(analyze.Intents(), func(k string) bool { return strings.EqualFold(k, in) }) {
		return nil
	}
	return fmt.Errorf("%q is not an intent Rapport knows: choose from %s", in, strings.Join(analyze.Intents(), ", "))
}
