package routing

import (
	"strconv"
	"strings"
)

// intentWords names intents in plain words: the plural for rules
// ("complaints or churn risk") and the singular for one mention ("a
// complaint"). The micro-moments use Google's names for them.
var intentWords = map[string]struct{ plural, singular string }{
	"complaint": {"complaints", "complaint"},
	"question":  {"questions", "question"},
	"praise":    {"praise", "praise"},
	"purchase":  {"purchases", "purchase"},
	"referral":  {"referrals", "referral"},
	"churn":     {"churn risk", "churn risk"},
	"know":      {"want-to-know moments", "want-to-know moment"},
	"go":        {"want-to-go moments", "want-to-go moment"},
	"do":        {"want-to-do moments", "want-to-do moment"},
	"buy":       {"want-to-buy moments", "want-to-buy moment"},
}

func intentPlural(in string) string {
	if w, ok := intentWords[strings.ToLower(strings.TrimSpace(in))]; ok {
		return w.plural
	}
	return strings.TrimSpace(in)
}

func intentSingular(in string) string {
	if w, ok := intentWords[strings.ToLower(strings.TrimSpace(in))]; ok {
		return w.singular
	}
	return strings.TrimSpace(in)
}

// Explain says in one line what r does, for a list of rules and for the
// "why" of an assignment:
//
//	complaints or churn risk about delivery/shipping, negative → Kim Park
//
// Sources and watch rules are counted, not named; ExplainNamed names them.
func Explain(r Rule) string { return ExplainNamed(r, nil, nil) }

// ExplainNamed is Explain with names for sources and watch rules; either
// function may be nil, and one that returns "" falls back to the number.
func ExplainNamed(r Rule, sourceName, watchRuleName func(id uint64) string) string {
	var b strings.Builder
	sentiment := strings.ToLower(strings.TrimSpace(r.Sentiment))
	switch {
	case len(r.Intents) > 0:
		b.WriteString(orList(r.Intents, intentPlural))
	case r.Unconditional():
		b.WriteString("every mention")
	case sentiment != "":
		b.WriteString(sentiment + " mentions")
		sentiment = "" // said already
	default:
		b.WriteString("mentions")
	}
	if len(r.TouchPoints) > 0 {
		b.WriteString(" about " + orList(r.TouchPoints, strings.TrimSpace))
	}
	if len(r.SourceIDs) > 0 {
		b.WriteString(" from " + namedIDs(r.SourceIDs, sourceName, "source", "sources"))
	}
	if len(r.RuleIDs) > 0 {
		b.WriteString(" matching " + namedIDs(r.RuleIDs, watchRuleName, "watch rule", "watch rules"))
	}
	if sentiment != "" {
		b.WriteString(", " + sentiment)
	}
	if r.MinPriority > 0 {
		b.WriteString(", priority " + strconv.FormatFloat(r.MinPriority, 'f', -1, 64) + " or more")
	}
	owner := strings.TrimSpace(r.Owner)
	if owner == "" {
		owner = "nobody yet"
	}
	b.WriteString(" → " + owner)
	if r.Disabled {
		b.WriteString(" (turned off)")
	}
	return b.String()
}

// orList joins words as "a, b or c".
func orList(items []string, word func(string) string) string {
	words := make([]string, 0, len(items))
	for _, it := range items {
		if w := word(it); w != "" {
			words = append(words, w)
		}
	}
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// namedIDs names ids with name, or counts them ("2 chosen sources") when
// any has no name.
func namedIDs(ids []uint64, name func(uint64) string, one, many string) string {
	if name != nil {
		names := make([]string, 0, len(ids))
		for _, id := range ids {
			n := strings.TrimSpace(name(id))
			if n == "" {
				break
			}
			names = append(names, n)
		}
		quote := func(s string) string { return "“" + s + "”" }
		switch {
		case len(names) != len(ids):
		case len(ids) == 1:
			return one + " " + quote(names[0])
		default:
			return many + " " + orList(names, quote)
		}
	}
	if len(ids) == 1 {
		return "1 chosen " + one
	}
	return strconv.Itoa(len(ids)) + " chosen " + many
}
