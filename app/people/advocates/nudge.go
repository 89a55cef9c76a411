package advocates

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rapportapp/rapport/storage"
)

// Nudge is a suggested next step with one person.
type Nudge struct {
	Kind      string // one of the Nudge… kinds
	Text      string // what the contact page shows
	Priority  int    // 1 is the most urgent
	MentionID uint64 // the mention it is about, if any
}

// The nudge kinds.
const (
	NudgeReachOut = "reach-out"          // a fan said something negative lately
	NudgeAskFirst = "give-before-asking" // two or more asks without an answer
	NudgeThank    = "thank"              // three or more recommendations since our last thanks
	NudgeCheckIn  = "check-in"           // a fan has gone quiet
	NudgeGiveBack = "give-back"          // they give far more than we do
)

// The windows the nudges look at.
const (
	RecentWindow  = 14 * 24 * time.Hour // "recently", and how long a give keeps a check-in quiet
	SilenceWindow = 60 * 24 * time.Hour // how long a fan may be quiet before we check in
)

// Nudges suggests next steps with one person, most urgent first. l is
// their ledger (BuildLedger of in.Interactions). docs/advocates.md lists
// when each nudge fires and when it stays quiet.
func Nudges(in Inputs, l Ledger) []Nudge {
	now := in.Now
	if now.IsZero() {
		now = time.Now()
	}
	var out []Nudge
	if n, ok := reachOut(&in, &l, now); ok {
		out = append(out, n)
	}
	if n, ok := askFirst(&l, now); ok {
		out = append(out, n)
	}
	thank, thanked := thankThem(&in, &l, now)
	if thanked {
		out = append(out, thank)
	}
	if n, ok := checkIn(&in, &l, now); ok {
		out = append(out, n)
	}
	if n, ok := giveBack(&l); ok && !thanked { // thanking them is the way to give back
		out = append(out, n)
	}
	slices.SortStableFunc(out, func(a, b Nudge) int { return cmp.Compare(a.Priority, b.Priority) })
	return out
}

// reachOut fires for the newest negative mention of the last RecentWindow
// when its author was a fan then and we have given nothing since.
func reachOut(in *Inputs, l *Ledger, now time.Time) (Nudge, bool) {
	var bad *storage.Mention
	for i := range in.Mentions {
		m := &in.Mentions[i]
		t := m.Time()
		if t.After(now) || now.Sub(t) > RecentWindow || !read(m).negative {
			continue
		}
		if bad == nil || t.After(bad.Time()) {
			bad = m
		}
	}
	if bad == nil || !isFan(in, bad.Time()) || l.LastGive.After(bad.Time()) {
		return Nudge{}, false
	}
	return Nudge{Kind: NudgeReachOut, Text: "Something went wrong for a fan — reach out.", Priority: 1, MentionID: bad.ID}, true
}

// isFan says whether the person was a fan at t: the owner made them an
// advocate or champion (or calls them a fan), or they had said at least
// two good words before t.
func isFan(in *Inputs, t time.Time) bool {
	if st, _ := ParseStage(in.Person.Stage); st == Advocate || st == Champion {
		return true
	}
	if strings.EqualFold(strings.TrimSpace(in.Person.Stage), "fan") {
		return true
	}
	ev := gather(prepare(in), t.Add(-time.Nanosecond), time.Hour)
	return ev.good() >= 2
}

// askFirst fires when two or more asks have had no get after them and we
// have not given since the latest ask.
func askFirst(l *Ledger, now time.Time) (Nudge, bool) {
	asks := 0
walk:
	for _, e := range l.Entries {
		if e.Interaction.At.After(now) {
			continue
		}
		switch e.Direction {
		case Get:
			break walk
		case Give:
			if asks == 0 {
				return Nudge{}, false
			}
		case Ask:
			asks++
		}
	}
	if asks < 2 {
		return Nudge{}, false
	}
	return Nudge{
		Kind: NudgeAskFirst, Priority: 2,
		Text: "You asked " + times(asks) + " without an answer — give before you ask again.",
	}, true
}

// thankThem fires when they recommended or referred us three or more
// times since our last thanks (a thank-you or a gift): referral and
// recommendation gets, and positive mentions telling others to try us, a
// mention and a get linked to it counting once.
func thankThem(in *Inputs, l *Ledger, now time.Time) (Nudge, bool) {
	var since time.Time
	for _, e := range l.Entries {
		if e.Direction == Give && thankKinds[normKind(e.Interaction.Kind)] && !e.Interaction.At.After(now) {
			since = e.Interaction.At
			break
		}
	}
	n, linked := 0, map[uint64]bool{}
	for _, e := range l.Entries {
		x := &e.Interaction
		if e.Direction == Get && referralKinds[normKind(x.Kind)] && x.At.After(since) && !x.At.After(now) {
			n++
			linked[x.MentionID] = x.MentionID != 0
		}
	}
	for i := range in.Mentions {
		m := &in.Mentions[i]
		if t := m.Time(); t.After(since) && !t.After(now) && read(m).referral && !(m.ID != 0 && linked[m.ID]) {
			n++
		}
	}
	if n < 3 {
		return Nudge{}, false
	}
	return Nudge{Kind: NudgeThank, Priority: 2, Text: "They recommended you " + times(n) + " — thank them."}, true
}

// checkIn fires when a fan has not been heard from (no mention, no get)
// for SilenceWindow and we have given nothing in the last RecentWindow.
func checkIn(in *Inputs, l *Ledger, now time.Time) (Nudge, bool) {
	var heard time.Time
	for i := range in.Mentions {
		if t := in.Mentions[i].Time(); t.After(heard) && !t.After(now) {
			heard = t
		}
	}
	if l.LastGet.After(heard) && !l.LastGet.After(now) {
		heard = l.LastGet
	}
	quiet := now.Sub(heard)
	if heard.IsZero() || quiet < SilenceWindow || now.Sub(l.LastGive) < RecentWindow || !isFan(in, now) {
		return Nudge{}, false
	}
	text := fmt.Sprintf("Haven't heard from %s in %d days — check in.", nameOf(&in.Person), int(quiet.Hours()/24))
	return Nudge{Kind: NudgeCheckIn, Priority: 3, Text: text}, true
}

// giveBack fires when they have given at least three more times than we
// have, and at least twice as often.
func giveBack(l *Ledger) (Nudge, bool) {
	if l.Gets-l.Gives < 3 || l.Gets < 2*l.Gives {
		return Nudge{}, false
	}
	text := "They gave " + times(l.Gets) + ", you gave " + times(l.Gives) + " — give something back."
	if l.Gives == 0 {
		text = "They gave " + times(l.Gets) + " and you haven't yet — give something back."
	}
	return Nudge{Kind: NudgeGiveBack, Priority: 3, Text: text}, true
}

// nameOf is how a nudge names a person: their name, else their first
// handle, else "them".
func nameOf(p *storage.Person) string {
	if s := strings.TrimSpace(p.Name); s != "" {
		return s
	}
	if len(p.Handles) > 0 && p.Handles[0].Handle != "" {
		return p.Handles[0].Handle
	}
	return "them"
}
