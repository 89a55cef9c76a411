package analyze

import (
	"maps"
	"slices"
	"testing"
)

// TestStopLangsCoverEveryLanguage: the language check looks each word up
// once, in stopLangsOf, built from stopLangs; a language added to
// stopWords and not to stopLangs would never be recognised.
func TestStopLangsCoverEveryLanguage(t *testing.T) {
	langs := slices.Sorted(maps.Keys(stopWords))
	got := slices.Sorted(slices.Values(stopLangs[:]))
	if !slices.Equal(langs, got) || stopLangs[0] != "en" {
		t.Fatalf("stopLangs %v, stopWords has %v (English first)", stopLangs, langs)
	}
	for _, code := range stopLangs[1:] {
		if langNames[code] == "" {
			t.Errorf("no name for %q", code)
		}
	}
}

// TestDetectLanguage: stop words and letters decide, a tie goes to the
// first language in alphabetical order, English wins when as frequent
// (what `rapport analyze` said of these before stopLangsOf).
func TestDetectLanguage(t *testing.T) {
	tests := []struct{ text, code string }{
		{"the coffee was great and i love it", "en"},
		{"der Kaffee ist nicht sehr lecker", "de"},
		{"le café est très bon mais cher", "fr"},
		{"el café es muy bueno pero caro", "es"},
		{"Straße und Kaffee", "de"}, // a stop word and letters English does not use
		{"mañana y", "es"},
		{"coração muito", "pt"},
		{"Straße", "und"}, // letters alone are not enough
		{"het een", "nl"},
		{"del nel", "it"}, // "del" is Spanish and Italian: one each, Italian has "nel"
		{"con muy il molto", "es"},
		{"the der", "en"},
		{"zyx qwv", "und"},
	}
	a := New(DefaultConfig())
	for _, tt := range tests {
		toks := tokenize(tt.text, &a.opt, a.lx, nil)
		if code, _, _ := detectLanguage(tt.text, toks); code != tt.code {
			t.Errorf("%q: %s, want %s", tt.text, code, tt.code)
		}
	}
}
