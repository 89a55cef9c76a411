package understand

import (
	"math"
	"strconv"
	"strings"

	"github.com/rapportapp/rapport/app/understanding/analyze"
	"github.com/rapportapp/rapport/storage"
)

// The priority score (0–100) is the sum of the parts below, computed at
// ingest; the inbox then weighs it by age (Current), so a fresh question
// comes before last week's complaint. docs/understanding.md explains it.
var intentPoints = map[string]float64{
	analyze.Churn: 36, analyze.Complaint: 32, analyze.Purchase: 26, analyze.Question: 22,
	analyze.Buy: 20, analyze.Referral: 16, analyze.Know: 12, analyze.Go: 12, analyze.Do: 12, analyze.Praise: 10,
}

const (
	maxIntentPoints   = 44  // the strongest intent, plus 4 for each other, up to this
	negativePoints    = 20  // × intensity of a negative mention
	positivePoints    = 6   // × intensity of a positive mention
	reachPoints       = 10  // × log-scaled reach (followers or views)
	reachCap          = 1e5 // reach at which the reach part is full
	atOddsPoints      = 8   // the mention says we broke our promise
	halfLifeHours     = 24  // age at which a mention counts 3/4 (see Current)
	maxAuthorPoints   = 14
	customerPoints    = 10
	contactPoints     = 6
	notAnalysedPoints = 8 // languages we cannot read still deserve a look
)

// authorPoints rates who the author is to us.
func authorPoints(p *storage.Person) (float64, string) {
	if p == nil {
		return 0, "stranger"
	}
	switch strings.ToLower(p.Stage) {
	case "champion", "advocate":
		return maxAuthorPoints, "advocate"
	case "customer", "fan":
		return customerPoints, "customer"
	}
	if p.Contact {
		return contactPoints, "contact"
	}
	return 0, "stranger"
}

// score computes the base priority and its reason from an analysis.
func score(a storage.Analysis, author *storage.Person, reach int) (float64, string) {
	var why []string
	pts := 0.0
	if len(a.Intents) > 0 {
		best, extra := 0.0, 0.0
		for _, in := range a.Intents {
			p := intentPoints[in]
			extra += 4
			if p > best {
				best = p
			}
		}
		pts += math.Min(best+extra-4, maxIntentPoints)
		why = append(why, strings.Join(a.Intents, ", "))
	}
	switch {
	case !a.Analysed:
		pts += notAnalysedPoints
		why = append(why, "not analysed")
	case a.Polarity == "negative":
		pts += negativePoints * math.Abs(a.Sentiment)
		why = append(why, "negative")
	case a.Polarity == "positive":
		pts += positivePoints * math.Abs(a.Sentiment)
		why = append(why, "positive")
	default:
		why = append(why, "neutral")
	}
	if a.Promise == analyze.PromiseAtOdds {
		pts += atOddsPoints
		why = append(why, "at odds with our promise")
	}
	ap, who := authorPoints(author)
	pts += ap
	why = append(why, who)
	if reach > 0 {
		pts += reachPoints * math.Min(1, math.Log10(1+float64(reach))/math.Log10(1+reachCap))
		why = append(why, "reach "+compact(reach))
	}
	return math.Round(math.Min(pts, 100)*10) / 10, strings.Join(why, " · ")
}

// Current weighs a base priority by age: a mention counts fully when new,
// 3/4 after a day, and never less than half, so the inbox's "priority"
// order still favours what is happening now. ageHours < 0 counts as 0.
func Current(base, ageHours float64) float64 {
	if ageHours < 0 {
		ageHours = 0
	}
	return base * (0.5 + 0.5*math.Exp2(-ageHours/halfLifeHours))
}

func compact(n int) string {
	switch {
	case n >= 1_000_000:
		return oneDecimal(float64(n)/1e6) + "M"
	case n >= 1000:
		return oneDecimal(float64(n)/1e3) + "k"
	}
	return strconv.Itoa(n)
}

func oneDecimal(f float64) string {
	return strings.TrimSuffix(strconv.FormatFloat(f, 'f', 1, 64), ".0")
}
