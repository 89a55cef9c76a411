package query

import (
	"fmt"
	"strings"
	"testing"
)

func TestFold(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"coffee", "coffee"},
		{"Coffee", "coffee"},
		{"CAFÉ", "cafe"},
		{"café", "cafe"},
		{"cafe\u0301", "cafe"}, // already decomposed
		{"Crème BRÛLÉE", "creme brulee"},
		{"Ångström", "angstrom"},
		{"İstanbul", "istanbul"},
		{"Straße", "strasse"},
		{"Łódź", "lodz"},
		{"Smørrebrød", "smorrebrod"},
		{"Œuvre", "oeuvre"},
		{"Phở", "pho"},
		{"ΟΔΟΣ", "οδοσ"},
		{"οδός", "οδοσ"},
		{"МОСКВА", "москва"},
		{"東京", "東京"},
		{"don't", "don't"},
		{"☕ #Coffee", "☕ #coffee"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Fold(Fold(tt.in)); got != tt.want {
			t.Errorf("Fold is not idempotent on %q: %q", tt.in, got)
		}
	}
}

func TestFoldFoldedASCIIDoesNotAllocate(t *testing.T) {
	s := "already folded text, 123"
	if n := testing.AllocsPerRun(100, func() { _ = Fold(s) }); n != 0 {
		t.Errorf("Fold allocated %v times", n)
	}
}

// tokens renders tokens compactly as text[alt]@start-end.
func tokens(toks []Token) string {
	parts := make([]string, len(toks))
	for i, tk := range toks {
		alt := ""
		if tk.Alt != "" {
			alt = "[" + tk.Alt + "]"
		}
		parts[i] = fmt.Sprintf("%s%s@%d-%d", tk.Text, alt, tk.Start, tk.End)
	}
	return strings.Join(parts, " ")
}

func TestTokenize(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"words", "Hello, World!", "hello@0-5 world@7-12"},
		{"accents keep original offsets", "Best CAFÉ au", "best@0-4 cafe@5-10 au@11-13"},
		{"decomposed accent", "cafe\u0301 x", "cafe@0-6 x@7-8"},
		{"digits", "Top 10 of 2024", "top@0-3 10@4-6 of@7-9 2024@10-14"},
		{"decimal splits", "3.5", "3@0-1 5@2-3"},
		{"hyphen splits", "cold-brew", "cold@0-4 brew@5-9"},
		{"underscore splits", "jane_doe", "jane@0-4 doe@5-8"},
		{"apostrophe joins", "don't", "dont@0-5"},
		{"curly apostrophe joins", "don’t", "dont@0-7"},
		{"possessive alt", "Maria's", "marias[maria]@0-7"},
		{"elision alt", "l'Espresso", "lespresso[espresso]@0-10"},
		{"qu elision", "qu'il", "quil[il]@0-5"},
		{"quote marks are not apostrophes", "'quoted' words'", "quoted@1-7 words@9-14"},
		{"hashtag", "love #Coffee!", "love@0-4 #coffee@5-12"},
		{"handle", "by @JaneDoe.", "by@0-2 @janedoe@3-11"},
		{"email is not a handle", "joe@example.com", "joe@0-3 example@4-11 com@12-15"},
		{"sigil inside word", "C# and F#", "c@0-1 and@3-6 f@7-8"},
		{"lone sigils", "# @ ##x", "#x@5-7"},
		{"hashtag possessive", "#Rapport's", "#rapports[rapport]@0-10"},
		{"emoji", "good☕️👍🏽 coffee", "good@0-4 ☕@4-10 👍@10-14 coffee@19-25"},
		{"symbol keeps its combining marks", "\U0001D15E!", "\U0001D157\U0001D165@0-4"}, // found by TestEveryRune
		{"emoji then word", "☕'s☕x", "☕@0-3 s@4-5 ☕@5-8 x@8-9"},
		{"soft hyphen joins", "cof\u00ADfee", "coffee@0-8"},
		{"zero width space splits", "cof\u200Bfee", "cof@0-3 fee@6-9"},
		{"lone mark dropped", "\u0301 a", "a@3-4"},
		{"cjk", "東京 カフェ", "東京@0-6 カフェ@7-16"},
		{"broken utf8 separates", "ab\xffcd", "ab@0-2 cd@3-5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Tokenize(tt.in)
			if s := tokens(got); s != tt.want {
				t.Errorf("Tokenize(%q) = %s, want %s", tt.in, s, tt.want)
			}
			for i, tk := range got {
				if tk.Pos != i {
					t.Errorf("token %d has Pos %d", i, tk.Pos)
				}
			}
		})
	}
}

func TestTokenWord(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"#coffee": "coffee", "@jane": "jane", "coffee": "coffee", "#": "#"} {
		if got := (Token{Text: in}).Word(); got != want {
			t.Errorf("Token{%q}.Word() = %q, want %q", in, got, want)
		}
	}
}
