package presets

import (
	"strings"
	"testing"

	"github.com/rapportapp/rapport/app/shared/query"
)

// keywords owners might type, awkward ones included.
var keywords = []string{
	"coffee", "cold brew", "Café", "Cafe\u0301 au lait", "ümlaut", "Straße", "AT&T", "don't", "Maria's",
	"☕", "☕ coffee 😀", "👍🏽", `"cold brew"`, `say “hi” „there”`, "OR", "NOT", "AND", "NEAR", "NEAR/3",
	"coffee OR tea", "-decaf", "title:coffee", "site:reddit.com", "/regex/", "/a(/", "(coffee", "coffee)",
	"tea*", "#coffee", "@maria", "c#", "c++", "50%", "a\\b", "東京 カフェ", "مقهى", "кофе",
	"x:y", "https://example.com/a?b=c&d=e", "lang:", "a\u200bb", "a\u00adb", strings.Repeat("word ", 40),
}

func TestRulesParse(t *testing.T) {
	t.Parallel()
	for _, p := range All() {
		if !p.Rule {
			continue
		}
		for _, kw := range keywords {
			src, err := p.Build(Input{Keyword: kw})
			if err != nil {
				if p.ID != "mastodon-tag" { // "☕" has no hashtag
					t.Errorf("%s: Build(%q): %v", p.ID, kw, err)
				}
				continue
			}
			q, err := query.Parse(src.Rule)
			if err != nil {
				t.Errorf("%s: rule %q for %q does not parse: %v", p.ID, src.Rule, kw, err)
				continue
			}
			// The rule finds the keyword itself, as the owner typed it.
			if doc := (query.Doc{Title: kw}); !q.Match(&doc) {
				t.Errorf("%s: rule %q does not match %q", p.ID, src.Rule, kw)
			}
		}
	}
}

func TestRuleText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		id, keyword, rule string
		match, miss       []string
	}{
		{"reddit-search", "cold brew", `"cold brew"`, []string{"Best COLD-brew in town", "cold brew"}, []string{"brew it cold", "cold coffee"}},
		{"reddit-search", "Café", "Café", []string{"the cafe on Main", "CAFÉ"}, []string{"cafeteria"}},
		{"reddit-search", `"Joe's" Bakery`, `"Joe's Bakery"`, []string{"Joe's bakery rocks"}, []string{"Joe's new bakery"}},
		{"mastodon-tag", "cold brew", `"cold brew" OR #coldbrew`, []string{"Morning #ColdBrew", "cold brew season"}, []string{"coldbrew", "#cold"}},
		{"mastodon-tag", "#ColdBrew", "#coldbrew", []string{"Morning #coldbrew"}, []string{"cold brew", "coldbrew"}},
		{"mastodon-tag", "coffee", "coffee", []string{"#coffee time", "coffee"}, []string{"#coffeetime"}},
	}
	for _, tt := range tests {
		p, _ := Get(tt.id)
		src, err := p.Build(Input{Keyword: tt.keyword})
		if err != nil {
			t.Fatal(err)
		}
		if src.Rule != tt.rule {
			t.Errorf("%s %q: rule %q, want %q", tt.id, tt.keyword, src.Rule, tt.rule)
		}
		q := query.MustParse(src.Rule)
		for _, s := range tt.match {
			if d := (query.Doc{Text: s}); !q.Match(&d) {
				t.Errorf("rule %q misses %q", src.Rule, s)
			}
		}
		for _, s := range tt.miss {
			if d := (query.Doc{Text: s}); q.Match(&d) {
				t.Errorf("rule %q matches %q", src.Rule, s)
			}
		}
	}
}

func TestNoRuleForPlaces(t *testing.T) {
	t.Parallel()
	for _, p := range All() {
		if p.Rule != (p.Keyword && p.ID != "stackexchange-tag") {
			t.Errorf("%s: Rule = %v, Keyword = %v", p.ID, p.Rule, p.Keyword)
		}
	}
	p, _ := Get("reddit-subreddit")
	src, err := p.Build(Input{Channel: "coffee", Keyword: "cold brew"})
	if err != nil || src.Rule != "" {
		t.Errorf("subreddit: %+v, %v; want no rule", src, err)
	}
}

func TestCleanKeyword(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"  cold   brew ", "cold brew"},
		{"cold\nbrew\t", "cold brew"},
		{"Cafe\u0301", "Café"},
		{`"cold brew"`, "cold brew"},
		{"“cold” „brew”", "cold brew"},
		{"it's", "it's"},
		{"a\x00b\x7fc", "a b c"},
		{"bad\xffutf8", "bad utf8"},
		{"😀", "😀"},
		{strings.Repeat("é", MaxKeyword), strings.Repeat("é", MaxKeyword)},
	}
	for _, tt := range tests {
		got, err := CleanKeyword(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("CleanKeyword(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "   ", `""`, "!?", "*", "---", strings.Repeat("a", MaxKeyword+1)} {
		if got, err := CleanKeyword(bad); err == nil {
			t.Errorf("CleanKeyword(%q) = %q, want an error", bad, got)
		}
	}
}
