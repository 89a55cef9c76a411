package analyze

import (
	"strconv"
	"strings"
)

// Cue kinds.
const (
	CueLexicon    = "lexicon"
	CueEmoji      = "emoji"
	CueNegation   = "negation"
	CueBooster    = "booster"
	CueBut        = "but"
	CueCaps       = "caps"
	CuePunct      = "punct"
	CueContext    = "context"
	CueSarcasm    = "sarcasm"
	CueIntent     = "intent"
	CueTouchPoint = "touchpoint"
	CuePromise    = "promise"
	CueIgnored    = "ignored" // not the author's words: a quote, reply header, signature or name
	CueModel      = "model"   // a word that weighed most in the learned model's decision
)

// Cue is one piece of evidence: the words in the post (by byte offsets) that
// moved the score or fired a label, with a note in plain words.
type Cue struct {
	Kind       string
	Text       string
	Start, End int // byte offsets into the analysed text; Text == text[Start:End]
	Weight     float64
	Note       string
}

// Label is an intent or touch point with the cue that fired it.
type Label struct {
	Name string
	Cue  Cue
}

// Promise verdicts.
const (
	PromiseInLine = "in line"
	PromiseAtOdds = "at odds"
)

// Result is what Analyze finds in one post.
type Result struct {
	Analysed bool
	Lang     string // "en", "und" (too little text to tell, analysed as English) or the detected language
	Reason   string // why the post was not analysed
	// Sentiment is VADER's compound score in [-1, 1].
	Sentiment float64
	// Polarity is "negative" (≤ -NeutralBand), "neutral" or "positive" (≥ NeutralBand).
	Polarity string
	// Intensity is the strength of the sentiment whatever its sign, in [0, 1].
	Intensity   float64
	Intents     []Label
	TouchPoints []Label
	Promise     string // "", PromiseInLine or PromiseAtOdds
	Cues        []Cue
}

// Has reports whether the result carries the named intent.
func (r Result) Has(intent string) bool {
	for _, l := range r.Intents {
		if l.Name == intent {
			return true
		}
	}
	return false
}

// Summary is a one-line, Markdown-friendly description, such as
// "complaint, question · negative (-0.62) · delivery/shipping".
func (r Result) Summary() string {
	if !r.Analysed {
		return "not analysed: " + r.Reason
	}
	var parts []string
	if len(r.Intents) > 0 {
		parts = append(parts, labelNames(r.Intents))
	}
	parts = append(parts, r.Polarity+" ("+strconv.FormatFloat(r.Sentiment, 'f', 2, 64)+")")
	if len(r.TouchPoints) > 0 {
		parts = append(parts, labelNames(r.TouchPoints))
	}
	if r.Promise != "" {
		parts = append(parts, r.Promise+" with our promise")
	}
	return strings.Join(parts, " · ")
}

func labelNames(ls []Label) string {
	names := make([]string, len(ls))
	for i, l := range ls {
		names[i] = l.Name
	}
	return strings.Join(names, ", ")
}

// NeutralBand is the half-width of the neutral class around 0. VADER's
// convention is ±0.05; Rapport's fixes push mild questions and mentions
// further from zero, and ±0.15 measured better on held-out tweets (odd
// rows, band chosen on even rows) and on the sample workspace's labels:
// see docs/understanding.md.
const NeutralBand = 0.15

// polarityOf maps a compound score to its class.
func polarityOf(compound float64) string {
	switch {
	case compound >= NeutralBand:
		return "positive"
	case compound <= -NeutralBand:
		return "negative"
	}
	return "neutral"
}
