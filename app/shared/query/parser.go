package query

// The parser is a recursive descent over the grammar in docs/queries.md:
//
//	or    = and { "OR" and }
//	and   = unary { [ "AND" ] unary }
//	unary = ( "NOT" | "-" ) unary | near
//	near  = primary [ NEAR primary ]
//	primary = [ field ":" ] atom
//	atom  = word | phrase | regex | "(" or ")"

// parser holds the state of one Parse call.
type parser struct {
	src   string
	toks  []lexeme
	i     int
	depth int
	field field // field of the enclosing field: prefix, if any
}

// cur returns the lexeme under the cursor.
func (p *parser) cur() lexeme { return p.toks[p.i] }

// advance moves past the current lexeme, never past kEOF.
func (p *parser) advance() {
	if p.i < len(p.toks)-1 {
		p.i++
	}
}

// errorf returns a SyntaxError at byte offset pos.
func (p *parser) errorf(pos int, format string, args ...any) error {
	return syntaxErrorf(p.src, pos, format, args...)
}

// enter counts one more level of nesting and refuses too many.
func (p *parser) enter(pos int) error {
	p.depth++
	if p.depth > MaxDepth {
		return p.errorf(pos, "too much nesting of parentheses and NOT (the limit is %d levels)", MaxDepth)
	}
	return nil
}

// startsUnary reports whether k can begin an operand of AND / OR.
func startsUnary(k kind) bool {
	switch k {
	case kNot, kMinus, kField, kWord, kPhrase, kRegex, kLParen:
		return true
	}
	return false
}

// startsPrimary reports whether k can begin an operand of NEAR.
func startsPrimary(k kind) bool {
	return k != kNot && k != kMinus && startsUnary(k)
}

// keywordName spells a keyword lexeme for messages.
func keywordName(k kind) string {
	switch k {
	case kAnd:
		return "AND"
	case kOr:
		return "OR"
	case kNot:
		return "NOT"
	case kMinus:
		return `"-"`
	}
	return "NEAR"
}

// unexpected explains why the current lexeme cannot start an operand.
func (p *parser) unexpected() error {
	l := p.cur()
	switch l.kind {
	case kAnd, kOr:
		return p.errorf(l.pos, "%s needs something to search on both sides", keywordName(l.kind))
	case kNear:
		return p.errorf(l.pos, "NEAR needs a term on both sides")
	case kRParen:
		return p.errorf(l.pos, `")" without a matching "("`)
	}
	return p.errorf(l.pos, "the query ends too early")
}

// parseQuery parses the whole query.
func (p *parser) parseQuery() (node, error) {
	if p.cur().kind == kEOF {
		return nil, p.errorf(0, "empty query")
	}
	n, err := p.parseOr()
	if err != nil {
		return nil, err
	}
	if p.cur().kind != kEOF {
		return nil, p.unexpected()
	}
	return n, nil
}

// parseOr parses: and { "OR" and }.
func (p *parser) parseOr() (node, error) {
	var kids []node
	for {
		if !startsUnary(p.cur().kind) {
			return nil, p.unexpected()
		}
		n, err := p.parseAnd()
		if err != nil {
			return nil, err
		}
		kids = append(kids, n)
		if p.cur().kind != kOr {
			return makeOr(kids), nil
		}
		op := p.cur()
		p.advance()
		if !startsUnary(p.cur().kind) {
			return nil, p.errorf(op.pos, "OR needs something to search on both sides")
		}
	}
}

// parseAnd parses: unary { [ "AND" ] unary }.
func (p *parser) parseAnd() (node, error) {
	var kids []node
	for {
		n, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		kids = append(kids, n)
		if op := p.cur(); op.kind == kAnd {
			p.advance()
			if !startsUnary(p.cur().kind) {
				return nil, p.errorf(op.pos, "AND needs something to search on both sides")
			}
			continue
		}
		if !startsUnary(p.cur().kind) {
			return makeAnd(kids), nil
		}
	}
}

// parseUnary parses: ( "NOT" | "-" ) unary | near.
func (p *parser) parseUnary() (node, error) {
	op := p.cur()
	if op.kind != kNot && op.kind != kMinus {
		return p.parseNear()
	}
	if err := p.enter(op.pos); err != nil {
		return nil, err
	}
	p.advance()
	if next := p.cur(); next.kind == kNear {
		return nil, p.errorf(next.pos, "NEAR needs a term on both sides")
	} else if !startsUnary(next.kind) {
		return nil, p.errorf(op.pos, "%s needs something to leave out after it", keywordName(op.kind))
	}
	kid, err := p.parseUnary()
	if err != nil {
		return nil, err
	}
	p.depth--
	return makeNot(kid), nil
}

// parseNear parses: primary [ NEAR primary ].
func (p *parser) parseNear() (node, error) {
	left, err := p.parsePrimary()
	if err != nil {
		return nil, err
	}
	op := p.cur()
	if op.kind != kNear {
		return left, nil
	}
	p.advance()
	if !startsPrimary(p.cur().kind) {
		return nil, p.errorf(op.pos, "NEAR needs a term on both sides")
	}
	right, err := p.parsePrimary()
	if err != nil {
		return nil, err
	}
	if next := p.cur(); next.kind == kNear {
		return nil, p.errorf(next.pos, "NEAR can't be chained: write (a NEAR b) AND (b NEAR c)")
	}
	return p.makeNear(op, left, right)
}

// makeNear checks that both sides of NEAR are word-like and search the
// same field.
func (p *parser) makeNear(op lexeme, left, right node) (node, error) {
	pa, fa, okA := positional(left)
	pb, fb, okB := positional(right)
	if !okA || !okB {
		return nil, p.errorf(op.pos, "NEAR only works between words, phrases, word* wildcards or (a OR b) groups of them")
	}
	if fa != fb {
		return nil, p.errorf(op.pos, "both sides of NEAR must search the same field: write e.g. title:(a NEAR b)")
	}
	return &nearNode{a: left, b: right, pa: pa, pb: pb, n: op.n, field: fa}, nil
}

// parsePrimary parses: [ field ":" ] atom.
func (p *parser) parsePrimary() (node, error) {
	f := p.cur()
	if f.kind != kField {
		return p.parseAtom()
	}
	name := fieldNames[f.field] + ":"
	if p.field != fieldDefault {
		return nil, p.errorf(f.pos, "%s can't be used inside %s(…): a field can't be nested in another", name, fieldNames[p.field]+":")
	}
	p.advance()
	switch p.cur().kind {
	case kWord, kPhrase, kRegex, kLParen:
	case kMinus:
		return nil, p.errorf(f.pos, "put the minus before the field, e.g. -%scoffee", name)
	default:
		return nil, p.errorf(f.pos, "%s needs something to search right after it, e.g. %scoffee", name, name)
	}
	p.field = f.field
	kid, err := p.parseAtom()
	p.field = fieldDefault
	if err != nil {
		return nil, err
	}
	return &fieldNode{field: f.field, kid: kid}, nil
}

// parseAtom parses a word, phrase, regex or parenthesised group.
func (p *parser) parseAtom() (node, error) {
	l := p.cur()
	switch l.kind {
	case kWord:
		p.advance()
		return p.wordLeaf(l)
	case kPhrase:
		p.advance()
		return p.phraseLeaf(l)
	case kRegex:
		p.advance()
		return p.regexLeaf(l)
	case kLParen:
		return p.parseGroup()
	}
	return nil, p.unexpected()
}

// parseGroup parses "(" or ")".
func (p *parser) parseGroup() (node, error) {
	open := p.cur()
	if err := p.enter(open.pos); err != nil {
		return nil, err
	}
	p.advance()
	switch p.cur().kind {
	case kRParen:
		return nil, p.errorf(open.pos, "empty parentheses: put something to search between ( and )")
	case kEOF:
		return nil, p.errorf(open.pos, `"(" is never closed: add a ")"`)
	}
	n, err := p.parseOr()
	if err != nil {
		return nil, err
	}
	if p.cur().kind != kRParen {
		return nil, p.errorf(open.pos, `"(" is never closed: add a ")"`)
	}
	p.advance()
	p.depth--
	return n, nil
}
