package query

import (
	"fmt"
	"testing"
)

// benchDoc is a typical ~300-character feed entry.
var benchDoc = &Doc{
	Title: "Is the new cold brew at Café Aroma worth it?",
	Text: "Stopped by Café Aroma on Main Street this morning. The cold brew was smooth, " +
		"not too bitter, and they roast their own beans in-house. Service was quick even " +
		"with the Saturday rush. Pastries were fresh; the almond croissant is a must. " +
		"Prices are a bit high but worth it. #coffee #localbusiness",
	Author: "@latte_lover",
	Link:   "https://www.reddit.com/r/coffee/comments/abc123/",
	Source: "Reddit r/coffee",
	Lang:   "en",
}

// benchQueries are rules of increasing complexity.
var benchQueries = []struct{ name, src string }{
	{"term", "croissant"},
	{"term-miss", "espresso"},
	{"phrase", `"cold brew"`},
	{"rule", `("cold brew" OR espresso OR roast*) -decaf site:reddit.com`},
	{"near", `aroma NEAR/3 (coffee OR brew)`},
	{"regex", `/café\s+aroma/i`},
}

func BenchmarkMatch(b *testing.B) {
	for _, bq := range benchQueries {
		q := MustParse(bq.src)
		b.Run(bq.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				q.Match(benchDoc)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "matches/s")
		})
	}
}

func BenchmarkMatchSpans(b *testing.B) {
	q := MustParse(benchQueries[3].src)
	b.ReportAllocs()
	for b.Loop() {
		q.MatchSpans(benchDoc)
	}
}

// BenchmarkPreparedRules checks 100 rules against one prepared entry, the
// way ingestion does.
func BenchmarkPreparedRules(b *testing.B) {
	var rules []*Query
	for i := range 100 {
		rules = append(rules, MustParse(fmt.Sprintf(`(brand%d OR "product %d" OR roast*) -decaf%d`, i, i, i)))
	}
	p := Prepare(benchDoc)
	b.ReportAllocs()
	for b.Loop() {
		p.Reset(benchDoc)
		for _, q := range rules {
			q.MatchPrepared(p)
		}
	}
	b.ReportMetric(float64(b.N*len(rules))/b.Elapsed().Seconds(), "matches/s")
}

func BenchmarkTokenize(b *testing.B) {
	var ft fieldToks
	b.SetBytes(int64(len(benchDoc.Text)))
	b.ReportAllocs()
	for b.Loop() {
		ft.tokenize(benchDoc.Text)
	}
}

func BenchmarkParse(b *testing.B) {
	src := `title:(espresso OR latte) "cold brew" -decaf (roast* NEAR/3 beans) site:reddit.com /caf[eé]/i`
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFold(b *testing.B) {
	s := "Crème Brûlée at CAFÉ Aroma — Straße"
	b.ReportAllocs()
	for b.Loop() {
		Fold(s)
	}
}
