package query

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// wordLeaf turns a bare word into a leaf for the current field.
func (p *parser) wordLeaf(l lexeme) (node, error) {
	switch p.field {
	case fieldSite:
		return p.siteLeaf(l, l.text)
	case fieldLang:
		return p.langLeaf(l, l.text)
	}
	body := strings.TrimRight(l.text, "*")
	prefix := len(body) < len(l.text)
	if strings.Contains(body, "*") {
		return nil, p.errorf(l.pos, "* only works at the end of a word, e.g. roast*")
	}
	words := queryWords(body)
	switch {
	case len(words) == 0 && prefix:
		return nil, p.errorf(l.pos, "* needs letters or digits before it, e.g. roast*")
	case len(words) == 0:
		return nil, p.errorf(l.pos, "%q has no letters or digits to search for", l.text)
	case len(words) > 1 && prefix:
		return nil, p.errorf(l.pos, "a * wildcard works on a single word, and %q is several", body)
	}
	return &wordNode{words: words, prefix: prefix, field: p.field}, nil
}

// phraseLeaf turns a quoted phrase into a leaf for the current field.
func (p *parser) phraseLeaf(l lexeme) (node, error) {
	switch p.field {
	case fieldSite:
		return p.siteLeaf(l, strings.TrimSpace(l.text))
	case fieldLang:
		return p.langLeaf(l, strings.TrimSpace(l.text))
	}
	words := queryWords(l.text)
	if len(words) == 0 {
		return nil, p.errorf(l.pos, "nothing to search for between these quotes")
	}
	return &wordNode{words: words, field: p.field}, nil
}

// queryWords tokenizes a term or phrase of the query like document text.
func queryWords(s string) []qword {
	var ft fieldToks
	ft.tokenize(s)
	if len(ft.toks) == 0 {
		return nil
	}
	text := string(ft.buf)
	words := make([]qword, len(ft.toks))
	for i, t := range ft.toks {
		words[i] = qword{text: text[t.fs:t.fe], sig: t.sig != 0}
	}
	return words
}

// siteLeaf builds a site: leaf from a domain.
func (p *parser) siteLeaf(l lexeme, v string) (node, error) {
	d, ok := normalizeSite(v)
	if !ok {
		return nil, p.errorf(l.pos, "site: needs a domain name like reddit.com, not %q", v)
	}
	return &siteNode{domain: d}, nil
}

// langLeaf builds a lang: leaf from a language code.
func (p *parser) langLeaf(l lexeme, v string) (node, error) {
	tag, ok := normalizeLang(v)
	if !ok {
		return nil, p.errorf(l.pos, "lang: needs a language code like en or pt-br, not %q", v)
	}
	return &langNode{tag: tag}, nil
}

// regexLeaf compiles a /regex/ for the current field.
func (p *parser) regexLeaf(l lexeme) (node, error) {
	if n := utf8.RuneCountInString(l.text); n > MaxRegexLen {
		return nil, p.errorf(l.pos, "regex is too long (%d characters; the limit is %d)", n, MaxRegexLen)
	}
	if l.text == "" {
		return nil, p.errorf(l.pos, "empty regex: put a pattern between the slashes")
	}
	re, err := compileRegex(l.text, l.fold)
	if err != nil {
		return nil, p.errorf(l.pos, "invalid regex: %v", err)
	}
	return &regexNode{re: re, raw: l.text, fold: l.fold, field: p.field}, nil
}

// compileRegex compiles a raw pattern, turning \/ back into /.
func compileRegex(raw string, fold bool) (*regexp.Regexp, error) {
	var sb strings.Builder
	if fold {
		sb.WriteString("(?i)")
	}
	for i := 0; i < len(raw); i++ {
		if raw[i] == '\\' && i+1 < len(raw) {
			if raw[i+1] != '/' {
				sb.WriteByte('\\')
			}
			i++
		}
		sb.WriteByte(raw[i])
	}
	// The caller reports the error with its position; regexp's own text
	// ("missing closing )" …) is the useful part.
	return regexp.Compile(sb.String())
}

// positional returns n as a producer of word positions, with the field it
// searches, if n can be an operand of NEAR.
func positional(n node) (posExpr, field, bool) {
	switch n := n.(type) {
	case *fieldNode:
		return positional(n.kid)
	case *wordNode:
		return n, n.field, true
	case *orNode:
		kids := make([]posExpr, len(n.kids))
		var f field
		for i, k := range n.kids {
			pk, fk, ok := positional(k)
			if !ok || (i > 0 && fk != f) {
				return nil, 0, false
			}
			kids[i], f = pk, fk
		}
		return &posOr{kids: kids}, f, true
	}
	return nil, 0, false
}
