package query

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// queryPieces are glued at random by TestRandomQueriesRoundTrip to reach
// combinations byte-level fuzzing rarely builds.
var queryPieces = []string{
	"coffee", "brew", "cold", `"cold brew"`, "café", "roast*", "#coldbrew", "@janedoe",
	"maria's", "-", "NOT", "AND", "OR", "(", ")", "title:", "text:", "author:",
	"source:", "site:reddit.com", "lang:en", "NEAR", "NEAR/0", "NEAR/2", "/co.+ee/i",
	"steak", "☕", "cold-brew",
}

func TestRandomQueriesRoundTrip(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	docs := []*Doc{cafeDoc, benchDoc, {Title: "cold coffee", Text: "brew steak café"}}
	parsed := 0
	for range 50000 {
		var sb strings.Builder
		for range 1 + rng.IntN(8) {
			sb.WriteString(queryPieces[rng.IntN(len(queryPieces))])
			if rng.IntN(3) > 0 {
				sb.WriteByte(' ')
			}
		}
		src := sb.String()
		q, err := Parse(src)
		if err != nil {
			continue
		}
		parsed++
		q2, err := Parse(q.String())
		if err != nil {
			t.Fatalf("%q → %q does not parse: %v", src, q, err)
		}
		if q2.String() != q.String() {
			t.Fatalf("%q → %q → %q", src, q, q2)
		}
		for _, d := range docs {
			ok1, s1 := q.MatchSpans(d)
			ok2, s2 := q2.MatchSpans(d)
			if ok1 != ok2 || len(s1) != len(s2) || ok1 != q.Match(d) {
				t.Fatalf("%q and %q disagree on %q", src, q, d.Title)
			}
		}
	}
	if parsed < 5000 {
		t.Errorf("only %d random queries parsed; the generator needs work", parsed)
	}
}
