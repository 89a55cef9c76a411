package query

import (
	"cmp"
	"slices"
)

// Span is a range of a document field to highlight.
type Span struct {
	// Field is "title", "text", "author" or "source".
	Field string
	// Start and End are byte offsets into the original, unfolded field
	// string: Doc.Title[Start:End] is the matched text.
	Start, End int
}

// fieldOrder sorts spans title first, then text, author and source.
func fieldOrder(name string) int {
	for i, n := range textFieldNames {
		if n == name {
			return i
		}
	}
	return len(textFieldNames)
}

// mergeSpans returns a sorted copy of spans in which overlapping or
// touching ranges of the same field are joined.
func mergeSpans(spans []Span) []Span {
	if len(spans) == 0 {
		return nil
	}
	out := slices.Clone(spans)
	slices.SortFunc(out, func(a, b Span) int {
		return cmp.Or(
			cmp.Compare(fieldOrder(a.Field), fieldOrder(b.Field)),
			cmp.Compare(a.Start, b.Start),
			cmp.Compare(a.End, b.End),
		)
	})
	merged := out[:1]
	for _, s := range out[1:] {
		last := &merged[len(merged)-1]
		if s.Field == last.Field && s.Start <= last.End {
			last.End = max(last.End, s.End)
			continue
		}
		merged = append(merged, s)
	}
	return slices.Clip(merged)
}
