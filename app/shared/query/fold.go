package query

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Folding makes matching case- and accent-insensitive: each rune is
// decomposed (Unicode NFD), its non-spacing and enclosing marks are dropped
// and what is left is lower-cased. A handful of letters that Unicode does
// not treat as "letter + accent" but that people type without the accent
// anyway are mapped by hand (ø→o, ł→l, ß→ss, æ→ae …).

// letterFolds are the hand-made mappings, applied after lower-casing.
var letterFolds = map[rune]string{
	'ß': "ss", 'ø': "o", 'đ': "d", 'ð': "d", 'ł': "l", 'ħ': "h",
	'ŧ': "t", 'æ': "ae", 'œ': "oe", 'ı': "i", 'ς': "σ",
}

// foldTableEnd bounds the precomputed table: Latin, IPA, Greek, Cyrillic,
// Armenian and Hebrew fold by lookup, everything else by the slow path.
const foldTableEnd = 0x0600

// latinExtAdd is Latin Extended Additional (Vietnamese and friends), which
// is common enough in feed text to deserve its own table.
const (
	latinExtAddStart = 0x1E00
	latinExtAddEnd   = 0x1F00
)

var (
	foldTable       [foldTableEnd]string
	foldTableExtAdd [latinExtAddEnd - latinExtAddStart]string
)

func init() {
	for r := rune(0); r < foldTableEnd; r++ {
		foldTable[r] = foldRuneSlow(r)
	}
	for r := rune(latinExtAddStart); r < latinExtAddEnd; r++ {
		foldTableExtAdd[r-latinExtAddStart] = foldRuneSlow(r)
	}
}

// isDroppedMark reports whether r is a mark that folding removes. Spacing
// marks (Mc) stay: in Indic scripts they are vowels, not decoration.
func isDroppedMark(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me)
}

// foldRuneSlow computes the folded form of r from the Unicode tables.
func foldRuneSlow(r rune) string {
	return string(appendFoldSlow(nil, r))
}

// appendFoldSlow appends the folded form of r computed from the Unicode
// tables: lower-case, decompose, drop marks, lower-case the pieces again
// (a few decompositions yield capitals) and apply the hand-made mappings.
func appendFoldSlow(dst []byte, r rune) []byte {
	if isDroppedMark(r) {
		return dst
	}
	l := unicode.ToLower(r)
	var enc [utf8.UTFMax]byte
	n := utf8.EncodeRune(enc[:], l)
	dec := norm.NFD.Properties(enc[:n]).Decomposition()
	if dec == nil {
		return appendFinalFold(dst, l)
	}
	for len(dec) > 0 {
		c, size := utf8.DecodeRune(dec)
		dec = dec[size:]
		if !isDroppedMark(c) {
			dst = appendFinalFold(dst, unicode.ToLower(c))
		}
	}
	return dst
}

// appendFinalFold appends a lower-case rune after the hand-made mappings.
func appendFinalFold(dst []byte, l rune) []byte {
	if s, ok := letterFolds[l]; ok {
		return append(dst, s...)
	}
	return utf8.AppendRune(dst, l)
}

// appendFoldedRune appends the folded form of r to dst.
func appendFoldedRune(dst []byte, r rune) []byte {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(dst, byte(r))
	case r < foldTableEnd:
		return append(dst, foldTable[r]...)
	case latinExtAddStart <= r && r < latinExtAddEnd:
		return append(dst, foldTableExtAdd[r-latinExtAddStart]...)
	default:
		return appendFoldSlow(dst, r)
	}
}

// Fold returns s lower-cased with accents removed, the way the query
// language compares words: Fold("Crème BRÛLÉE") == "creme brulee". Unlike
// [Tokenize] it keeps punctuation and spaces as they are. Fold is
// idempotent, and returns s itself (no allocation) when s is already folded
// ASCII.
func Fold(s string) string {
	if isFoldedASCII(s) {
		return s
	}
	out := make([]byte, 0, len(s))
	for _, r := range s {
		out = appendFoldedRune(out, r)
	}
	return string(out)
}

// isFoldedASCII reports whether s is ASCII without upper-case letters.
func isFoldedASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}
