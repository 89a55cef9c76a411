package query

import (
	"regexp"
	"strconv"
	"strings"
)

// node is one part of a parsed query. eval must leave p.spans as it found
// it when it returns false, so that failed branches leave no highlights.
type node interface {
	eval(p *Prepared) bool
	prec() int
	write(sb *strings.Builder)
}

// Binding strength of each node, loosest first; String uses it to decide
// where parentheses are needed.
const (
	precOr = iota + 1
	precAnd
	precNot
	precNear
	precAtom
)

// qword is one word of a term or phrase, folded like a document token.
type qword struct {
	text string // folded; starts with # or @ when sig
	sig  bool   // must match a hashtag / handle exactly
}

type (
	// orNode matches when any kid does. kids are as written; order is the
	// same nodes cheapest first, the order eval tries them in.
	orNode struct{ kids, order []node }
	// andNode matches when every kid does; kids and order as for orNode.
	andNode struct{ kids, order []node }
	// notNode matches when its kid does not.
	notNode struct{ kid node }
	// fieldNode remembers that the user wrote "field:" before kid; the
	// leaves below already carry the field, so it only matters for String.
	fieldNode struct {
		field field
		kid   node
	}
	// wordNode is a term (one word), a phrase (several, in order) or a
	// prefix wildcard (one word ending in *).
	wordNode struct {
		words  []qword
		prefix bool
		field  field
	}
	// nearNode matches when a and b occur within n words in one field.
	nearNode struct {
		a, b   node    // as written, for String
		pa, pb posExpr // the same, as position producers
		n      int
		field  field
	}
	// regexNode runs a regular expression on the original text.
	regexNode struct {
		re    *regexp.Regexp
		raw   string // as written between the slashes
		fold  bool
		field field
	}
	// siteNode matches the host of the document's link.
	siteNode struct{ domain string }
	// langNode matches the document's language tag.
	langNode struct{ tag string }
)

func (*orNode) prec() int    { return precOr }
func (*andNode) prec() int   { return precAnd }
func (*notNode) prec() int   { return precNot }
func (*nearNode) prec() int  { return precNear }
func (*fieldNode) prec() int { return precAtom }
func (*wordNode) prec() int  { return precAtom }
func (*regexNode) prec() int { return precAtom }
func (*siteNode) prec() int  { return precAtom }
func (*langNode) prec() int  { return precAtom }

// writeNode writes n, in parentheses if it binds more loosely than min.
func writeNode(sb *strings.Builder, n node, min int) {
	if n.prec() >= min {
		n.write(sb)
		return
	}
	sb.WriteByte('(')
	n.write(sb)
	sb.WriteByte(')')
}

func (n *orNode) write(sb *strings.Builder) {
	for i, k := range n.kids {
		if i > 0 {
			sb.WriteString(" OR ")
		}
		writeNode(sb, k, precAnd)
	}
}

func (n *andNode) write(sb *strings.Builder) {
	for i, k := range n.kids {
		if i > 0 {
			sb.WriteByte(' ')
		}
		writeNode(sb, k, precNot)
	}
}

// write uses "-x" except before an unbracketed NEAR, where "NOT" keeps
// the canonical form free of parentheses the user did not write.
func (n *notNode) write(sb *strings.Builder) {
	if n.kid.prec() == precNear {
		sb.WriteString("NOT ")
		n.kid.write(sb)
		return
	}
	sb.WriteByte('-')
	writeNode(sb, n.kid, precAtom)
}

func (n *fieldNode) write(sb *strings.Builder) {
	sb.WriteString(fieldNames[n.field])
	sb.WriteByte(':')
	writeNode(sb, n.kid, precAtom)
}

func (n *wordNode) write(sb *strings.Builder) {
	if len(n.words) == 1 {
		sb.WriteString(n.words[0].text)
		if n.prefix {
			sb.WriteByte('*')
		}
		return
	}
	sb.WriteByte('"')
	for i, w := range n.words {
		if i > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(w.text)
	}
	sb.WriteByte('"')
}

func (n *nearNode) write(sb *strings.Builder) {
	writeNode(sb, n.a, precAtom)
	sb.WriteString(" NEAR")
	if n.n != DefaultNear {
		sb.WriteByte('/')
		sb.WriteString(strconv.Itoa(n.n))
	}
	sb.WriteByte(' ')
	writeNode(sb, n.b, precAtom)
}

func (n *regexNode) write(sb *strings.Builder) {
	sb.WriteByte('/')
	sb.WriteString(n.raw)
	sb.WriteByte('/')
	if n.fold {
		sb.WriteByte('i')
	}
}

func (n *siteNode) write(sb *strings.Builder) { sb.WriteString(n.domain) }
func (n *langNode) write(sb *strings.Builder) { sb.WriteString(n.tag) }

// makeAnd joins kids with AND, flattening nested ANDs.
func makeAnd(kids []node) node {
	if len(kids) == 1 {
		return kids[0]
	}
	flat := make([]node, 0, len(kids))
	for _, k := range kids {
		if a, ok := k.(*andNode); ok {
			flat = append(flat, a.kids...)
		} else {
			flat = append(flat, k)
		}
	}
	return &andNode{kids: flat, order: byCost(flat)}
}

// makeOr joins kids with OR, flattening nested ORs.
func makeOr(kids []node) node {
	if len(kids) == 1 {
		return kids[0]
	}
	flat := make([]node, 0, len(kids))
	for _, k := range kids {
		if o, ok := k.(*orNode); ok {
			flat = append(flat, o.kids...)
		} else {
			flat = append(flat, k)
		}
	}
	return &orNode{kids: flat, order: byCost(flat)}
}

// makeNot negates kid; two negations cancel out.
func makeNot(kid node) node {
	if n, ok := kid.(*notNode); ok {
		return n.kid
	}
	return &notNode{kid: kid}
}
