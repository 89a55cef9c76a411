package query

import (
	"slices"
	"strings"
)

// PlanKind says what a Plan node stands for.
type PlanKind uint8

// The kinds of plan nodes.
const (
	// PlanAll admits every document: a part of the query (NOT, a regex,
	// site:, lang:, source:) that a word index cannot narrow down.
	PlanAll PlanKind = iota
	// PlanWord admits documents that have the word Word.
	PlanWord
	// PlanPrefix admits documents that have a word starting with Word.
	PlanPrefix
	// PlanAnd admits documents that every kid admits.
	PlanAnd
	// PlanOr admits documents that some kid admits.
	PlanOr
)

// Plan describes, in terms a word index can answer, a superset of the
// documents a query matches: every document the query matches is admitted
// by its plan, but not every admitted document matches (phrases, fields
// and NOT are checked only by Match). A document "has" a word when
// [IndexWords] of its title or text returns it, or, for an Author leaf, of
// its author's name.
type Plan struct {
	Kind PlanKind
	// Word is folded and has no # or @ (PlanWord, PlanPrefix).
	Word string
	// Author says the word is in the author's name rather than the title
	// or text (PlanWord, PlanPrefix).
	Author bool
	// Kids are the operands of PlanAnd and PlanOr (two or more).
	Kids []Plan
}

// Plan returns the query's plan: phrases and NEAR become an AND of their
// words, a wildcard a prefix, and parts that cannot narrow the candidates
// admit everything (an AND drops them, an OR becomes PlanAll).
func (q *Query) Plan() Plan {
	if q.root == nil {
		return Plan{Kind: PlanAll}
	}
	return planOf(q.root)
}

// planOf returns the plan of one node.
func planOf(n node) Plan {
	switch n := n.(type) {
	case *orNode:
		return planOr(plansOf(n.kids))
	case *andNode:
		return planAnd(plansOf(n.kids))
	case *fieldNode:
		return planOf(n.kid)
	case *nearNode:
		return planAnd([]Plan{planOf(n.a), planOf(n.b)})
	case *wordNode:
		return wordPlan(n)
	}
	return Plan{Kind: PlanAll} // NOT, regex, site:, lang:
}

func plansOf(nodes []node) []Plan {
	out := make([]Plan, len(nodes))
	for i, k := range nodes {
		out[i] = planOf(k)
	}
	return out
}

// wordPlan is an AND of a term's or phrase's words. Words with a sigil
// (#coffee) are looked up without it: the index keeps the bare word, and
// Match tells the hashtag from the plain word.
func wordPlan(n *wordNode) Plan {
	author := false
	switch n.field {
	case fieldDefault, fieldTitle, fieldText:
	case fieldAuthor:
		author = true
	default: // source names are not indexed
		return Plan{Kind: PlanAll}
	}
	kids := make([]Plan, len(n.words))
	for i, w := range n.words {
		word := w.text
		if w.sig {
			word = word[1:]
		}
		kind := PlanWord
		if n.prefix && i == len(n.words)-1 {
			kind = PlanPrefix
		}
		kids[i] = Plan{Kind: kind, Word: word, Author: author}
	}
	return planAnd(kids)
}

// planAnd joins plans with AND: nested ANDs are flattened, PlanAll and
// repeated operands dropped.
func planAnd(kids []Plan) Plan {
	var flat []Plan
	for _, k := range kids {
		switch {
		case k.Kind == PlanAll:
		case k.Kind == PlanAnd:
			flat = appendNew(flat, k.Kids...)
		default:
			flat = appendNew(flat, k)
		}
	}
	return joined(PlanAnd, flat)
}

// planOr joins plans with OR: nested ORs are flattened and repeated
// operands dropped; one operand that admits everything makes the whole.
func planOr(kids []Plan) Plan {
	var flat []Plan
	for _, k := range kids {
		switch k.Kind {
		case PlanAll:
			return k
		case PlanOr:
			flat = appendNew(flat, k.Kids...)
		default:
			flat = appendNew(flat, k)
		}
	}
	return joined(PlanOr, flat)
}

// joined makes a node of kind from its operands, or returns the only one.
func joined(kind PlanKind, kids []Plan) Plan {
	switch len(kids) {
	case 0:
		return Plan{Kind: PlanAll}
	case 1:
		return kids[0]
	}
	return Plan{Kind: kind, Kids: kids}
}

// appendNew appends the plans not already in dst.
func appendNew(dst []Plan, ps ...Plan) []Plan {
	for _, p := range ps {
		if !slices.ContainsFunc(dst, p.Equal) {
			dst = append(dst, p)
		}
	}
	return dst
}

// Equal reports whether two plans are the same tree.
func (p Plan) Equal(o Plan) bool {
	return p.Kind == o.Kind && p.Word == o.Word && p.Author == o.Author && slices.EqualFunc(p.Kids, o.Kids, Plan.Equal)
}

// String writes the plan for tests and logs: ALL, coffee, roast*,
// author:maya, AND(a, b), OR(a, b).
func (p Plan) String() string {
	var sb strings.Builder
	p.write(&sb)
	return sb.String()
}

func (p Plan) write(sb *strings.Builder) {
	switch p.Kind {
	case PlanAll:
		sb.WriteString("ALL")
	case PlanWord, PlanPrefix:
		if p.Author {
			sb.WriteString("author:")
		}
		sb.WriteString(p.Word)
		if p.Kind == PlanPrefix {
			sb.WriteByte('*')
		}
	case PlanAnd, PlanOr:
		sb.WriteString(map[PlanKind]string{PlanAnd: "AND(", PlanOr: "OR("}[p.Kind])
		for i, k := range p.Kids {
			if i > 0 {
				sb.WriteString(", ")
			}
			k.write(sb)
		}
		sb.WriteByte(')')
	}
}

// IndexWords returns the distinct words a full-text index should keep for
// s so that every query that matches s finds it through [Query.Plan]: each
// token's folded text without # or @, and its alternative form
// ("maria's" gives "marias" and "maria"). They are sorted.
func IndexWords(s string) []string {
	var ft fieldToks
	ft.tokenize(s)
	if len(ft.toks) == 0 {
		return nil
	}
	text := string(ft.buf) // one allocation; the words are slices of it
	out := make([]string, 0, len(ft.toks)+len(ft.toks)/8)
	for _, t := range ft.toks {
		out = append(out, text[t.fs+int(t.sig):t.fe])
		if t.as < t.ae {
			out = append(out, text[t.as:t.ae])
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
