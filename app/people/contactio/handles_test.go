package contactio

import (
	"regexp"
	"strings"
	"testing"
)

// userNameRE is what isUserName replaced; they must agree.
var userNameRE = regexp.MustCompile(`^[\p{L}\p{N}._-]{1,100}$`)

func TestIsUserNameAgreesWithItsRegexp(t *testing.T) {
	for _, s := range []string{
		"", "theo", "Theo Brews Coffee", "u/theo_brews", "theo.brews-coffee_2", "@theo",
		"mastodon.social", "søren", "東京カフェ", "x²", "Ⅻ", "a\u0301", "tab\t", "a\xffb", "\xff",
		"dash–en", "emoji☕", strings.Repeat("a", 100), strings.Repeat("a", 101),
		strings.Repeat("é", 100), strings.Repeat("é", 101), "a\nb",
	} {
		if got, want := isUserName(s), userNameRE.MatchString(s); got != want {
			t.Errorf("isUserName(%q) = %v, the regexp says %v", s, got, want)
		}
	}
}

func FuzzIsUserName(f *testing.F) {
	for _, s := range []string{"theo", "a b", "søren", "a\xff", strings.Repeat("z", 101)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isUserName(s), userNameRE.MatchString(s); got != want {
			t.Fatalf("isUserName(%q) = %v, the regexp says %v", s, got, want)
		}
	})
}
