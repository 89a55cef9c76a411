package query

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// kind is the kind of a lexeme.
type kind uint8

const (
	kEOF    kind = iota
	kWord        // bare word, possibly ending in *
	kPhrase      // "quoted phrase"; text is what is between the quotes
	kRegex       // /regex/ or /regex/i; text is the raw pattern
	kLParen      // (
	kRParen      // )
	kAnd         // AND
	kOr          // OR
	kNot         // NOT
	kMinus       // - written right before what it excludes
	kNear        // NEAR or NEAR/n
	kField       // title: and friends
)

// lexeme is one unit of a query.
type lexeme struct {
	kind  kind
	pos   int    // byte offset of the first character
	text  string // word, phrase content or regex pattern (raw)
	n     int    // NEAR distance
	field field  // kField: which field
	fold  bool   // kRegex: the i flag
}

// lexer splits a query into lexemes.
type lexer struct {
	src string
	i   int
	out []lexeme
}

// lex returns the lexemes of src, ending with a kEOF.
func lex(src string) ([]lexeme, error) {
	lx := &lexer{src: src}
	for {
		lx.skipSpace()
		if lx.i >= len(src) {
			lx.out = append(lx.out, lexeme{kind: kEOF, pos: len(src)})
			return lx.out, nil
		}
		if err := lx.next(); err != nil {
			return nil, err
		}
	}
}

// skipSpace advances past white space.
func (lx *lexer) skipSpace() {
	for lx.i < len(lx.src) {
		r, size := utf8.DecodeRuneInString(lx.src[lx.i:])
		if !unicode.IsSpace(r) {
			return
		}
		lx.i += size
	}
}

// emit records a lexeme.
func (lx *lexer) emit(l lexeme) { lx.out = append(lx.out, l) }

// errorf returns a SyntaxError at byte offset pos.
func (lx *lexer) errorf(pos int, format string, args ...any) error {
	return syntaxErrorf(lx.src, pos, format, args...)
}

// next lexes one lexeme starting at lx.i, which is not white space.
func (lx *lexer) next() error {
	start := lx.i
	r, size := utf8.DecodeRuneInString(lx.src[start:])
	switch {
	case r == '(':
		lx.emit(lexeme{kind: kLParen, pos: start})
		lx.i++
	case r == ')':
		lx.emit(lexeme{kind: kRParen, pos: start})
		lx.i++
	case isQuote(r):
		return lx.phrase(start, size)
	case r == '/':
		return lx.regex(start)
	case r == '-':
		return lx.minus(start)
	default:
		return lx.word(start)
	}
	return nil
}

// atDelimiter reports whether position i ends a word: the end of the
// query, white space, a parenthesis or a quote.
func (lx *lexer) atDelimiter(i int) bool {
	if i >= len(lx.src) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(lx.src[i:])
	return unicode.IsSpace(r) || r == '(' || r == ')' || isQuote(r)
}

// isQuote reports whether r opens or closes a phrase: straight quotes and
// the curly ones word processors and phones type (“…”, ”…”, „…“).
func isQuote(r rune) bool {
	return r == '"' || r == '“' || r == '”' || r == '„'
}

// phrase lexes a quoted phrase; straight and curly quotes both work, and
// any closing quote ends any opening one.
func (lx *lexer) phrase(start, size int) error {
	body := start + size
	end := strings.IndexAny(lx.src[body:], "\"”“")
	if end < 0 {
		return lx.errorf(start, "missing closing quote for the phrase that starts here")
	}
	_, closeSize := utf8.DecodeRuneInString(lx.src[body+end:])
	lx.emit(lexeme{kind: kPhrase, pos: start, text: lx.src[body : body+end]})
	lx.i = body + end + closeSize
	return nil
}

// minus lexes a - that must be glued to what it excludes.
func (lx *lexer) minus(start int) error {
	if lx.atDelimiter(start+1) && !lx.startsGroupOrPhrase(start+1) {
		return lx.errorf(start, `a "-" must be written right before what to leave out, e.g. -decaf`)
	}
	lx.emit(lexeme{kind: kMinus, pos: start})
	lx.i = start + 1
	return nil
}

// startsGroupOrPhrase reports whether a ( or an opening quote is at i.
func (lx *lexer) startsGroupOrPhrase(i int) bool {
	if i >= len(lx.src) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(lx.src[i:])
	return r == '(' || isQuote(r)
}

// regex lexes /pattern/ with an optional i flag. A backslash escapes the
// next character, so \/ is a slash inside the pattern.
func (lx *lexer) regex(start int) error {
	i := start + 1
	for ; i < len(lx.src) && lx.src[i] != '/'; i++ {
		if lx.src[i] == '\\' {
			i++
		}
	}
	if i >= len(lx.src) {
		return lx.errorf(start, "missing closing / for the regex that starts here")
	}
	l := lexeme{kind: kRegex, pos: start, text: lx.src[start+1 : i]}
	i++
	flags := i
	for i < len(lx.src) && isASCIILetters(lx.src[i:i+1]) {
		i++
	}
	switch lx.src[flags:i] {
	case "":
	case "i":
		l.fold = true
	default:
		return lx.errorf(flags, "unknown regex flag %q: only /…/i (ignore case) is supported", lx.src[flags:i])
	}
	if !lx.atDelimiter(i) {
		return lx.errorf(i, "put a space after the regex that ends here")
	}
	lx.emit(l)
	lx.i = i
	return nil
}

// word lexes a bare word, keyword or field prefix.
func (lx *lexer) word(start int) error {
	if ok, err := lx.fieldPrefix(start); ok || err != nil {
		return err
	}
	end := start
	for !lx.atDelimiter(end) {
		_, size := utf8.DecodeRuneInString(lx.src[end:])
		end += size
	}
	lx.i = end
	text := lx.src[start:end]
	switch {
	case text == "AND":
		lx.emit(lexeme{kind: kAnd, pos: start})
	case text == "OR":
		lx.emit(lexeme{kind: kOr, pos: start})
	case text == "NOT":
		lx.emit(lexeme{kind: kNot, pos: start})
	case text == "NEAR" || strings.HasPrefix(text, "NEAR/"):
		return lx.near(start, text)
	default:
		lx.emit(lexeme{kind: kWord, pos: start, text: text})
	}
	return nil
}

// near lexes NEAR or NEAR/n.
func (lx *lexer) near(start int, text string) error {
	n := DefaultNear
	if digits, ok := strings.CutPrefix(text, "NEAR/"); ok {
		if digits == "" || strings.Trim(digits, "0123456789") != "" {
			return lx.errorf(start, "%s needs a number of words, e.g. NEAR/3", text)
		}
		v, err := strconv.Atoi(digits)
		if err != nil || v > MaxNear {
			return lx.errorf(start, "%s is too far apart: the most is NEAR/%d", text, MaxNear)
		}
		n = v
	}
	lx.emit(lexeme{kind: kNear, pos: start, n: n})
	return nil
}

// fieldPrefix lexes "name:" at start when name is a field. Other letters
// followed by ":" are an ordinary word when white space or "/" follows
// ("Note:", "https://…"), and an error otherwise, since they are most
// likely a misspelt field.
func (lx *lexer) fieldPrefix(start int) (bool, error) {
	j := start
	for j < len(lx.src) && isASCIILetters(lx.src[j:j+1]) {
		j++
	}
	if j == start || j >= len(lx.src) || lx.src[j] != ':' {
		return false, nil
	}
	name := lx.src[start:j]
	if f, ok := lookupField(name); ok {
		lx.emit(lexeme{kind: kField, pos: start, field: f})
		lx.i = j + 1
		return true, nil
	}
	if lx.atDelimiter(j+1) || lx.src[j+1] == '/' {
		return false, nil
	}
	hint := ""
	if s := suggestField(name); s != "" {
		hint = " (did you mean " + s + ":?)"
	}
	return false, lx.errorf(start, "unknown field %q%s — use %s, or put the text in quotes to search for it",
		name+":", hint, fieldList)
}
