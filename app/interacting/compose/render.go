package compose

import (
	"strings"
	"unicode/utf8"
)

// Problem kinds.
const (
	ProblemMissing   = "missing"   // a known variable has no value
	ProblemUnknown   = "unknown"   // {something} that is not a variable
	ProblemBrace     = "brace"     // a "{" that opens nothing
	ProblemInvalid   = "invalid"   // an imported template was skipped
	ProblemDuplicate = "duplicate" // an imported template repeats a name
	ProblemPlatform  = "platform"  // an imported template names an unknown platform
)

// Problem is something the composer should warn about, in plain words.
type Problem struct {
	Kind string
	Var  string // the variable, for missing and unknown
	// Template names the template, for import problems ("#3" when it has
	// no name).
	Template string
	// Start and End are byte offsets of the placeholder in Render's output,
	// so the UI can highlight "[first name]" in the draft; 0 for imports.
	Start, End int
	Message    string
}

// maxVarLen bounds what counts as a placeholder: "{" and "}" further apart
// are ordinary text with an unmatched brace.
const maxVarLen = 40

// Render fills tmpl's variables from vars. "{{" and "}}" write literal
// braces; a lone "}" is kept as it is. Names are forgiving: case, spaces
// and hyphens do not matter ("{First Name}" is {first_name}) and a few
// aliases work ({firstname}, {url}, {date}).
//
// A variable without a value renders as "[first name]" and an unknown one
// stays as written ("{frist_name}"); both are listed as problems, never
// dropped silently. Values are inserted literally: a value containing
// "{x}" is not expanded again.
func Render(tmpl string, vars Vars) (string, []Problem) {
	var b strings.Builder
	b.Grow(len(tmpl) + 64)
	var probs []Problem
	for i := 0; i < len(tmpl); {
		c := tmpl[i]
		switch {
		case c == '{' && i+1 < len(tmpl) && tmpl[i+1] == '{':
			b.WriteByte('{')
			i += 2
		case c == '}' && i+1 < len(tmpl) && tmpl[i+1] == '}':
			b.WriteByte('}')
			i += 2
		case c == '{':
			i, probs = renderVar(&b, tmpl, i, &vars, probs)
		default:
			j := i + 1
			for j < len(tmpl) && tmpl[j] != '{' && tmpl[j] != '}' {
				j++
			}
			b.WriteString(tmpl[i:j])
			i = j
		}
	}
	return b.String(), probs
}

// renderVar writes the placeholder starting at tmpl[i] == '{' and returns
// where the template continues.
func renderVar(b *strings.Builder, tmpl string, i int, vars *Vars, probs []Problem) (int, []Problem) {
	end := closingBrace(tmpl, i)
	start := b.Len()
	if end < 0 {
		b.WriteByte('{')
		return i + 1, append(probs, Problem{
			Kind: ProblemBrace, Start: start, End: start + 1,
			Message: `This "{" does not open a variable. Write "{{" for a brace, or close the variable with "}".`,
		})
	}
	raw := tmpl[i+1 : end]
	v, ok := lookupVar(normaliseVarName(raw))
	switch {
	case !ok:
		b.WriteString(tmpl[i : end+1])
		probs = append(probs, Problem{
			Kind: ProblemUnknown, Var: raw, Start: start, End: b.Len(),
			Message: unknownMessage(raw),
		})
	case v.get(vars) == "":
		b.WriteString("[" + v.Label + "]")
		probs = append(probs, Problem{
			Kind: ProblemMissing, Var: v.Name, Start: start, End: b.Len(),
			Message: "There is no " + v.Label + " to fill in yet: type it over [" + v.Label + "].",
		})
	default:
		b.WriteString(v.get(vars))
	}
	return end + 1, probs
}

// closingBrace returns the index of the "}" closing the "{" at tmpl[i], or
// -1 when there is none close by on the same line.
func closingBrace(tmpl string, i int) int {
	for j := i + 1; j < len(tmpl) && j-i <= maxVarLen+1; j++ {
		switch tmpl[j] {
		case '}':
			return j
		case '{', '\n':
			return -1
		}
	}
	return -1
}

// normaliseVarName lowercases and turns spaces and hyphens into "_".
func normaliseVarName(raw string) string {
	raw = strings.TrimSpace(raw)
	var b strings.Builder
	b.Grow(len(raw))
	for _, r := range strings.ToLower(raw) {
		if r == ' ' || r == '-' {
			r = '_'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// unknownMessage explains an unknown variable and suggests the nearest one.
func unknownMessage(raw string) string {
	msg := "{" + raw + "} is not a variable Rapport knows, so it stays as written."
	if s := suggestVar(normaliseVarName(raw)); s != "" {
		msg += " Did you mean {" + s + "}?"
	}
	return msg
}

// suggestVar returns the variable within two edits of name or of one of
// its aliases, if any.
func suggestVar(name string) string {
	if utf8.RuneCountInString(name) > maxVarLen {
		return ""
	}
	best, bestD := "", 3
	try := func(spelling, target string) {
		d := editDistance(name, spelling)
		if d < bestD || (d == bestD && best != "" && target < best) { // ties: stable answer
			best, bestD = target, d
		}
	}
	for _, v := range variables {
		try(v.Name, v.Name)
	}
	for alias, target := range aliases {
		try(alias, target)
	}
	return best
}

// editDistance is the Levenshtein distance between two short strings.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// templateProblems lists the unknown variables and stray braces in a
// template, as an import warns about them. There is no draft to point
// into, so the offsets are cleared.
func templateProblems(name, body string) []Problem {
	_, probs := Render(body, Vars{})
	var out []Problem
	for _, p := range probs {
		if p.Kind != ProblemMissing {
			p.Template, p.Start, p.End = name, 0, 0
			out = append(out, p)
		}
	}
	return out
}
