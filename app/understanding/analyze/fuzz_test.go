package analyze

import (
	"math"
	"testing"
	"unicode/utf8"
)

// FuzzAnalyze checks that Analyze never panics, keeps scores in range and
// points every cue at the text it quotes.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"", " ", "!!!", "not not not good", "NO NO NO :(", "great:) <333 :)))", "😍❤️👍🏽👨‍👩‍👧",
		"Oh great, another late delivery 🙄 /s", "I would never recommend Hopper's", "Кофе очень вкусный",
		"but but but", "soooo goooood", "@northsideroast http://x.y/z #fresh", "\xff\xfe invalid",
		"Where is my order?? £4.20 for a latte?", "can't wait\tto\nvisit\r\n", "the \"fresh\" pastries",
	} {
		f.Add(s)
	}
	cfg := fixtureConfig()
	cfg.Promise = []string{"fresh", "fast delivery"}
	a := New(cfg)
	f.Fuzz(func(t *testing.T, text string) {
		r := a.Analyze(text)
		if math.IsNaN(r.Sentiment) || r.Sentiment < -1 || r.Sentiment > 1 {
			t.Fatalf("sentiment %v out of [-1, 1]", r.Sentiment)
		}
		if r.Intensity < 0 || r.Intensity > 1 {
			t.Fatalf("intensity %v out of [0, 1]", r.Intensity)
		}
		all := append([]Cue(nil), r.Cues...)
		for _, l := range append(r.Intents, r.TouchPoints...) {
			all = append(all, l.Cue)
		}
		for _, c := range all {
			if c.Start < 0 || c.End < c.Start || c.End > len(text) {
				t.Fatalf("cue %+v outside text of %d bytes", c, len(text))
			}
			if c.Text != text[c.Start:c.End] {
				t.Fatalf("cue text %q != text[%d:%d] %q", c.Text, c.Start, c.End, text[c.Start:c.End])
			}
			if utf8.ValidString(text) && !utf8.ValidString(c.Text) {
				t.Fatalf("cue %+v splits a character", c)
			}
		}
	})
}
