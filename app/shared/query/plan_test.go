package query

import (
	"slices"
	"strings"
	"testing"
)

func TestPlan(t *testing.T) {
	t.Parallel()
	tests := []struct{ src, want string }{
		{"coffee", "coffee"},
		{"Café", "cafe"},
		{`"cold brew"`, "AND(cold, brew)"},
		{"cold-brew", "AND(cold, brew)"},
		{"roast*", "roast*"},
		{"#Coffee @JaneDoe", "AND(coffee, janedoe)"},
		{"#cof*", "cof*"},
		{"latte OR cappuccino", "OR(latte, cappuccino)"},
		{"(latte OR cappuccino) Springfield", "AND(OR(latte, cappuccino), springfield)"},
		{"a OR (b OR c)", "OR(a, b, c)"},
		{"coffee -decaf", "coffee"},
		{"coffee NOT (a OR b)", "coffee"},
		{"-decaf", "ALL"},
		{"coffee OR -decaf", "ALL"},
		{"title:espresso text:latte", "AND(espresso, latte)"},
		{`author:"Jane Doe" coffee`, "AND(author:jane, author:doe, coffee)"},
		{"author:ja*", "author:ja*"},
		{"source:reddit coffee", "coffee"},
		{"site:reddit.com", "ALL"},
		{"lang:en espresso", "espresso"},
		{"/caf[eé]/i coffee", "coffee"},
		{"maria NEAR/2 bakery", "AND(maria, bakery)"},
		{`(coffee OR espresso) NEAR/3 "Main Street"`, "AND(OR(coffee, espresso), main, street)"},
		{"coffee coffee COFFEE", "coffee"},
		{"coffee OR coffee", "coffee"},
		{"a b OR c", "OR(AND(a, b), c)"},
		{"☕", "☕"},
		{"don't", "dont"},
	}
	for _, tt := range tests {
		if got := MustParse(tt.src).Plan().String(); got != tt.want {
			t.Errorf("Plan(%q) = %s, want %s", tt.src, got, tt.want)
		}
	}
}

func TestIndexWords(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text string
		want []string
	}{
		{"", nil},
		{"Best CAFÉ au lait, café!", []string{"au", "best", "cafe", "lait"}},
		{"Maria's l'espresso don't", []string{"dont", "espresso", "lespresso", "maria", "marias"}},
		{"#ColdBrew by @JaneDoe ☕️", []string{"by", "coldbrew", "janedoe", "☕"}},
	}
	for _, tt := range tests {
		if got := IndexWords(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("IndexWords(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// admits evaluates a plan against a document the way an index would.
func admits(p Plan, d *Doc) bool {
	switch p.Kind {
	case PlanAll:
		return true
	case PlanAnd:
		for _, k := range p.Kids {
			if !admits(k, d) {
				return false
			}
		}
		return true
	case PlanOr:
		return slices.ContainsFunc(p.Kids, func(k Plan) bool { return admits(k, d) })
	}
	words := append(IndexWords(d.Title), IndexWords(d.Text)...)
	if p.Author {
		words = IndexWords(d.Author)
	}
	return slices.ContainsFunc(words, func(w string) bool {
		return w == p.Word || p.Kind == PlanPrefix && strings.HasPrefix(w, p.Word)
	})
}

// planDocs are documents for checking that plans admit every match.
var planDocs = []*Doc{
	cafeDoc,
	{Title: "L'espresso de Maria's", Text: "#Roasted beans, @Theo_G says CAFÉ-crème", Author: "Théo Grant"},
	{Text: "cold brew cold-brew coldbrew ☕️👍🏽 10:30"},
}

func TestPlanAdmitsEveryMatch(t *testing.T) {
	t.Parallel()
	queries := append(slices.Clone(fuzzSeeds),
		"maria", "marias", "espresso", "lespresso", "#roasted", "roast*", "@theo", "theo", "author:theo",
		`"cafe creme"`, "creme NEAR/0 cafe", "coldbrew OR #coldbrew", "10:30", "👍", "author:gr*", "-zzz coffee")
	for _, src := range queries {
		q, err := Parse(src)
		if err != nil {
			continue
		}
		checkPlanAdmits(t, q)
	}
}

func FuzzPlanAdmitsMatches(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		q, err := Parse(src)
		if err != nil {
			return
		}
		checkPlanAdmits(t, q)
	})
}

func checkPlanAdmits(t *testing.T, q *Query) {
	t.Helper()
	p := q.Plan()
	// The query's own text as a document matches many queries.
	self := &Doc{Title: q.String(), Text: strings.ReplaceAll(q.String(), `"`, ""), Author: q.String()}
	for _, d := range append(slices.Clone(planDocs), self) {
		if q.Match(d) && !admits(p, d) {
			t.Errorf("%q matches %+v but its plan %s does not admit it", q, d, p)
		}
	}
}
