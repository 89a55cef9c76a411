package routing

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/storage"
)

// DocName is the store document that holds the routing rules.
const DocName = "routing"

// Set is the workspace's routing rules, in the order Route tries them.
type Set struct {
	Rules []Rule `cbor:"1,keyasint,omitempty" json:"rules"`
}

// Load reads the saved rules; a workspace that has none gets an empty Set.
func Load(tx *storage.Tx) (Set, error) {
	var s Set
	if _, err := tx.GetDoc(DocName, &s); err != nil {
		return Set{}, fmt.Errorf("load routing rules: %w", err)
	}
	return s, nil
}

// Save stores s, giving rules without an ID a new one (in the stored copy:
// set IDs with NewID first when the caller needs them). Validate the set
// before saving; Save does not, as it has no team to check owners against.
func Save(tx *storage.Tx, s Set) error {
	rules := make([]Rule, len(s.Rules))
	copy(rules, s.Rules)
	for i := range rules {
		if rules[i].ID == "" {
			rules[i].ID = NewID()
		}
	}
	if err := tx.PutDoc(DocName, Set{Rules: rules}); err != nil {
		return fmt.Errorf("save routing rules: %w", err)
	}
	return nil
}

// NewID returns a new random rule ID ("r" and 12 hex digits).
func NewID() string {
	var b [6]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return "r" + hex.EncodeToString(b[:])
}

// Validate checks every rule against team (see Rule.Validate) and the set
// as a whole: IDs and names are unique, and no enabled rule without
// conditions sits above enabled rules it would hide. Problems name their
// rule and are joined, one a line.
func (s Set) Validate(team []workspace.TeamMember) error {
	var errs []error
	ids, names := map[string]bool{}, map[string]bool{}
	catchAll := ""
	for i, r := range s.Rules {
		label := ruleLabel(i, r)
		if err := r.Validate(team); err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				errs = append(errs, fmt.Errorf("%s: %s", label, line))
			}
		}
		if r.ID != "" && ids[r.ID] {
			errs = append(errs, fmt.Errorf("%s: another rule has the same ID %q", label, r.ID))
		}
		ids[r.ID] = true
		if n := strings.ToLower(strings.TrimSpace(r.Name)); n != "" {
			if names[n] {
				errs = append(errs, fmt.Errorf("%s: two rules have this name; rename one so the history tells them apart", label))
			}
			names[n] = true
		}
		if r.Disabled {
			continue
		}
		if catchAll != "" {
			errs = append(errs, fmt.Errorf("%s never applies: %s above it matches every mention; move that one to the end", label, catchAll))
		}
		if r.Unconditional() && strings.TrimSpace(r.Owner) != "" && catchAll == "" {
			catchAll = label
		}
	}
	return errors.Join(errs...)
}

// ruleLabel names a rule in messages: by its name, or its place.
func ruleLabel(i int, r Rule) string {
	if n := strings.TrimSpace(r.Name); n != "" {
		return "rule “" + n + "”"
	}
	return fmt.Sprintf("rule %d", i+1)
}
