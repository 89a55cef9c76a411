package experiments

import (
	"fmt"
	"math"
	"time"

	"github.com/rapportapp/rapport/app/integrating/stats"
	"github.com/rapportapp/rapport/app/people/advocates"
	"github.com/rapportapp/rapport/storage"
)

// Result is how the variants of an experiment did so far.
type Result struct {
	ID       string          `json:"id"`
	Name     string          `json:"name"`
	State    string          `json:"state"`
	Outcome  string          `json:"outcome"`
	Days     int             `json:"days"`
	Variants []VariantResult `json:"variants"`
	// Best is the variant with the highest rate, Runner the next; Diff is
	// their difference of rates, PValue Fisher's exact two-sided test of
	// the two and Sure the probability that Best really is better.
	Best   string  `json:"best,omitempty"`
	Runner string  `json:"runner,omitempty"`
	Diff   float64 `json:"diff"`
	PValue float64 `json:"p_value"`
	Sure   float64 `json:"sure"`
	// More is about how many more observed replies (all variants) would
	// make the difference significant at 5 % with 80 % power; 0 if it
	// already is or cannot be told.
	More int `json:"more"`
	// Enough is set when every variant has MinPerVariant observations.
	Enough   bool   `json:"enough"`
	Sentence string `json:"sentence"`
}

// VariantResult is one variant's tally.
type VariantResult struct {
	Key       string  `json:"key"`
	Name      string  `json:"name"`
	N         int     `json:"n"`         // replies whose outcome is known
	Successes int     `json:"successes"` // of them, with the outcome
	Pending   int     `json:"pending"`   // replies still within their window
	Rate      float64 `json:"rate"`
	Low       float64 `json:"low"` // 95 % Wilson interval
	High      float64 `json:"high"`
}

// MinPerVariant is how many observations each variant needs before the
// sentence says anything but "not enough data yet".
const MinPerVariant = 10

// Results tallies an experiment from the replies recorded for it.
func (s *Service) Results(e Experiment) (Result, error) {
	r := Result{ID: e.ID, Name: e.Name, State: e.State, Outcome: e.Outcome, Days: e.Days}
	now := s.p.Now()
	tally := map[string]*VariantResult{}
	for _, v := range e.Variants {
		vr := &VariantResult{Key: v.Key, Name: v.Name}
		tally[v.Key] = vr
	}
	err := s.p.Store.View(func(tx *storage.Tx) error {
		xs, err := assigned(tx, e)
		if err != nil {
			return err
		}
		for i := range xs {
			vr := tally[xs[i].Variant]
			if vr == nil {
				continue
			}
			ok, known, err := outcome(tx, e, &xs[i], now)
			if err != nil {
				return err
			}
			switch {
			case ok:
				vr.N++
				vr.Successes++
			case known:
				vr.N++
			default:
				vr.Pending++
			}
		}
		return nil
	})
	for _, v := range e.Variants {
		vr := tally[v.Key]
		if vr.N > 0 {
			vr.Rate = round4(float64(vr.Successes) / float64(vr.N))
		}
		vr.Low, vr.High = stats.Wilson(vr.Successes, vr.N)
		vr.Low, vr.High = round4(vr.Low), round4(vr.High)
		r.Variants = append(r.Variants, *vr)
	}
	r.compare()
	return r, err
}

func round4(f float64) float64 { return math.Round(f*1e4) / 1e4 }

// compare fills the comparison of the best two variants and the sentence.
func (r *Result) compare() {
	if len(r.Variants) < 2 {
		r.Sentence = "An experiment needs two variants."
		return
	}
	best, next := 0, 1
	for i := range r.Variants {
		switch {
		case r.Variants[i].Rate > r.Variants[best].Rate || (r.Variants[i].Rate == r.Variants[best].Rate && r.Variants[i].N > r.Variants[best].N):
			best, next = i, best
		case i != best && (next == best || r.Variants[i].Rate > r.Variants[next].Rate):
			next = i
		}
	}
	if next == best {
		next = (best + 1) % len(r.Variants)
	}
	b, n := r.Variants[best], r.Variants[next]
	r.Best, r.Runner = b.Key, n.Key
	r.Diff = round4(b.Rate - n.Rate)
	r.PValue = stats.Fisher(b.Successes, b.N-b.Successes, n.Successes, n.N-n.Successes)
	r.Sure = round4(stats.ProbBetter(n.Successes, n.N, b.Successes, b.N))
	r.Enough = true
	for _, v := range r.Variants {
		if v.N < MinPerVariant {
			r.Enough = false
		}
	}
	if need := stats.SampleSize(b.Rate, n.Rate); need > 0 && r.PValue >= 0.05 {
		r.More = max(0, 2*need-(b.N+n.N))
	}
	r.Sentence = sentence(r, b, n)
}

func sentence(r *Result, b, n VariantResult) string {
	if !r.Enough {
		return fmt.Sprintf("Not enough data yet: each variant needs at least %d replies whose outcome is known (%s has %d, %s has %d).",
			MinPerVariant, b.Key, b.N, n.Key, n.N)
	}
	if r.Diff == 0 {
		return fmt.Sprintf("%s and %s do equally well so far (%.0f %%); no difference to act on.", b.Key, n.Key, 100*b.Rate)
	}
	s := fmt.Sprintf("%s looks better, %.0f %% sure (%.0f %% against %.0f %%", b.Key, 100*r.Sure, 100*b.Rate, 100*n.Rate)
	if r.PValue < 0.05 {
		return s + fmt.Sprintf("; Fisher's test p = %.3f): keep going with %s.", r.PValue, b.Key)
	}
	if r.More > 0 {
		return s + fmt.Sprintf("); about %d more replies needed to be confident.", r.More)
	}
	return s + "); not yet significant."
}

// outcome tells whether the reply x led to the experiment's outcome, and
// whether that is known yet (a reply still within its window without the
// outcome is not).
func outcome(tx *storage.Tx, e Experiment, x *storage.Interaction, now time.Time) (ok, known bool, err error) {
	end := x.At.Add(time.Duration(e.Days) * 24 * time.Hour)
	known = !end.After(now)
	if x.PersonID == 0 && e.Outcome != OutcomeFollowUp {
		return false, false, nil // nobody to watch
	}
	in := func(t time.Time) bool { return t.After(x.At) && !t.After(end) }
	switch e.Outcome {
	case OutcomeFollowUp:
		ids, err := tx.TaskIDsByMention(x.MentionID)
		if err != nil {
			return false, false, err
		}
		ts, err := tx.Tasks().GetMany(ids)
		for _, t := range ts {
			if t.Done && in(t.DoneAt) {
				return true, true, err
			}
		}
		return false, known, err
	case OutcomeStageUp:
		return watchInteractions(tx, x, in, known, func(y *storage.Interaction) bool {
			from, to, ok := parseStage(y.Note)
			return y.Kind == "stage" && ok && to > from
		})
	}
	ok, decided, err := watchMentions(tx, e.Outcome, x, in)
	if err != nil || decided {
		return ok, true, err
	}
	if e.Outcome == OutcomeSentiment {
		return false, known, nil
	}
	return watchInteractions(tx, x, in, known, func(y *storage.Interaction) bool {
		if y.ID == x.ID || sideOf(y) != advocates.Get {
			return false
		}
		return e.Outcome == OutcomeReturns || y.Kind == "referral" || y.Kind == "review" || y.Kind == "recommend" || y.Kind == "recommendation"
	})
}

// watchMentions looks at the person's mentions after the reply: the first
// one decides the sentiment outcome; any one counts as returning; a
// positive one as recommending.
func watchMentions(tx *storage.Tx, outcome string, x *storage.Interaction, in func(time.Time) bool) (ok, decided bool, err error) {
	ms, _, err := tx.MentionsPage(storage.MentionsByPerson(x.PersonID), nil, 0)
	if err != nil {
		return false, false, err
	}
	for i := len(ms) - 1; i >= 0; i-- { // oldest first
		m := &ms[i]
		if m.ID == x.MentionID || !in(m.Time()) {
			continue
		}
		switch outcome {
		case OutcomeReturns:
			return true, true, nil
		case OutcomeSentiment:
			return m.Analysis.Polarity == "positive", true, nil
		case OutcomeRecommend:
			if m.Analysis.Polarity == "positive" {
				return true, true, nil
			}
		}
	}
	return false, false, nil
}

func watchInteractions(tx *storage.Tx, x *storage.Interaction, in func(time.Time) bool, known bool, hit func(y *storage.Interaction) bool) (bool, bool, error) {
	ids, err := tx.InteractionIDsByPerson(x.PersonID)
	if err != nil {
		return false, false, err
	}
	ys, err := tx.Interactions().GetMany(ids)
	for i := range ys {
		if in(ys[i].At) && hit(&ys[i]) {
			return true, true, err
		}
	}
	return false, known, err
}

func parseStage(note string) (from, to int, ok bool) {
	var a, b string
	if _, err := fmt.Sscanf(note, "stage: %s → %s", &a, &b); err != nil {
		return 0, 0, false
	}
	fa, _ := advocates.ParseStage(a)
	fb, okb := advocates.ParseStage(b)
	return fa.Rank(), fb.Rank(), okb
}

// sideOf is the ledger side of an interaction.
func sideOf(x *storage.Interaction) string {
	if x.Direction == advocates.Give || x.Direction == advocates.Get {
		return x.Direction
	}
	return advocates.Classify(x.Kind)
}
