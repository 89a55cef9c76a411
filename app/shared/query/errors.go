package query

import (
	"fmt"
	"unicode/utf8"
)

// Limits that keep hostile or accidental input cheap to reject.
const (
	// MaxQueryLen is the longest query Parse accepts, in bytes.
	MaxQueryLen = 4096
	// MaxDepth is how deeply parentheses and NOT / - may nest.
	MaxDepth = 64
	// MaxRegexLen is the longest /regex/ accepted, in characters.
	MaxRegexLen = 500
	// MaxNear is the largest n accepted in NEAR/n.
	MaxNear = 100
	// DefaultNear is the n of a bare NEAR.
	DefaultNear = 5
)

// SyntaxError describes why a query could not be parsed and where.
type SyntaxError struct {
	// Pos is the byte offset in the query where the problem is.
	Pos int
	// Col is the same place as a 1-based column counted in characters
	// (runes), which is what to show a person.
	Col int
	// Msg says what is wrong in plain words.
	Msg string
}

// Error returns the message prefixed with the column, e.g.
// `col 5: ")" without a matching "("`.
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("col %d: %s", e.Col, e.Msg)
}

// syntaxErrorf builds a SyntaxError at byte offset pos of src.
func syntaxErrorf(src string, pos int, format string, args ...any) *SyntaxError {
	pos = min(max(pos, 0), len(src))
	return &SyntaxError{
		Pos: pos,
		Col: utf8.RuneCountInString(src[:pos]) + 1,
		Msg: fmt.Sprintf(format, args...),
	}
}
