package query

import (
	"fmt"
	"strings"
	"testing"
)

// showSpans renders spans as field:"matched text" for readable failures.
func showSpans(d *Doc, spans []Span) string {
	raw := map[string]string{"title": d.Title, "text": d.Text, "author": d.Author, "source": d.Source}
	parts := make([]string, len(spans))
	for i, s := range spans {
		parts[i] = fmt.Sprintf("%s:%q", s.Field, raw[s.Field][s.Start:s.End])
	}
	return strings.Join(parts, " ")
}

func TestMatchSpansOffsets(t *testing.T) {
	t.Parallel()
	d := &Doc{Title: "Best CAFÉ au lait", Text: "Café crème, s'il vous plaît"}
	ok, spans := MustParse("café").MatchSpans(d)
	if !ok {
		t.Fatal("café did not match")
	}
	want := []Span{{"title", 5, 10}, {"text", 0, 5}}
	if fmt.Sprint(spans) != fmt.Sprint(want) {
		t.Errorf("spans = %v, want %v", spans, want)
	}
	if got := d.Title[5:10]; got != "CAFÉ" {
		t.Errorf("title[5:10] = %q", got)
	}
}

func TestMatchSpans(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, query, want string
	}{
		{"term in title and text", "best OR coffee", `title:"Best" text:"coffee"`},
		{"accented title", "cafe", `title:"CAFÉ"`},
		{"phrase is one span", `"cafe au lait"`, `title:"CAFÉ au lait"`},
		{"overlaps merge", `cafe "cafe au"`, `title:"CAFÉ au"`},
		{"touching spans merge", `"cafe au" "au lait"`, `title:"CAFÉ au lait"`},
		{"not is not highlighted", "coffee -espresso", `text:"coffee"`},
		{"every matching or branch", "town OR espresso OR steak", `title:"town" text:"steak"`},
		{"failed and branch leaves nothing", "(coffee espresso) OR town", `title:"town"`},
		{"near highlights both sides", "tried NEAR/2 brew", `text:"tried" text:"brew"`},
		{"near only qualifying pairs", "the NEAR/0 cold", `text:"the" text:"cold"`},
		{"wildcard", "stea*", `text:"steak"`},
		{"hashtag includes sigil", "coldbrew", `text:"#ColdBrew"`},
		{"apostrophe word", "dont", `text:"Don't"`},
		{"possessive", "maria", `text:"Maria's"`},
		{"emoji", "☕", `text:"☕"`},
		{"regex", "/st[a-z]+/", `text:"steak"`},
		{"regex i in title", "/café/i", `title:"CAFÉ"`},
		{"author field", "author:doe", `author:"Doe"`},
		{"source field", "source:reddit", `source:"Reddit"`},
		{"site has no span", "site:reddit.com coffee", `text:"coffee"`},
		{"sorted title first", "shop OR town", `title:"town" text:"shop"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, spans := MustParse(tt.query).MatchSpans(cafeDoc)
			if !ok {
				t.Fatalf("%q did not match", tt.query)
			}
			if got := showSpans(cafeDoc, spans); got != tt.want {
				t.Errorf("%q spans = %s, want %s", tt.query, got, tt.want)
			}
		})
	}
}

func TestMergeSpans(t *testing.T) {
	t.Parallel()
	in := []Span{{"text", 10, 12}, {"title", 4, 6}, {"text", 0, 3}, {"text", 2, 5}, {"text", 5, 7}, {"title", 0, 2}}
	want := []Span{{"title", 0, 2}, {"title", 4, 6}, {"text", 0, 7}, {"text", 10, 12}}
	if got := mergeSpans(in); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("mergeSpans = %v, want %v", got, want)
	}
	if mergeSpans(nil) != nil {
		t.Error("mergeSpans(nil) != nil")
	}
}
