package compose

import (
	"strings"
	"testing"
)

// The twitter-text cases come from its conformance suite
// (conformance/validate.yml, WeightedTweetsWithDiscountedEmojiCounterTest).
func TestCountX(t *testing.T) {
	family := "👨\u200d👩\u200d👧"
	cases := []struct {
		name, text string
		used       int
		state      string
	}{
		{"empty", "", 0, StateOK},
		{"ascii", "Hello world", 11, StateOK},
		{"url after text", "Hi http://test.co", 26, StateOK},
		{"url alone", "http://test.co", 23, StateOK},
		{"long url is 23", "https://example.com/" + strings.Repeat("x", 200), 23, StateOK},
		{"bare domain", "Visit example.com.", 30, StateOK},
		{"bare domain with path", "menu at northside.coffee/menu", 31, StateOK},
		{"short cc domain is text", "hello.it", 8, StateOK},
		{"short cc domain with path", "hello.it/menu", 23, StateOK},
		{"t.co is special", "t.co", 23, StateOK},
		{"email address is text", "bob@example.com", 15, StateOK},
		{"64-char label is text", strings.Repeat("randomurl", 8)[:64] + ".com", 68, StateOK},
		{"invalid label then valid url", "https://" + strings.Repeat("a", 64) + ".com/foo https://validurl.com", 80 + 1 + 23, StateOK},
		{"ten urls", strings.Repeat("https://www.twitter.com/aloha ", 10), 240, StateOK},
		{"cjk counts 2", "故人西辞", 8, StateOK},
		{"emoji count 2", "😷👾😡🔥💩", 10, StateOK},
		{"skin tone is one emoji", "👍🏽", 2, StateOK},
		{"zwj sequence is one emoji", family, 2, StateOK},
		{"flag is one emoji", "🇬🇧", 2, StateOK},
		{"two flags", "🇬🇧🇫🇷", 4, StateOK},
		{"keycap", "1\ufe0f\u20e3", 2, StateOK},
		{"text emoji with vs16", "☺\ufe0f", 2, StateOK},
		{"unicode 9 emoji", "Unicode 9.0 emoji: 🤠; 💃; 💃🏾", 29, StateOK},
		{"unicode 10 emoji and tag flag", "Unicode 10.0 emoji: 🤪; 🧕; 🧕🏾; 🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f", 34, StateOK},
		{"combining mark composes", "e\u0301", 1, StateOK},
		{"NFC composes", "A\u0301B", 2, StateOK},
		{"combining mark that cannot compose", "q\u0301", 2, StateOK},
		{"hebrew normalises to 3", "Aשּׁ", 4, StateOK},
		{"light punctuation", "\u2000\u200d\u2010\u201f\u2032\u2037", 6, StateOK},
		{"heavy punctuation", "\u200e\u2020\u2030\u2038", 8, StateOK},
		{"invalid and directional", "ABC\u202A\uFFFFABC\uFFFE", 12, StateOK},
		{"directional around idn url", "\u2066\u202Ahttp://foobar.پاکستان/\u202C\u2069", 31, StateOK},
		{"below warn", strings.Repeat("x", 251), 251, StateOK},
		{"at warn", strings.Repeat("x", 252), 252, StateNear},
		{"exactly at limit", strings.Repeat("x", 280), 280, StateNear},
		{"over limit", strings.Repeat("x", 281), 281, StateOver},
		{"140 families at limit", strings.Repeat(family, 140), 280, StateNear},
		{"141 cjk over", strings.Repeat("の", 141), 282, StateOver},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Count(PlatformX, c.text)
			if got.Used != c.used || got.State != c.state || got.Limit != 280 || got.Left != 280-c.used {
				t.Errorf("Count(x, %q) = %+v, want used %d, state %s", c.text, got, c.used, c.state)
			}
		})
	}
}

func TestCountMastodon(t *testing.T) {
	cases := []struct {
		name, text string
		used       int
		state      string
	}{
		{"ascii", "Hello", 5, StateOK},
		{"url with scheme is 23", "see https://example.com/a/very/long/path/indeed", 4 + 23, StateOK},
		{"bare domain is text", "see example.com", 15, StateOK},
		{"remote mention counts username", "@ana@mastodon.social thanks", 4 + 7, StateOK},
		{"local mention", "@ana thanks", 11, StateOK},
		{"mention and url", "@sam@mas.to see https://x.example/a", 4 + 5 + 23, StateOK},
		{"email address is not a mention", "bob@example.com", 15, StateOK},
		{"family is one grapheme", "👨\u200d👩\u200d👧", 1, StateOK},
		{"flag is one grapheme", "🇬🇧", 1, StateOK},
		{"combining mark", "e\u0301", 1, StateOK},
		{"cjk counts 1", "故人西辞", 4, StateOK},
		{"below warn", strings.Repeat("a", 449), 449, StateOK},
		{"at warn", strings.Repeat("a", 450), 450, StateNear},
		{"exactly at limit", strings.Repeat("a", 500), 500, StateNear},
		{"over limit", strings.Repeat("a", 501), 501, StateOver},
		{"long urls keep it under", strings.Repeat("https://example.com/"+strings.Repeat("p", 50)+" ", 20), 20 * 24, StateNear},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Count(PlatformMastodon, c.text)
			if got.Used != c.used || got.State != c.state || got.Left != 500-c.used {
				t.Errorf("Count(mastodon, %q) = %+v, want used %d, state %s", c.text, got, c.used, c.state)
			}
		})
	}
}

func TestCountBluesky(t *testing.T) {
	family := "👨\u200d👩\u200d👧"
	cases := []struct {
		name, text string
		used       int
		state      string
	}{
		{"ascii", "Hello", 5, StateOK},
		{"family is one", family, 1, StateOK},
		{"flag is one", "🇬🇧", 1, StateOK},
		{"skin tone is one", "👍🏽", 1, StateOK},
		{"combining mark is one", "e\u0301", 1, StateOK},
		{"uncomposable combining mark is one", "q\u0301", 1, StateOK},
		{"cjk counts 1", "故人西辞", 4, StateOK},
		{"link counts its length", "https://example.com/abc", 23, StateOK},
		{"long link counts its length", "https://example.com/" + strings.Repeat("a", 40), 60, StateOK},
		{"below warn", strings.Repeat("a", 269), 269, StateOK},
		{"at warn", strings.Repeat("a", 270), 270, StateNear},
		{"exactly at limit", strings.Repeat("é", 300), 300, StateNear},
		{"over limit", strings.Repeat("a", 301), 301, StateOver},
		{"byte cap", strings.Repeat(family, 200), 200, StateOver},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Count(PlatformBluesky, c.text)
			if got.Used != c.used || got.State != c.state || got.Left != 300-c.used {
				t.Errorf("Count(bluesky, %q) = %+v, want used %d, state %s", c.text, got, c.used, c.state)
			}
			if (got.Note != "") != (c.name == "byte cap") {
				t.Errorf("Note = %q", got.Note)
			}
		})
	}
}

func TestCountCodePointPlatforms(t *testing.T) {
	cases := []struct {
		platform, text string
		used, limit    int
		state          string
	}{
		{PlatformLinkedIn, "e\u0301", 1, 3000, StateOK},
		{PlatformLinkedIn, "👨\u200d👩\u200d👧", 5, 3000, StateOK},
		{PlatformLinkedIn, "https://example.com/" + strings.Repeat("a", 40), 60, 3000, StateOK},
		{PlatformLinkedIn, strings.Repeat("a", 2700), 2700, 3000, StateNear},
		{PlatformLinkedIn, strings.Repeat("a", 3001), 3001, 3000, StateOver},
		{PlatformLinkedInComment, strings.Repeat("a", 1124), 1124, 1250, StateOK},
		{PlatformLinkedInComment, strings.Repeat("a", 1251), 1251, 1250, StateOver},
		{PlatformReddit, "故人", 2, 10000, StateOK},
		{PlatformReddit, strings.Repeat("a", 9000), 9000, 10000, StateNear},
		{PlatformReddit, strings.Repeat("a", 10000), 10000, 10000, StateNear},
		{PlatformReddit, strings.Repeat("a", 10001), 10001, 10000, StateOver},
		{PlatformEmail, strings.Repeat("a", 50000), 50000, 0, StateOK},
		{"rss", "👨\u200d👩\u200d👧 e\u0301", 3, 0, StateOK},
	}
	for _, c := range cases {
		got := Count(c.platform, c.text)
		left := 0
		if c.limit > 0 {
			left = c.limit - c.used
		}
		want := Length{Used: c.used, Limit: c.limit, Left: left, State: c.state}
		if got != want {
			t.Errorf("Count(%s, %.20q…) = %+v, want %+v", c.platform, c.text, got, want)
		}
	}
}

func TestCountForCustomLimit(t *testing.T) {
	p := preset(PlatformMastodon, "My instance", 1000, "characters")
	got := CountFor(p, strings.Repeat("a", 950)+" https://example.com/x")
	if got.Used != 974 || got.Limit != 1000 || got.State != StateNear || got.Left != 26 {
		t.Errorf("CountFor = %+v", got)
	}
}

func TestPlatforms(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range Platforms() {
		if seen[p.ID] || p.ID == "" || p.Name == "" || p.Unit == "" {
			t.Errorf("bad or repeated platform %+v", p)
		}
		seen[p.ID] = true
		if p.Limit > 0 && (p.Warn <= 0 || p.Warn >= p.Limit || p.Limit-p.Warn < 20) {
			t.Errorf("%s: warn %d does not come before limit %d", p.ID, p.Warn, p.Limit)
		}
		if p.Limit == 0 && p.Warn != 0 {
			t.Errorf("%s: warn without a limit", p.ID)
		}
	}
	for _, id := range []string{PlatformX, PlatformMastodon, PlatformBluesky, PlatformLinkedIn, PlatformReddit, PlatformEmail} {
		if !seen[id] {
			t.Errorf("missing platform %s", id)
		}
	}
	ps := Platforms()
	ps[0].Limit = 1
	if p, _ := PlatformByID(ps[0].ID); p.Limit == 1 {
		t.Error("Platforms returned the shared slice")
	}
}
