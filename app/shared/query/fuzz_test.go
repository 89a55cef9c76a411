package query

import (
	"errors"
	"testing"
	"unicode/utf8"
)

// fuzzSeeds are queries that exercise every part of the grammar.
var fuzzSeeds = []string{
	"coffee", `"cold brew" -decaf`, "title:(espresso OR latte)", "a NEAR/3 b",
	"roast*", "/caf[eé]/i", "site:reddit.com lang:en", "NOT a NEAR b", "-(-x)",
	"a AND b OR c d", "(a OR b) c", "cold-brew", "#Coffee @Jane don't Maria's",
	"titel:x", "a )", `"abc`, "NEAR b", "()", "", "title: ", "x NEAR/500 y",
	"/a(/", "ro*st", "!!!", "author:/^J/ source:\"r coffee\"", "“curly” „low“",
	"(a OR b) NEAR/0 (c OR d)", `/a\/b\\/i`, "Note: 10:30 https://x.com/a",
	"☕ OR 👍🏽", "café ÉTÉ straße", "a -b -(c OR -d)", "text:a* -text:\"b c\"",
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		q, err := Parse(src)
		if err != nil {
			checkSyntaxError(t, src, err)
			return
		}
		s1 := q.String()
		if len(s1) > MaxQueryLen {
			return // canonical form may grow a little; see docs/queries.md
		}
		q2, err := Parse(s1)
		if err != nil {
			t.Fatalf("Parse(%q) ok, but its String %q does not parse: %v", src, s1, err)
		}
		if s2 := q2.String(); s2 != s1 {
			t.Fatalf("String not stable: %q → %q → %q", src, s1, s2)
		}
		// Equivalent queries agree on documents, including one made of
		// the query itself.
		for _, d := range []*Doc{cafeDoc, {Title: src, Text: s1, Author: src, Source: src, Link: src, Lang: src}} {
			if a, b := q.Match(d), q2.Match(d); a != b {
				t.Fatalf("%q matches %v but its String %q matches %v on %+v", src, a, s1, b, d)
			}
		}
	})
}

// checkSyntaxError checks that err is a well-formed *SyntaxError for src.
func checkSyntaxError(t *testing.T, src string, err error) {
	t.Helper()
	var se *SyntaxError
	if !errors.As(err, &se) {
		t.Fatalf("Parse(%q): error %T %v is not a *SyntaxError", src, err, err)
	}
	if se.Pos < 0 || se.Pos > len(src) || se.Col != utf8.RuneCountInString(src[:se.Pos])+1 || se.Msg == "" {
		t.Fatalf("Parse(%q): bad error %+v", src, se)
	}
}

func FuzzMatch(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, cafeDoc.Title, cafeDoc.Text, cafeDoc.Link)
	}
	f.Add("a NEAR/0 a", "a a", "a\u0301 b", "//x")
	f.Fuzz(func(t *testing.T, src, title, text, link string) {
		q, err := Parse(src)
		if err != nil {
			return
		}
		d := &Doc{Title: title, Text: text, Author: title, Source: text, Link: link, Lang: title}
		match := q.Match(d)
		ok, spans := q.MatchSpans(d)
		if ok != match {
			t.Fatalf("%q: Match = %v but MatchSpans = %v", src, match, ok)
		}
		if prepared := q.MatchPrepared(Prepare(d)); prepared != match {
			t.Fatalf("%q: Match = %v but MatchPrepared = %v", src, match, prepared)
		}
		checkSpans(t, d, spans)
	})
}

// checkSpans checks that spans are in range, sorted and merged.
func checkSpans(t *testing.T, d *Doc, spans []Span) {
	t.Helper()
	raw := map[string]string{"title": d.Title, "text": d.Text, "author": d.Author, "source": d.Source}
	for i, s := range spans {
		f, ok := raw[s.Field]
		if !ok || s.Start < 0 || s.Start >= s.End || s.End > len(f) {
			t.Fatalf("span %d %+v out of range", i, s)
		}
		if i == 0 {
			continue
		}
		prev := spans[i-1]
		if fieldOrder(prev.Field) > fieldOrder(s.Field) || (prev.Field == s.Field && prev.End >= s.Start) {
			t.Fatalf("spans %+v and %+v are not sorted and merged", prev, s)
		}
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Add(cafeDoc.Text)
	f.Fuzz(func(t *testing.T, s string) {
		folded := Fold(s)
		if again := Fold(folded); again != folded {
			t.Fatalf("Fold not idempotent: %q → %q → %q", s, folded, again)
		}
		end := 0
		for i, tk := range Tokenize(s) {
			if tk.Pos != i || tk.Start < end || tk.Start >= tk.End || tk.End > len(s) || tk.Text == "" {
				t.Fatalf("Tokenize(%q): bad token %d %+v", s, i, tk)
			}
			end = tk.End
			// A token's text must tokenize to itself, or String() would
			// not round-trip.
			if re := Tokenize(tk.Text); len(re) != 1 || re[0].Text != tk.Text {
				t.Fatalf("Tokenize(%q): token %q re-tokenizes to %+v", s, tk.Text, re)
			}
		}
	})
}
