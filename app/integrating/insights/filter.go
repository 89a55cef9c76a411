package insights

import (
	"time"

	"github.com/rapportapp/rapport/app/interacting/inbox"
	"github.com/rapportapp/rapport/storage"
)

// Ref names a figure of the screen so that it can be opened as the inbox
// filter listing exactly the mentions behind it.
type Ref struct {
	Kind  RefKind
	Value string
	// From and To narrow the period to some of its days (a point of a
	// chart: a day or a week); zero: the whole period.
	From, To storage.Day
	// Previous takes the previous period instead.
	Previous bool
}

// RefKind is what a figure counts.
type RefKind string

// The kinds of figures.
const (
	RefAll       RefKind = "all"        // every mention
	RefNetwork   RefKind = "network"    // Value: the network ("" none)
	RefSource    RefKind = "source"     // Value: the source id
	RefIntent    RefKind = "intent"     // Value: the intent
	RefTouch     RefKind = "touchpoint" // Value: the touch point
	RefPolarity  RefKind = "polarity"   // Value: negative, neutral, positive
	RefPromise   RefKind = "promise"    // Value: "in line", "at odds"
	RefAnswered  RefKind = "answered"   // answered mentions
	RefResponder RefKind = "responder"  // answered first by Value ("" for no one named)
	RefWithin1h  RefKind = "within1h"   // answered in less than an hour
	RefWithin24h RefKind = "within24h"  // answered in less than a day
	RefWaiting   RefKind = "waiting"    // new and needs reply, now (ignores the period)
	RefQuery     RefKind = "query"      // Value: a query (share of voice)
)

// FilterFor is the inbox filter that lists the mentions a figure of
// period p counts.
func FilterFor(p Period, r Ref) inbox.Filter {
	if r.Previous {
		p = p.Previous()
	}
	if r.From != 0 || r.To != 0 {
		p = Period{max(p.From, r.From), min(p.To, r.To)}
	}
	f := inbox.Filter{Sort: inbox.SortNewest, From: p.Start(), To: p.End()}
	v := r.Value
	switch r.Kind {
	case RefNetwork:
		f.Platform = &v
	case RefSource:
		f.SourceID = parseID(v)
	case RefIntent:
		f.Intent = v
	case RefTouch:
		f.TouchPoint = v
	case RefPolarity:
		f.Polarity = v
	case RefPromise:
		f.Promise = v
	case RefAnswered:
		f.Answered = inbox.AnsweredYes
	case RefResponder:
		f.AnsweredBy = &v
	case RefWithin1h:
		f.AnsweredWithin = time.Hour
	case RefWithin24h:
		f.AnsweredWithin = 24 * time.Hour
	case RefWaiting:
		return inbox.Filter{Sort: inbox.SortPriority, States: inbox.StateSet{inbox.StateNew, inbox.StateNeedsReply}}
	case RefQuery:
		f.Query = v
	}
	return f
}

func parseID(s string) uint64 {
	var id uint64
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0
		}
		id = id*10 + uint64(c-'0')
	}
	return id
}
