package advocates

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/rapportapp/rapport/storage"
)

// The sides of the ledger. Ask is neither: we asked them for something
// (a review, a post, a favour), which spends goodwill without giving any.
const (
	Give = "give" // we did something for them
	Get  = "get"  // they did something for us
	Ask  = "ask"  // we asked them for something
)

var (
	giveKinds = set("reply", "thank", "thanks", "thank-you", "sample", "share", "referral-given", "refer-out",
		"discount", "gift")
	getKinds = set("mention", "recommend", "recommendation", "review", "referral", "purchase", "bought", "order")
	askKinds = set("ask", "request")
)

// Classify says which side of the ledger an interaction kind is on when
// its Direction is empty: Give, Get, Ask, or "" for kinds that can go
// either way (call, email, meeting). Case, spaces and underscores are
// ignored ("Thank you" is "thank-you").
func Classify(kind string) string {
	k := normKind(kind)
	switch {
	case askKinds[k]:
		return Ask
	case giveKinds[k]:
		return Give
	case getKinds[k]:
		return Get
	}
	return ""
}

// side resolves an interaction's side: an ask is always an ask; otherwise
// a stored Direction ("give"/"get") wins over the kind.
func side(in *storage.Interaction) string {
	if c := Classify(in.Kind); c == Ask {
		return Ask
	}
	switch d := strings.ToLower(strings.TrimSpace(in.Direction)); d {
	case Give, Get:
		return d
	}
	return Classify(in.Kind)
}

// Entry is one line of the ledger: the interaction and its resolved side
// (Give, Get, Ask or "").
type Entry struct {
	Interaction storage.Interaction
	Direction   string
}

// Ledger is the reciprocity account with one person.
type Ledger struct {
	Gives, Gets, Asks int
	// Balance is Gives − Gets: below zero they have given more than we
	// have; asks are not in it (Nudges watches them).
	Balance int
	// GiveValue and GetValue sum the values entered on gives (samples,
	// gifts, discounts) and on gets (referrals and purchases).
	GiveValue, GetValue float64
	// Entries are all interactions, newest first.
	Entries []Entry
	// ByKind counts entries and ValueByKind sums their values by
	// normalised kind ("referral", "purchase", …).
	ByKind      map[string]int
	ValueByKind map[string]float64
	// LastGive and LastGet are the newest of each side (zero if none).
	LastGive, LastGet time.Time
}

// BuildLedger tallies a person's interactions.
func BuildLedger(ins []storage.Interaction) Ledger {
	l := Ledger{Entries: make([]Entry, 0, len(ins)), ByKind: map[string]int{}, ValueByKind: map[string]float64{}}
	for i := range ins {
		in := &ins[i]
		e := Entry{Interaction: *in, Direction: side(in)}
		l.Entries = append(l.Entries, e)
		k := normKind(in.Kind)
		l.ByKind[k]++
		l.ValueByKind[k] += in.Value
		l.add(e)
	}
	l.Balance = l.Gives - l.Gets
	slices.SortStableFunc(l.Entries, func(a, b Entry) int {
		if c := b.Interaction.At.Compare(a.Interaction.At); c != 0 {
			return c
		}
		return cmp.Compare(b.Interaction.ID, a.Interaction.ID)
	})
	return l
}

func (l *Ledger) add(e Entry) {
	at := e.Interaction.At
	switch e.Direction {
	case Give:
		l.Gives++
		l.GiveValue += e.Interaction.Value
		if at.After(l.LastGive) {
			l.LastGive = at
		}
	case Get:
		l.Gets++
		l.GetValue += e.Interaction.Value
		if at.After(l.LastGet) {
			l.LastGet = at
		}
	case Ask:
		l.Asks++
	}
}
