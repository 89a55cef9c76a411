package advocates

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rapportapp/rapport/app/shared/human"
)

// parts builds the score's parts with their reasons in plain words.
func parts(e *evidence, v [5]float64, p Params, now time.Time) []Part {
	explain := [5]string{explainOnce(e, p, now), explainPeople(e), explainWays(e), explainBalance(e), explainRecency(e, now)}
	names := [5]string{PartOnce, PartPeople, PartWays, PartBalance, PartRecency}
	out := make([]Part, 5)
	for i, w := range p.weights() {
		out[i] = Part{Name: names[i], Explain: explain[i], Value: v[i], Weight: w, Points: v[i] * w * 100}
	}
	return out
}

// explainOnce: "7 positive mentions and 1 referral, most recent 2 days ago:
// as much as 4.3 of the 5 recent ones that earn full points (older ones
// count less)", or "…: enough for full points" once the cap is reached.
func explainOnce(e *evidence, p Params, now time.Time) string {
	if e.good() == 0 {
		return "No positive mentions yet"
	}
	what := list(count(e.posMentions, "positive mention"), count(e.reviews, "review"), count(e.referrals, "referral"))
	head := what + ", most recent " + ago(now.Sub(e.latest))
	if e.decayed >= p.OnceCap {
		return fmt.Sprintf("%s: enough for full points (%s recent ones are; older ones count less)", head, trim(p.OnceCap))
	}
	return fmt.Sprintf("%s: as much as %.1f of the %s recent ones that earn full points (older ones count less)",
		head, e.decayed, trim(p.OnceCap))
}

// explainPeople: "6 conversations in 3 feeds; largest audience 12,400".
func explainPeople(e *evidence) string {
	if len(e.threads) == 0 {
		return "No one reached yet"
	}
	s := count(len(e.threads), "conversation")
	if n := len(e.sources); n > 0 {
		s += " in " + count(n, "feed")
	}
	if e.maxReach > 0 {
		return s + "; largest audience " + human.Int(e.maxReach)
	}
	return s + "; audience size not known"
}

// explainWays: "2 platforms (mastodon, reddit) and 1 format (post)".
func explainWays(e *evidence) string {
	if len(e.platforms) == 0 {
		return "Nowhere yet"
	}
	return fmt.Sprintf("%s (%s) and %s (%s)",
		count(len(e.platforms), "platform"), sortedPlatforms(e.platforms), count(len(e.formats), "format"), sortedKeys(e.formats))
}

// explainBalance: "6 good words, 1 negative".
func explainBalance(e *evidence) string {
	good, neg := e.good(), e.negative
	switch {
	case good == 0 && neg == 0:
		return "No opinions yet"
	case neg == 0:
		return count(good, "good word") + ", none negative"
	case good == 0:
		return "No good words yet, " + strconv.Itoa(neg) + " negative"
	case neg >= good:
		return "As many or more negative than good: " + count(good, "good word") + ", " + strconv.Itoa(neg) + " negative"
	}
	return count(good, "good word") + ", " + strconv.Itoa(neg) + " negative"
}

func explainRecency(e *evidence, now time.Time) string {
	if e.good() == 0 {
		return "No good word yet"
	}
	return "Last good word " + ago(now.Sub(e.latest))
}

// count writes "1 review", "3 reviews".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// list joins the non-empty counts: "a", "a and b", "a, b and c". Counts
// of zero ("0 reviews") are left out.
func list(items ...string) string {
	var keep []string
	for _, s := range items {
		if !strings.HasPrefix(s, "0 ") {
			keep = append(keep, s)
		}
	}
	if len(keep) <= 1 {
		return strings.Join(keep, "")
	}
	return strings.Join(keep[:len(keep)-1], ", ") + " and " + keep[len(keep)-1]
}

func sortedKeys(m map[string]struct{}) string {
	return strings.Join(slices.Sorted(maps.Keys(m)), ", ")
}

// sortedPlatforms names the platforms as people read them ("Hacker News",
// not "hackernews"), in alphabetical order.
func sortedPlatforms(m map[string]struct{}) string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, human.Platform(k))
	}
	slices.SortFunc(names, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	return strings.Join(names, ", ")
}

// trim writes a cap without needless decimals: 5, 2.5.
func trim(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// ago says how long ago in words: "today", "yesterday", "5 days ago",
// "3 weeks ago", "4 months ago", "2 years ago".
func ago(d time.Duration) string {
	days := int(d.Hours() / 24)
	switch {
	case days < 1:
		return "today"
	case days < 2:
		return "yesterday"
	case days < 14:
		return strconv.Itoa(days) + " days ago"
	case days < 60:
		return strconv.Itoa(days/7) + " weeks ago"
	case days < 730:
		return strconv.Itoa(days/30) + " months ago"
	}
	return strconv.Itoa(days/365) + " years ago"
}

// times writes a repeat count in words: "once", "twice", "three times".
func times(n int) string {
	words := [...]string{
		"never", "once", "twice", "three times", "four times", "five times", "six times",
		"seven times", "eight times", "nine times", "ten times",
	}
	if n >= 0 && n < len(words) {
		return words[n]
	}
	return strconv.Itoa(n) + " times"
}

func u64(n uint64) string { return strconv.FormatUint(n, 10) }
