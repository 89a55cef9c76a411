package query

import (
	"fmt"
	"strings"
)

// Doc is what a query is evaluated against: one feed entry.
type Doc struct {
	Title  string
	Text   string // body text, already stripped of markup
	Author string
	Link   string // site: looks at its host
	Source string // name of the feed or search the entry came from
	Lang   string // language tag such as "en" or "pt-BR"
}

// Query is a parsed watch rule or search. It is immutable and safe for
// concurrent use.
type Query struct {
	root      node
	canonical string
}

// Parse parses a query. On bad input the error is a *SyntaxError saying
// where (column) and what is wrong in words a user can act on.
func Parse(src string) (*Query, error) {
	if len(src) > MaxQueryLen {
		return nil, &SyntaxError{
			Pos: 0, Col: 1,
			Msg: fmt.Sprintf("query is too long (%d bytes; the limit is %d)", len(src), MaxQueryLen),
		}
	}
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{src: src, toks: toks}
	root, err := p.parseQuery()
	if err != nil {
		return nil, err
	}
	var sb strings.Builder
	root.write(&sb)
	return &Query{root: root, canonical: sb.String()}, nil
}

// MustParse is like Parse but panics on error; it is for queries written
// in code and tests.
func MustParse(src string) *Query {
	q, err := Parse(src)
	if err != nil {
		panic(fmt.Sprintf("query.MustParse(%q): %v", src, err))
	}
	return q
}

// String returns the query in canonical form: words folded, AND implicit,
// NOT written as -, and only the parentheses the meaning needs. Parsing
// the result gives an equivalent query with the same String.
func (q *Query) String() string { return q.canonical }

// Match reports whether d matches the query. It allocates nothing in the
// common case; to check many queries against one document, Prepare it
// once and use MatchPrepared.
func (q *Query) Match(d *Doc) bool {
	if q.root == nil {
		return false
	}
	p := getPrepared(d)
	ok := q.root.eval(p)
	putPrepared(p)
	return ok
}

// MatchSpans is like Match and also returns what to highlight: the
// ranges matched by the query's positive parts (never what a NOT
// excluded), sorted by field then offset, with overlapping ranges merged.
// Offsets are into the original field strings. Site and language matches
// have no text to highlight.
func (q *Query) MatchSpans(d *Doc) (bool, []Span) {
	if q.root == nil {
		return false, nil
	}
	p := getPrepared(d)
	ok, spans := q.MatchSpansPrepared(p)
	putPrepared(p)
	return ok, spans
}

// MatchPrepared is Match for a document prepared with Prepare.
func (q *Query) MatchPrepared(p *Prepared) bool {
	if q.root == nil {
		return false
	}
	p.collect = false
	return q.root.eval(p)
}

// MatchSpansPrepared is MatchSpans for a document prepared with Prepare.
func (q *Query) MatchSpansPrepared(p *Prepared) (bool, []Span) {
	if q.root == nil {
		return false, nil
	}
	p.collect, p.spans = true, p.spans[:0]
	ok := q.root.eval(p)
	p.collect = false
	if !ok {
		return false, nil
	}
	return true, mergeSpans(p.spans)
}

// Terms returns the folded words the query looks for in title, text,
// author or source, outside any NOT, in order of appearance and without
// duplicates: phrase words one by one, and a wildcard as its prefix
// followed by "*" ("roast*"). A full-text index uses them to pick
// candidate documents. site:, lang: and regexes contribute nothing.
func (q *Query) Terms() []string {
	var terms []string
	seen := map[string]bool{}
	var walk func(n node)
	walk = func(n node) {
		switch n := n.(type) {
		case *orNode:
			for _, k := range n.kids {
				walk(k)
			}
		case *andNode:
			for _, k := range n.kids {
				walk(k)
			}
		case *fieldNode:
			walk(n.kid)
		case *nearNode:
			walk(n.a)
			walk(n.b)
		case *wordNode:
			for i, w := range n.words {
				t := w.text
				if n.prefix && i == len(n.words)-1 {
					t += "*"
				}
				if !seen[t] {
					seen[t] = true
					terms = append(terms, t)
				}
			}
		}
	}
	if q.root != nil {
		walk(q.root)
	}
	return terms
}
