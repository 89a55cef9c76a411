package advocates

import (
	"math"
	"strconv"
	"time"

	"github.com/rapportapp/rapport/storage"
)

// signalKind is what one record says about the person.
type signalKind uint8

const (
	sOther    signalKind = iota // an interaction that is not a good word or a purchase
	sPositive                   // a positive mention
	sNegative                   // a negative mention
	sReview                     // a review they gave us
	sReferral                   // a referral or recommendation
	sPurchase                   // a purchase
)

// signal is one dated record, read once (prepare) and then counted as of
// any moment (gather): the trend is the same computation as of an earlier
// moment.
type signal struct {
	at         time.Time
	kind       signalKind
	mentionRef bool  // a positive mention telling others to try us
	where      place // for good words
	sources    []uint64
	reach      int
}

// prepare reads a person's records. Undated records are left out: we
// cannot age them. Neutral mentions say nothing here. A get linked to a
// positive mention (MentionID) is the same good word and counts as a
// plain interaction.
func prepare(in *Inputs) []signal {
	said := make([]Said, 0, len(in.Mentions))
	for i := range in.Mentions {
		if s, ok := Read(&in.Mentions[i], i); ok {
			said = append(said, s)
		}
	}
	return signals(said, in.Interactions)
}

// Said is what one mention says about its author, as the score counts it:
// nothing is kept of a neutral or undated mention, and of the others only
// the few fields the score reads. Scoring everyone at once keeps these
// instead of the mentions (ComputeSaid).
type Said struct {
	sig signal
	id  uint64 // the mention's (a positive one's links interactions to it)
}

// Read reads one mention of a person; i is its place among theirs (it
// names the mention's own conversation when it has no link). ok is false
// when the mention says nothing to the score.
func Read(m *storage.Mention, i int) (s Said, ok bool) {
	t, r := m.Time(), read(m)
	switch {
	case t.IsZero():
		return s, false
	case r.negative:
		return Said{sig: signal{at: t, kind: sNegative}, id: m.ID}, true
	case r.positive:
		sig := signal{at: t, kind: sPositive, mentionRef: r.referral, where: placeOf(m), sources: m.SourceIDs, reach: m.Reach}
		if sig.where.thread == "" { // no link: its own conversation ('#': no host starts so)
			if m.ID != 0 {
				sig.where.thread = "#" + strconv.FormatUint(m.ID, 10)
			} else {
				sig.where.thread = "#@" + strconv.Itoa(i)
			}
		}
		return Said{sig: sig, id: m.ID}, true
	}
	return s, false
}

// At is when the mention was said.
func (s Said) At() time.Time { return s.sig.at }

// ID is the mention's id.
func (s Said) ID() uint64 { return s.id }

// signals are the dated records of a person: what their mentions said and
// their interactions.
func signals(said []Said, xs []storage.Interaction) []signal {
	sigs := make([]signal, 0, len(said)+len(xs))
	var positive map[uint64]bool
	for _, s := range said {
		sigs = append(sigs, s.sig)
		if s.sig.kind == sPositive && s.id != 0 {
			if positive == nil {
				positive = map[uint64]bool{}
			}
			positive[s.id] = true
		}
	}
	for i := range xs {
		if x := &xs[i]; !x.At.IsZero() {
			sigs = append(sigs, interactionSignal(x, i, x.MentionID != 0 && positive[x.MentionID]))
		}
	}
	return sigs
}

func interactionSignal(x *storage.Interaction, i int, linked bool) signal {
	s := signal{at: x.At}
	if side(x) != Get {
		return s
	}
	k := normKind(x.Kind)
	switch {
	case purchaseKinds[k]:
		s.kind = sPurchase
	case !advocacyKinds[k] || linked:
	case k == "review":
		s.kind = sReview
	default:
		s.kind = sReferral
	}
	if s.kind == sReview || s.kind == sReferral {
		s.where.platform, s.where.format = wayOf(x)
		s.where.thread = "i" + strconv.Itoa(i) // a review or referral reaches its own audience
	}
	return s
}

// evidence is what a person's signals add up to as of one moment.
type evidence struct {
	posMentions int // positive mentions
	reviews     int // review gets
	referrals   int // referral and recommendation gets
	mentionRefs int // positive mentions that tell others to try us
	negative    int // negative mentions
	purchases   int // purchase gets
	interacted  int // interactions of any kind
	decayed     float64
	latest      time.Time // newest good word
	maxReach    int
	threads     map[string]struct{}
	sources     map[uint64]struct{}
	platforms   map[string]struct{}
	formats     map[string]struct{}
}

// good is the number of good words: positive mentions and advocacy gets.
func (e *evidence) good() int { return e.posMentions + e.reviews + e.referrals }

// gather adds up the signals dated up to asOf.
func gather(sigs []signal, asOf time.Time, halfLife time.Duration) evidence {
	e := evidence{
		threads: map[string]struct{}{}, sources: map[uint64]struct{}{},
		platforms: map[string]struct{}{}, formats: map[string]struct{}{},
	}
	for i := range sigs {
		s := &sigs[i]
		if s.at.After(asOf) {
			continue
		}
		switch s.kind {
		case sNegative:
			e.negative++
			continue
		case sPositive:
			e.posMentions++
		case sReview:
			e.reviews++
		case sReferral:
			e.referrals++
		case sPurchase:
			e.purchases++
		}
		if s.kind != sPositive {
			e.interacted++
		}
		if s.kind == sPositive || s.kind == sReview || s.kind == sReferral {
			e.addGood(s, asOf.Sub(s.at), halfLife)
		}
	}
	return e
}

func (e *evidence) addGood(s *signal, age, halfLife time.Duration) {
	if s.mentionRef {
		e.mentionRefs++
	}
	e.decayed += decay(age, halfLife)
	if s.at.After(e.latest) {
		e.latest = s.at
	}
	e.threads[s.where.thread] = struct{}{}
	for _, id := range s.sources {
		e.sources[id] = struct{}{}
	}
	e.maxReach = max(e.maxReach, s.reach)
	e.platforms[s.where.platform] = struct{}{}
	e.formats[s.where.format] = struct{}{}
}

// decay is exp(-ln2·age/halfLife): 1 now, ½ after one half-life.
func decay(age, halfLife time.Duration) float64 {
	if halfLife <= 0 {
		return 1
	}
	return math.Exp(-math.Ln2 * float64(age) / float64(halfLife))
}
