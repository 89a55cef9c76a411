package analyze

import (
	"strings"
	"testing"
)

// cueOf returns the first cue of kind whose text is word ("" = any).
func cueOf(r Result, kind, word string) (Cue, bool) {
	for _, c := range r.Cues {
		if c.Kind == kind && (word == "" || strings.EqualFold(c.Text, word)) {
			return c, true
		}
	}
	return Cue{}, false
}

func TestSentimentCues(t *testing.T) {
	a := New(DefaultConfig())
	tests := []struct {
		name      string
		text      string
		sign      int    // -1, 0, +1
		cueKind   string // a cue that must be present
		cueText   string
		notePart  string // part of that cue's note
		compareTo string // optional: must score strictly lower (sign<0) or higher (sign>0) in magnitude than this text
	}{
		{"plain positive", "The coffee was good.", 1, CueLexicon, "good", "+1.90", ""},
		{"negation flips", "The coffee was not good.", -1, CueNegation, "not", "'not' flips 'good'", ""},
		{"curly apostrophe negates", "The coffee wasn’t good.", -1, CueNegation, "wasn’t", "flips", ""},
		{"booster", "The coffee was very good.", 1, CueBooster, "very", "'very' boosts 'good'", "The coffee was good."},
		{"dampener", "The coffee was slightly good.", 1, CueBooster, "slightly", "softens", ""},
		{"but shifts weight", "The cake was great but the coffee was awful.", -1, CueBut, "but", "strengthens what follows", ""},
		{"caps emphasis", "The coffee was GOOD today.", 1, CueCaps, "GOOD", "ALL CAPS", "The coffee was good today."},
		{"exclamation emphasis", "The coffee was good!!!", 1, CuePunct, "!!!", "adds emphasis", "The coffee was good"},
		{"emoji", "new blend 😍", 1, CueEmoji, "😍", "", ""},
		{"heart with variation selector", "thank you ❤️", 1, CueEmoji, "❤️", "", ""},
		{"rolling eyes", "service today 🙄", -1, CueEmoji, "🙄", "", ""},
		{"emoticon smile", "see you tomorrow :)", 1, CueLexicon, ":)", "", ""},
		{"emoticon nose", "see you tomorrow :-)", 1, CueLexicon, ":-)", "", ""},
		{"emoticon sad", "no oat milk left :(", -1, CueLexicon, ":(", "", ""},
		{"emoticon heart", "Little Fern <3", 1, CueLexicon, "<3", "", ""},
		{"emoticon glued", "see you tomorrow:)", 1, CueLexicon, ":)", "", ""},
		{"horrified D:", "they closed early D:", -1, CueLexicon, "D:", "", ""},
		{"slang meh", "meh", -1, CueLexicon, "meh", "", ""},
		{"slang lit", "this place is lit", 1, CueLexicon, "lit", "", ""},
		{"slang mid", "the new latte is mid", -1, CueLexicon, "mid", "", ""},
		{"slang slaps", "that pistachio latte slaps", 1, CueLexicon, "slaps", "", ""},
		{"fire as slang", "this espresso is fire", 1, CueContext, "fire", "slang", ""},
		{"elongation", "sooo goooood", 1, CueBooster, "sooo", "boosts", ""},
		{"like is not liking", "it looks like rain", 0, CueContext, "like", "not the verb", ""},
		{"I like", "I like the new cups", 1, CueLexicon, "like", "", ""},
		{"would like asks", "I would like a refund", 0, CueContext, "like", "asks for something", ""},
		{"can't wait", "can't wait to try it", 1, CueContext, "wait", "eagerness", ""},
		{"couldn't be happier", "couldn't be happier with my order", 1, CueContext, "happier", "praise", ""},
		{"no no no stays negative", "no no no", -1, CueLexicon, "no", "", ""},
		{"negation stays in its clause", "I don't know, the coffee is great", 1, CueLexicon, "great", "", ""},
		{"sarcasm", "Oh great, another late delivery", -1, CueSarcasm, "great", "sarcasm", ""},
		{"for good", "gone for good", 0, CueContext, "good", "for ever", ""},
		{"gluten free", "is it gluten free", 0, CueContext, "free", "without", ""},
		{"what a joke", "what a joke", -1, CueContext, "joke", "scorn", ""},
		{"double charged", "double charged for one bag", -1, CueContext, "charged", "billing complaint", ""},
		{"still waiting", "still waiting for my order", -1, CueContext, "waiting", "complaint", ""},
		{"no response", "three emails, no response", -1, CueContext, "response", "service complaint", ""},
		{"never again", "never ordering from them again", -1, CueContext, "again", "customer lost", ""},
		{"commerce word", "my order was cancelled", -1, CueLexicon, "cancelled", "", ""},
		{"sarcastic echo", "Still waiting for my refund. Great. Fantastic.", -1, CueSarcasm, "Fantastic", "sarcasm", ""},
		{"echo needs a complaint before", "Picked up my beans. Great.", 1, CueLexicon, "Great", "", ""},
		{"thanks is sincere", "Fourth truck was the charm. Thanks!", 1, CueLexicon, "Thanks", "", ""},
		{"upside-down face", "checkout spins forever. Very festive 🙃", -1, CueSarcasm, "festive", "sarcasm", ""},
		{"praise asked about", "is the decaf actually good?", 1, CueContext, "good", "asked about", ""},
		{"neutral", "The shop opens at 8.", 0, "", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := a.Analyze(tt.text)
			if !r.Analysed {
				t.Fatalf("not analysed: %s", r.Reason)
			}
			if got := scoreClass(r.Sentiment, 0.05); got != tt.sign {
				t.Errorf("Analyze(%q).Sentiment = %.3f, want sign %d; cues %+v", tt.text, r.Sentiment, tt.sign, r.Cues)
			}
			if tt.cueKind != "" {
				c, ok := cueOf(r, tt.cueKind, tt.cueText)
				if !ok {
					t.Fatalf("no %s cue %q in %+v", tt.cueKind, tt.cueText, r.Cues)
				}
				if !strings.Contains(c.Note, tt.notePart) {
					t.Errorf("cue note %q lacks %q", c.Note, tt.notePart)
				}
			}
			if tt.compareTo != "" {
				base := a.Analyze(tt.compareTo).Sentiment
				if abs := r.Sentiment * float64(tt.sign); abs <= base*float64(tt.sign) {
					t.Errorf("%q scores %.3f, want stronger than %q (%.3f)", tt.text, r.Sentiment, tt.compareTo, base)
				}
			}
		})
	}
}

func TestPolarityAndIntensity(t *testing.T) {
	a := New(DefaultConfig())
	for _, tt := range []struct {
		text, polarity string
	}{
		{"I love this place", "positive"},
		{"I hate this place", "negative"},
		{"The shop is on Mill Street", "neutral"},
		{"Is the decaf actually good?", "neutral"},
		{"ok", "positive"},
		{"meh, stale again", "negative"},
	} {
		r := a.Analyze(tt.text)
		if r.Polarity != tt.polarity {
			t.Errorf("%q: polarity %q, want %q", tt.text, r.Polarity, tt.polarity)
		}
		if r.Intensity < 0 || r.Intensity > 1 || r.Intensity != max(r.Sentiment, -r.Sentiment) {
			t.Errorf("%q: intensity %v for sentiment %v", tt.text, r.Intensity, r.Sentiment)
		}
	}
}

// TestGovaderParity checks that with every fix off the re-implementation
// reproduces govader's reference examples (from vaderSentiment's README).
func TestGovaderParity(t *testing.T) {
	o := govaderOptions()
	for _, tt := range []struct {
		text string
		want float64
	}{
		{"VADER is smart, handsome, and funny.", 0.8316},
		{"VADER is VERY SMART, handsome, and FUNNY!!!", 0.9342},
		{"VADER is not smart, handsome, nor funny.", -0.7424},
		{"At least it isn't a horrible book.", 0.431},
		{"The plot was good, but the characters are uncompelling and the dialog is not great.", -0.7042},
		{"Today only kinda sux! But I'll get by, lol", 0.5249},
		{"Make sure you :) or :D today!", 0.8633},
		{"Not bad at all", 0.431},
		{"Sentiment analysis has never been this good!", 0.5672},
		{"With VADER, sentiment analysis is the shit!", 0.6476},
		{"Roger Dodger is one of the least compelling variations on this theme.", -0.1695},
	} {
		got := scoreText(tt.text, &o)
		if d := got - tt.want; d > 5e-4 || d < -5e-4 {
			t.Errorf("%q: %.4f, want %.4f", tt.text, got, tt.want)
		}
	}
}
