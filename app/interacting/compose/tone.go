package compose

import (
	"cmp"
	"slices"
	"strings"

	"github.com/rapportapp/rapport/app/understanding/analyze"
)

// Flag kinds.
const (
	FlagShouting      = "shouting"
	FlagExclamation   = "exclamation"
	FlagHardSell      = "hard-sell"
	FlagLinks         = "links"
	FlagHashtags      = "hashtags"
	FlagAskBeforeGive = "ask-before-give"
	FlagNegative      = "negative"
)

// ToneReport is how a draft may come across.
type ToneReport struct {
	// Sentiment is the draft's score in [-1, 1] from package analyze; 0
	// with Polarity "" when there is no analyser or the draft is not
	// English enough to score.
	Sentiment float64
	Polarity  string // "negative", "neutral", "positive" or ""
	Flags     []Flag // in the order they appear in the draft
}

// Flag is one thing in a draft worth a second look.
type Flag struct {
	Kind       string
	Text       string // the words flagged: text[Start:End]
	Start, End int    // byte offsets into the draft
	Advice     string // what to do, in plain words
}

// ToneOptions tune the tone check; ToneOptionsFor gives the defaults.
type ToneOptions struct {
	// MaxLinks is how many links a reply may carry before it looks like
	// marketing: 1 on social platforms, 2 in email and long-form replies.
	// A negative value (here and in MaxHashtags) turns the rule off.
	MaxLinks int
	// MaxHashtags is how many hashtags a reply may carry: 2. Hashtags
	// help a post be found; a reply to one person needs none, and a
	// string of them reads as a campaign.
	MaxHashtags int
	// Acronyms are extra words that may be written in capitals, such as
	// the brand's own name ("IKEA") or product codes.
	Acronyms []string
	// NegativeBelow is the sentiment under which the draft is flagged:
	// -0.3. VADER's "negative" starts at -0.05, but a reply that
	// acknowledges a problem ("sorry the coffee was cold") naturally sits
	// a little below zero; -0.3 is where a draft reads as clearly
	// negative rather than sympathetic.
	NegativeBelow float64
}

// ToneOptionsFor returns the options for a platform.
func ToneOptionsFor(platformID string) ToneOptions {
	o := ToneOptions{MaxLinks: 1, MaxHashtags: 2, NegativeBelow: -0.3}
	switch platformID {
	case PlatformEmail, PlatformReddit, PlatformLinkedIn:
		o.MaxLinks = 2
	}
	return o
}

// Tone checks a draft with the default options. a may be nil, which skips
// the sentiment score; share one Analyzer across calls. On a 280-character
// draft the rules take about 12 µs and the analyser about 60 µs, so the
// whole check fits in a keystroke; for Reddit-length drafts (a few ms)
// run the rules per keystroke (a == nil) and the score after a pause.
func Tone(text string, a *analyze.Analyzer) ToneReport {
	return ToneWith(text, a, ToneOptionsFor(""))
}

// ToneWith checks a draft; tone_check.go has each rule and its reasons.
func ToneWith(text string, a *analyze.Analyzer, o ToneOptions) ToneReport {
	var linkBuf [8]span
	var wordBuf [64]word
	d := draft{text: text, opt: &o}
	d.links = findURLs(text, true, linkBuf[:0])
	d.words = splitWords(text, d.links, wordBuf[:0])
	var r ToneReport
	if a != nil {
		r.Sentiment, r.Polarity = d.sentiment(a)
	}
	d.shouting()
	d.exclamations()
	d.hardSell()
	d.tooMany(FlagLinks, d.links, o.MaxLinks, linksAdviceFor(o.MaxLinks))
	d.tooMany(FlagHashtags, d.hashtagSpans(), o.MaxHashtags, hashtagsAdvice)
	d.askBeforeGive()
	slices.SortStableFunc(d.flags, func(x, y Flag) int { return cmp.Compare(x.Start, y.Start) })
	r.Flags = d.flags
	return r
}

// draft is the working state of one tone check.
type draft struct {
	text  string
	opt   *ToneOptions
	links []span
	words []word
	flags []Flag
}

func (d *draft) flag(kind string, start, end int, advice string) {
	d.flags = append(d.flags, Flag{Kind: kind, Text: d.text[start:end], Start: start, End: end, Advice: advice})
}

// isAcronym reports a word that may be written in capitals.
func (d *draft) isAcronym(key string) bool {
	if acronyms[key] {
		return true
	}
	for _, a := range d.opt.Acronyms {
		if strings.EqualFold(a, key) {
			return true
		}
	}
	return false
}

// sentiment scores the draft and flags it when clearly negative.
func (d *draft) sentiment(a *analyze.Analyzer) (float64, string) {
	res := a.Analyze(d.text)
	if !res.Analysed {
		return 0, ""
	}
	if res.Sentiment < d.opt.NegativeBelow {
		d.negative(res)
	}
	return res.Sentiment, res.Polarity
}

// negative flags a clearly negative draft at its most negative words,
// unless it apologises and says what happens next: then the negative
// words are the acknowledgement a good reply needs.
func (d *draft) negative(res analyze.Result) {
	apology := d.firstPhrase(apologyPhrases) >= 0
	if apology && d.firstPhrase(nextStepPhrases) >= 0 {
		return
	}
	start, end := 0, len(d.text)
	worst := 0.0
	for _, c := range res.Cues {
		if (c.Kind == analyze.CueLexicon || c.Kind == analyze.CueEmoji) && c.Weight < worst &&
			c.Start >= 0 && c.End <= len(d.text) && c.Start < c.End {
			start, end, worst = c.Start, c.End, c.Weight
		}
	}
	advice := negativeAdvice
	if apology {
		advice = apologyAdvice
	}
	d.flag(FlagNegative, start, end, advice)
}

// firstPhrase returns the index of the first word where a phrase of set
// starts, or -1.
func (d *draft) firstPhrase(set phraseSet) int {
	for i := range d.words {
		if set.match(d.words, i) > 0 {
			return i
		}
	}
	return -1
}
