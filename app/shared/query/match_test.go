package query

import (
	"sync"
	"testing"
)

// cafeDoc is the document most evaluation tests run against.
var cafeDoc = &Doc{
	Title:  "Best CAFÉ au lait in town",
	Text:   "We tried the cold brew at Maria's coffee shop. Don't miss the #ColdBrew, says @JaneDoe ☕. The steak was fine.",
	Author: "Jane Doe",
	Link:   "https://www.reddit.com/r/coffee/comments/1",
	Source: "Reddit r/coffee",
	Lang:   "en-GB",
}

func TestMatch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, query string
		want        bool
	}{
		// Terms, case, accents, word boundaries.
		{"term in text", "coffee", true},
		{"term in title", "town", true},
		{"missing term", "espresso", false},
		{"accent-insensitive", "cafe", true},
		{"query accent", "café", true},
		{"case-insensitive", "COLD", true},
		{"whole words only", "tea", false},
		{"no substring", "stea", false},
		{"no prefix without star", "caf", false},
		{"author not searched by default", "jane", false},
		{"author only by field", "doe", false},
		// Phrases.
		{"phrase", `"cold brew"`, true},
		{"phrase wrong order", `"brew cold"`, false},
		{"phrase across punctuation", `"coffee shop don't"`, true},
		{"phrase with accent", `"CAFE AU LAIT"`, true},
		{"phrase not across fields", `"town we"`, false},
		{"hyphenated query", "au-lait", true},
		// Boolean logic.
		{"implicit and", "coffee shop", true},
		{"implicit and fails", "coffee espresso", false},
		{"explicit and", "coffee AND shop", true},
		{"or", "espresso OR coffee", true},
		{"or fails", "espresso OR latte", false},
		{"not", "coffee NOT steak", false},
		{"minus", "coffee -espresso", true},
		{"minus phrase", `coffee -"cold brew"`, false},
		{"minus group", "coffee -(espresso OR steak)", false},
		{"precedence and over or", "espresso latte OR coffee", true},
		{"precedence or under and", "espresso (latte OR coffee)", false},
		{"precedence not over and", "NOT espresso coffee", true},
		{"pure negative", "-espresso", true},
		{"lower-case or is a word", "espresso or coffee", false},
		// NEAR.
		{"near adjacent", "cold NEAR/0 brew", true},
		{"near reversed", "brew NEAR/0 cold", true},
		{"near within", "tried NEAR/2 brew", true},
		{"near too far", "tried NEAR/1 brew", false},
		{"near default 5", "tried NEAR coffee", true},
		{"near default too far", "tried NEAR steak", false},
		{"near phrase", `"cold brew" NEAR/3 coffee`, true},
		{"near phrase gap counts from its end", `"cold brew" NEAR/1 coffee`, false},
		{"near or group", "(espresso OR shop) NEAR/1 coffee", true},
		{"near wildcard", "mar* NEAR/0 coff*", true},
		{"near not across fields", "town NEAR/10 tried", false},
		{"near same word twice", "coffee NEAR coffee", false},
		{"near field", "title:(best NEAR/1 cafe)", true},
		// Wildcards.
		{"wildcard", "roast* OR shop*", true},
		{"wildcard whole word", "coffee*", true},
		{"wildcard no match", "espr*", false},
		{"wildcard on alt form", "mari*", true},
		// Regexes.
		{"regex on original text", "/CAFÉ/", true},
		{"regex case-sensitive", "/café/", false},
		{"regex i", "/café/i", true},
		{"regex does not fold accents", "/cafe/i", false},
		{"regex substring", "/stea/", true},
		{"regex field", "author:/^Jane/", true},
		{"regex site", `site:/reddit\.com$/`, true},
		{"regex lang", "lang:/^en/", true},
		// Fields.
		{"title field", "title:town", true},
		{"title field miss", "title:coffee", false},
		{"text field", "text:coffee", true},
		{"text field miss", "text:town", false},
		{"title group", "title:(espresso OR lait)", true},
		{"author field", `author:"jane doe"`, true},
		{"author field case", "author:JANE", true},
		{"source field", "source:reddit", true},
		{"source field words", `source:"r coffee"`, true},
		{"site", "site:reddit.com", true},
		{"site exact host", "site:www.reddit.com", true},
		{"site suffix only on dots", "site:dit.com", false},
		{"site other", "site:twitter.com", false},
		{"site or", "site:(twitter.com OR reddit.com)", true},
		{"lang primary", "lang:en", true},
		{"lang exact", "lang:en-gb", true},
		{"lang other region", "lang:en-us", false},
		{"lang other", "lang:fr", false},
		{"negated field", "-site:reddit.com", false},
		// Hashtags, handles, apostrophes, emoji.
		{"plain word matches hashtag", "coldbrew", true},
		{"hashtag matches hashtag", "#coldbrew", true},
		{"hashtag needs hashtag", "#coffee", false},
		{"handle", "@janedoe", true},
		{"plain word matches handle", "janedoe", true},
		{"apostrophe", "don't", true},
		{"apostrophe dropped", "dont", true},
		{"possessive", "maria", true},
		{"possessive full", "maria's", true},
		{"possessive joined", "marias", true},
		{"emoji", "☕", true},
		{"other emoji", "🍵", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := MustParse(tt.query)
			if got := q.Match(cafeDoc); got != tt.want {
				t.Errorf("%q.Match = %v, want %v", tt.query, got, tt.want)
			}
			ok, spans := q.MatchSpans(cafeDoc)
			if ok != tt.want {
				t.Errorf("%q.MatchSpans = %v, want %v", tt.query, ok, tt.want)
			}
			if !ok && spans != nil {
				t.Errorf("%q.MatchSpans returned spans %v without a match", tt.query, spans)
			}
		})
	}
}

func TestMatchDocVariants(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, query string
		doc         Doc
		want        bool
	}{
		{"nil-like empty doc", "coffee", Doc{}, false},
		{"pure negative on empty doc", "-coffee", Doc{}, true},
		{"site without scheme", "site:example.com", Doc{Link: "example.com/x"}, true},
		{"site with port and user", "site:example.com", Doc{Link: "http://u:p@Shop.Example.COM:8080/x"}, true},
		{"site trailing dot", "site:example.com", Doc{Link: "https://example.com./"}, true},
		{"site not a suffix", "site:example.com", Doc{Link: "https://notexample.com/"}, false},
		{"site empty link", "site:example.com", Doc{}, false},
		{"lang underscore", "lang:pt-br", Doc{Lang: "pt_BR"}, true},
		{"lang upper", "lang:de", Doc{Lang: "DE"}, true},
		{"lang prefix is not enough", "lang:e", Doc{Lang: "en"}, false},
		{"greek final sigma", "οδοσ", Doc{Text: "ΟΔΟΣ"}, true},
		{"sharp s", "hauptstrasse", Doc{Text: "Hauptstraße 5"}, true},
		{"no substring of compound", "strasse", Doc{Text: "Hauptstraße 5"}, false},
		{"vietnamese", "pho", Doc{Text: "Phở bò"}, true},
		{"elision", "espresso", Doc{Text: "l'espresso italien"}, true},
		{"number token", "2024", Doc{Title: "Best of 2024!"}, true},
		{"number not substring", "202", Doc{Title: "Best of 2024!"}, false},
		{"huge near input", "a NEAR/0 b", Doc{Text: repeatWords("a", 5000) + " b"}, true},
		{"huge near no match", "a NEAR/0 a", Doc{Text: "a"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MustParse(tt.query).Match(&tt.doc); got != tt.want {
				t.Errorf("%q.Match(%+v) = %v, want %v", tt.query, tt.doc, got, tt.want)
			}
		})
	}
}

func TestMatchNilDoc(t *testing.T) {
	t.Parallel()
	if MustParse("coffee").Match(nil) {
		t.Error("coffee matched a nil doc")
	}
	if !MustParse("-coffee").Match(nil) {
		t.Error("-coffee did not match a nil doc")
	}
}

func TestZeroQueryMatchesNothing(t *testing.T) {
	t.Parallel()
	var q Query
	if q.Match(cafeDoc) || q.MatchPrepared(Prepare(cafeDoc)) {
		t.Error("zero Query matched")
	}
	if ok, spans := q.MatchSpans(cafeDoc); ok || spans != nil {
		t.Error("zero Query matched with spans")
	}
}

func TestPreparedManyQueries(t *testing.T) {
	t.Parallel()
	p := Prepare(cafeDoc)
	for _, src := range []string{"coffee", "espresso", `"cold brew"`, "title:cafe", "site:reddit.com", "tried NEAR/2 brew"} {
		q := MustParse(src)
		if got, want := q.MatchPrepared(p), q.Match(cafeDoc); got != want {
			t.Errorf("%q: MatchPrepared = %v, Match = %v", src, got, want)
		}
	}
	p.Reset(&Doc{Title: "espresso"})
	if !MustParse("espresso").MatchPrepared(p) || MustParse("coffee").MatchPrepared(p) {
		t.Error("Reset did not replace the document")
	}
}

func TestMatchDoesNotAllocate(t *testing.T) {
	q := MustParse(`coffee "cold brew" -decaf (shop OR cafe) roast* OR tried NEAR/3 (brew OR x) ☕`)
	p := Prepare(cafeDoc)
	q.MatchPrepared(p) // grow the buffers
	if n := testing.AllocsPerRun(200, func() { p.Reset(cafeDoc); q.MatchPrepared(p) }); n > 0 {
		t.Errorf("MatchPrepared allocated %v times per run", n)
	}
	if raceEnabled {
		return // the race detector makes sync.Pool drop items
	}
	q.Match(cafeDoc) // warm the pool
	if n := testing.AllocsPerRun(200, func() { q.Match(cafeDoc) }); n > 0 {
		t.Errorf("Match allocated %v times per run", n)
	}
}

// repeatWords returns w repeated n times, separated by spaces.
func repeatWords(w string, n int) string {
	b := make([]byte, 0, n*(len(w)+1))
	for i := range n {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, w...)
	}
	return string(b)
}

func TestConcurrentMatch(t *testing.T) {
	t.Parallel()
	q := MustParse(`"cold brew" OR title:cafe`)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				if !q.Match(cafeDoc) {
					t.Error("no match")
					return
				}
				if ok, spans := q.MatchSpans(cafeDoc); !ok || len(spans) != 2 {
					t.Errorf("MatchSpans = %v, %v", ok, spans)
					return
				}
			}
		})
	}
	wg.Wait()
}
