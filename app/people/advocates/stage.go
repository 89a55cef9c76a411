package advocates

import "strings"

// Stage is where a person is on the ladder from stranger to champion. The
// owner sets it (storage.Person.Stage); the score suggests one.
type Stage string

// The ladder, lowest first. The values are what Person.Stage stores.
const (
	Stranger Stage = "stranger" // no good word yet
	Engaged  Stage = "engaged"  // we talk, or they said something
	Customer Stage = "customer" // they bought
	Advocate Stage = "advocate" // they speak well of us, more than once
	Champion Stage = "champion" // they send us business, in more than one place
)

var ladder = []Stage{Stranger, Engaged, Customer, Advocate, Champion}

// aliases maps other labels people use to a rung. The sample's "influencer",
// "press" and "at risk" are deliberately absent: they say who someone is or
// where they are heading, not how close they are, so they stay custom
// labels (docs/advocates.md).
var aliases = map[string]Stage{
	"new": Stranger, "unknown": Stranger,
	"lead": Engaged, "prospect": Engaged, "follower": Engaged, "contact": Engaged,
	"fan": Customer, "buyer": Customer, "client": Customer, "subscriber": Customer,
	"promoter": Advocate, "supporter": Advocate,
	"ambassador": Champion, "superfan": Champion, "evangelist": Champion,
}

// Stages returns the ladder, lowest first.
func Stages() []Stage { return append([]Stage(nil), ladder...) }

// ParseStage reads a stage name or alias, ignoring case and surrounding
// space: "Advocate" and "fan" parse; "influencer" does not.
func ParseStage(s string) (Stage, bool) {
	k := strings.ToLower(strings.TrimSpace(s))
	for _, st := range ladder {
		if k == string(st) {
			return st, true
		}
	}
	st, ok := aliases[k]
	return st, ok
}

// Rank is the stage's place on the ladder (Stranger 0 … Champion 4), or -1
// for a custom label.
func (s Stage) Rank() int {
	for i, st := range ladder {
		if s == st {
			return i
		}
	}
	return -1
}

// Title is the stage as a heading shows it: "Champion", or a custom label
// as it was written.
func (s Stage) Title() string {
	if s.Rank() < 0 || s == "" {
		return string(s)
	}
	return strings.ToUpper(string(s[:1])) + string(s[1:])
}
