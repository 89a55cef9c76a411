package query

import (
	"testing"
	"unicode/utf8"
)

// TestEveryRune checks, for every Unicode code point, the two properties
// String() relies on: folding is idempotent, and a token's folded text
// tokenizes back to itself.
func TestEveryRune(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("walks all of Unicode")
	}
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		s := string(r)
		if f := Fold(s); Fold(f) != f {
			t.Errorf("Fold(%U) = %q is not stable: %q", r, f, Fold(f))
		}
		for _, in := range []string{s, "a" + s, s + "b", "a" + s + "b", "#" + s, "a'" + s} {
			for _, tk := range Tokenize(in) {
				if re := Tokenize(tk.Text); len(re) != 1 || re[0].Text != tk.Text {
					t.Errorf("Tokenize(%q): token %q re-tokenizes to %+v", in, tk.Text, re)
				}
			}
		}
	}
}
