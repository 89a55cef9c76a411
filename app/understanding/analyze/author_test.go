package analyze

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestOwnWords(t *testing.T) {
	cfg := DefaultConfig()
	cfg.People = []string{"Kim Park", "Luis Ortega", "Grace Price"}
	a := New(cfg)
	tests := []struct {
		name, text, author string
		left               []string // parts left out, in order
	}{
		{"reply header with a name", "In reply to Kim Park.  Refund still isn’t in my account.", "", []string{"In reply to Kim Park."}},
		{"replying to handles", "Replying to @acme @acmesupport and @bob still broken", "", []string{"Replying to @acme @acmesupport and @bob"}},
		{"quoted line", "> your order is on its way\nno it isn't", "", []string{"> your order is on its way"}},
		{"wrote header", "On Mon, Kim wrote: we love our customers\nthen refund me", "", []string{"On Mon, Kim wrote: we love our customers"}},
		{"a retweet is shared as one's own", "so true RT @acme: great deals today", "", nil},
		{"reported speech is the author's", "he said: these'll turn your mind off", "", nil},
		{"a sentiment word is not a surname", "Watching Joe Dirt .. so good!!", "", nil},
		{"a title is not a name", "Georgia Emergency Management Agency warns of storms", "", nil},
		{"an exclamation is not a signature", "lol! Ant and Dec - Warren Beatty!", "", nil},
		{"signature delimiter", "Where is my parcel?\n-- \nJoy Smith\nHappy Homes Ltd", "", []string{"-- \nJoy Smith\nHappy Homes Ltd"}},
		{"sent from", "broken again\nSent from my iPhone", "", []string{"Sent from my iPhone"}},
		{"valediction and name", "Still no refund.\nThanks,\nDave", "", []string{"Thanks,\nDave"}},
		{"sign-off on the last line", "Still no refund.\nCheers, Dave", "", []string{"Cheers, Dave"}},
		{"dash name", "Still no refund - Dave", "", []string{"- Dave"}},
		{"team member", "Luis at the counter was lovely", "", []string{"Luis"}},
		{"first and last name", "Spoke to Grace Price about it", "", []string{"Grace Price"}},
		{"unknown full name", "Ask for Hope Hunter at the desk", "", []string{"Hope Hunter"}},
		{"thanks name", "thanks Joy for sorting it", "", []string{"Joy"}},
		{"author", "Maya L. here, love the new blend", "Maya L.", []string{"Maya L"}},
		{"words stay words", "I hope the park is open. Will you be there? Grace under pressure.", "", nil},
		{"shouting is not a name", "GRACE PERIOD IS OVER", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := a.AnalyzeBy(tt.text, tt.author)
			var got []string
			for _, c := range r.Cues {
				if c.Kind == CueIgnored {
					got = append(got, c.Text)
					if c.Text != tt.text[c.Start:c.End] {
						t.Errorf("cue text %q is not text[%d:%d]", c.Text, c.Start, c.End)
					}
				}
			}
			if !slices.Equal(got, tt.left) {
				t.Errorf("%q: left out %q, want %q", tt.text, got, tt.left)
			}
		})
	}
}

func TestOwnWordsAreNotEvidence(t *testing.T) {
	cfg := DefaultConfig()
	cfg.People = []string{"Kim Park"}
	a := New(cfg)
	r := a.Analyze("In reply to Kim Park.  Refund still isn’t in my account. Good luck to everyone.")
	for _, tp := range r.TouchPoints {
		if tp.Name == "location/opening hours" || tp.Name == "customer service" {
			t.Errorf("touch point %s from %q", tp.Name, tp.Cue.Text)
		}
	}
	r = a.Analyze("Kim Park sorted my order")
	for _, tp := range r.TouchPoints {
		if strings.Contains(tp.Cue.Text, "Park") {
			t.Errorf("a name is a touch point: %+v", tp)
		}
	}
}

// FuzzOwnWords checks the normalisation that leaves out what is not the
// author's: the result keeps every byte offset, changes only the parts it
// reports (to spaces, keeping line breaks), and cuts no character in two.
func FuzzOwnWords(f *testing.F) {
	for _, s := range [][2]string{
		{"In reply to Kim Park.  Refund still isn’t in my account.", ""},
		{"Replying to @a @b and @c nope", ""},
		{"> quoted\n>> twice\nmine", ""},
		{"On Mon, 3 May 2025, Kim Park <kim@x.y> wrote:\n> hi", ""},
		{"broken\n-- \nJoy Smith\nHappy Homes", ""},
		{"Still no refund.\nThanks,\nDave", ""},
		{"Still no refund - Dave", "Dave"},
		{"thanks Joy, Grace Price and Hope Hunter", "@hope"},
		{"Zoë Ångström wrote: ünïcode", "Zoë"},
		{"\xff\xfe In reply to \xc3", ""},
		{"", ""},
	} {
		f.Add(s[0], s[1])
	}
	cfg := DefaultConfig()
	cfg.People = []string{"Kim Park", "Luis", "Zoë Ångström"}
	a := New(cfg)
	f.Fuzz(func(t *testing.T, text, author string) {
		own, ign := a.ownWords(text, author, nil)
		if len(own) != len(text) {
			t.Fatalf("length %d, want %d", len(own), len(text))
		}
		left := make([]bool, len(text))
		for _, ig := range ign {
			if ig.start < 0 || ig.end < ig.start || ig.end > len(text) {
				t.Fatalf("span %+v outside %d bytes", ig, len(text))
			}
			if utf8.ValidString(text) && (!utf8.ValidString(text[ig.start:ig.end])) {
				t.Fatalf("span %+v cuts a character", ig)
			}
			for i := ig.start; i < ig.end; i++ {
				left[i] = true
			}
		}
		for i := range text {
			switch {
			case !left[i] && own[i] != text[i]:
				t.Fatalf("byte %d changed outside the reported parts", i)
			case left[i] && own[i] != ' ' && !(own[i] == '\n' && text[i] == '\n'):
				t.Fatalf("byte %d of a left-out part is %q", i, own[i])
			}
		}
		r := a.AnalyzeBy(text, author)
		for _, c := range r.Cues {
			if c.Text != text[c.Start:c.End] {
				t.Fatalf("cue text %q != text[%d:%d]", c.Text, c.Start, c.End)
			}
		}
	})
}
