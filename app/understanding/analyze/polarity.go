package analyze

import "math"

// The polarity class is read from the words' score and from what the post
// does. The score (Sentiment, VADER's compound) measures the tone of the
// words; the class says whether the post is negative, neutral or positive
// for the business. They differ where the words mislead: a complaint told
// as plain fact ("ordered a soda and got a cup of water", score 0) is
// negative; praise without sentiment words ("we are customers for life")
// is positive; a question with a mild praise word ("is the decaf any
// good?") is neutral. A strong score is left as it is.

// firmScore is the strength of words that a complaint or praise does not
// overrule, firmQuestion that a question does not: a long question post
// gathers praise words it does not mean ("is it actually good or just
// pretty bags and a long line?"). Measured on the labelled posts' train
// split, the sample workspace's labels and the 4,200 tweets
// (docs/understanding.md); the tweets' score, and so their r, is not
// changed by the reading.
const (
	firmScore    = 0.5
	firmQuestion = 0.7
)

// readPolarity sets res.Polarity from its score and intents, and adds a
// cue when the reading differs from the score's class.
func readPolarity(res *Result) {
	c := res.Sentiment
	complaint := res.Has(Complaint)
	praise := res.Has(Praise) || res.Has(Referral)
	var class, why string
	switch {
	case complaint && !praise && c < firmScore:
		class, why = "negative", "a complaint"
	case praise && !complaint && c > -firmScore:
		class, why = "positive", "praise"
	case res.Has(Question) && !complaint && !praise && math.Abs(c) < firmQuestion:
		class, why = "neutral", "a question without complaint or praise"
	default:
		return
	}
	if class == res.Polarity {
		return
	}
	res.Polarity = class
	res.Cues = append(res.Cues, Cue{
		Kind: CueContext, Weight: c,
		Note: "read as " + class + ": " + why + " (the words alone score " + signed(c) + ")",
	})
}
