package analyze

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The author's own words. A post often carries words that are not its
// author's: a quoted post ("> …", "Kim wrote:", "RT @x:"), a reply header
// ("In reply to Kim Park.", "Replying to @a @b"), a signature ("-- ",
// "Sent from my iPhone", "Thanks, Dave") and the names of people (the
// business's team, its contacts, the author). None of them is evidence
// for sentiment, intents or touch points: the name Park is not a
// location, "reply" in a header is not customer service.
//
// ownWords finds those parts and blanks them with spaces before anything
// else reads the post, so byte offsets stay those of the post; each part
// becomes a cue of kind CueIgnored.

// ignored is a part of a post that is not the author's.
type ignored struct {
	start, end int
	why        string
}

// nameSet holds configured names of people: full names as lower-case word
// sequences, and the single words that count when capitalised.
type nameSet struct {
	full  map[string][][]string // first word → full names starting with it
	parts map[string]bool       // words of the names (not function words)
}

// compileNames prepares the configured names of people.
func compileNames(names []string) nameSet {
	ns := nameSet{full: map[string][][]string{}, parts: map[string]bool{}}
	for _, n := range names {
		ws := nameWords(n)
		if len(ws) == 0 {
			continue
		}
		ns.full[ws[0]] = append(ns.full[ws[0]], ws)
		for _, w := range ws {
			if len(w) >= 3 && !stopWords["en"][w] && !nameFunctionWords[w] {
				ns.parts[w] = true
			}
		}
	}
	return ns
}

// nameFunctionWords are given names that are also everyday words; as a
// single capitalised word they are not taken for the person.
var nameFunctionWords = setOf(`will may june april august mark bill grace hope joy faith rose sunny
	pat art frank chase hunter drew miles ray dawn summer star angel rich best good`)

// nameWords lower-cases a name and splits it into words ("@x" → "x").
func nameWords(n string) []string {
	var ws []string
	for _, w := range strings.Fields(strings.ToLower(n)) {
		w = strings.Trim(w, pyPunct)
		if w != "" {
			ws = append(ws, w)
		}
	}
	return ws
}

// ownWords returns text with the parts that are not the author's replaced
// by spaces (the same string when there are none) and those parts.
func (a *Analyzer) ownWords(text, author string, out []ignored) (string, []ignored) {
	out = out[:0]
	out = quotedLines(text, out)
	out = signOff(text, out)
	out = a.names.find(text, author, a.lx, out)
	if len(out) == 0 {
		return text, out
	}
	b := []byte(text)
	for _, ig := range out {
		for i := ig.start; i < ig.end; i++ {
			if b[i] != '\n' {
				b[i] = ' '
			}
		}
	}
	return string(b), out
}

// quotedLines finds quoted lines, reply headers and signatures. A retweet
// ("RT @x: …") is left alone: sharing a post says it again as one's own,
// and people who rate such tweets read it so (the 4,200 rated tweets).
func quotedLines(text string, out []ignored) []ignored {
	for ls := 0; ls < len(text); {
		le := strings.IndexByte(text[ls:], '\n')
		if le < 0 {
			le = len(text)
		} else {
			le += ls
		}
		p := ls
		for p < le && (text[p] == ' ' || text[p] == '\t' || text[p] == '\r') {
			p++
		}
		line := text[p:le]
		switch {
		case strings.HasPrefix(line, ">") || strings.HasPrefix(line, "&gt;"):
			out = append(out, ignored{p, le, "a quoted line"})
		case line == "--" || line == "-- " || line == "—" || line == "__":
			return append(out, ignored{p, len(text), "a signature"})
		case hasPrefixFold(line, "sent from my "):
			out = append(out, ignored{p, le, "a signature"})
		default:
			if n := replyHeader(line); n > 0 {
				out = append(out, ignored{p, p + n, "a reply header"})
			} else if n := wroteHeader(line); n > 0 {
				out = append(out, ignored{p, le, "a quoted post"})
			}
		}
		ls = le + 1
	}
	return out
}

// replyHeaders open a line that says what the post answers.
// ("Re:" is left alone: it opens a subject line, which is the author's.)
var replyHeaders = []string{"in reply to ", "replying to ", "in response to ", "reply to "}

// replyHeader returns the length of a reply header at the start of line:
// "Replying to @a @b and @c" up to the last handle, "In reply to Kim Park."
// up to the first stop or colon (at most eight words).
func replyHeader(line string) int {
	h := ""
	for _, r := range replyHeaders {
		if hasPrefixFold(line, r) {
			h = r
			break
		}
	}
	if h == "" {
		return 0
	}
	i := len(h)
	if strings.HasPrefix(line[i:], "@") {
		// a list of handles: "@a @b and @c", "@a, @b"
		end := i
		for j := i; j < len(line); {
			w, ws, next := nextWord(line, j)
			if w == "" {
				break
			}
			switch {
			case strings.HasPrefix(w, "@"):
				end = ws + len(strings.TrimRight(w, ",:"))
			case w == "and" || w == "&" || w == ",":
			default:
				return end
			}
			j = next
		}
		return end
	}
	words := 0
	for j := i; j < len(line); j++ {
		switch line[j] {
		case '.', ':', '!', '?', '\n':
			if line[j] == '.' && j+1 < len(line) && line[j+1] != ' ' {
				continue // "Mr.Smith", "3.5"
			}
			return j + 1
		case ' ':
			words++
			if words > 8 {
				return j
			}
		}
	}
	return len(line)
}

// wroteHeader matches "Kim wrote:" and "On 3 May, Kim Park wrote:", which
// e-mail and forums put before a quoted post. ("he said: …" is the
// author's own telling and stays.)
func wroteHeader(line string) int {
	for _, v := range []string{" wrote:", " writes:"} {
		if i := indexFold(line, v); i > 0 && i < 100 {
			return i + len(v)
		}
	}
	return 0
}

// signOff finds a closing signature: "Thanks,\nDave", "Cheers, Dave" on
// the last line, or " - Dave" / " ~Dave" / " ^DK" ending the post.
func signOff(text string, out []ignored) []ignored {
	end := len(strings.TrimRight(text, " \t\r\n"))
	if end == 0 {
		return out
	}
	ls := strings.LastIndexByte(text[:end], '\n') + 1
	last := text[ls:end]
	if n := nameTail(last); n > 0 {
		return append(out, ignored{ls + len(last) - n, end, "a signature"})
	}
	if ls == 0 || strings.Count(strings.TrimSpace(last), " ") > 3 {
		return out // no earlier line, or a line longer than a signature
	}
	lw := strings.Fields(last)
	if len(lw) <= 3 && allCapitalised(lw) {
		// a name on its own line after a valediction line
		pe := len(strings.TrimRight(text[:ls], " \t\r\n"))
		ps := strings.LastIndexByte(text[:pe], '\n') + 1
		if isValediction(text[ps:pe]) {
			return append(out, ignored{ps, end, "a signature"})
		}
	}
	if len(lw) >= 2 && len(lw) <= 4 && isValediction(lw[0]) && allCapitalised(lw[1:]) {
		return append(out, ignored{ls, end, "a signature"}) // "Thanks, Dave" alone on the last line
	}
	return out
}

// nameTail returns the length of " - Dave", " — Dave K", " ~Dave", " ^DK"
// ending line, or 0.
func nameTail(line string) int {
	for _, dash := range []string{" - ", " — ", " – ", " ~", " ^"} {
		i := strings.LastIndex(line, dash)
		if i < 0 {
			continue
		}
		rest := strings.Fields(line[i+len(dash):])
		if len(rest) >= 1 && len(rest) <= 2 && allCapitalised(rest) && !strings.ContainsAny(line[i:], "!?") &&
			(dash != " ^" || len(rest[0]) <= 3) {
			return len(line) - i - 1
		}
	}
	return 0
}

func isValediction(s string) bool {
	ws := strings.Fields(strings.ToLower(strings.Trim(strings.TrimSpace(s), ",.!-—")))
	if len(ws) == 0 || len(ws) > 3 {
		return false
	}
	for _, w := range ws {
		w = strings.Trim(w, ",.!")
		if !valedictions[w] && w != "you" && w != "kind" && w != "many" && w != "wishes" && w != "all" && w != "so" && w != "much" {
			return false
		}
	}
	return true
}

func allCapitalised(ws []string) bool {
	for _, w := range ws {
		w = strings.TrimRight(w, ".,")
		r, _ := utf8.DecodeRuneInString(w)
		if w == "" || !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// find returns the names of people in text: configured names (the team,
// contacts), the author's name, and given names in name contexts.
func (ns *nameSet) find(text, author string, lx *lexicons, out []ignored) []ignored {
	var aw []string
	if author != "" {
		aw = nameWords(author)
	}
	var ws [64]wordAt
	words := wordsOf(text, ws[:0])
	already := len(out)
	for i := 0; i < len(words); i++ {
		if inIgnored(out[:already], words[i].start) {
			continue
		}
		if n := ns.nameAt(text, words, i, aw, lx); n > 0 {
			out = append(out, ignored{words[i].start, words[i+n-1].end, "a name"})
			i += n - 1
		}
	}
	return out
}

func inIgnored(ig []ignored, pos int) bool {
	for _, x := range ig {
		if pos >= x.start && pos < x.end {
			return true
		}
	}
	return false
}

// wordAt is a word of a post by byte offsets, with the punctuation that
// follows it.
type wordAt struct {
	start, end int
	stop       bool // a sentence stop (. ! ?) or line break follows
	lower      string
}

// wordsOf splits text into words of letters, apostrophes and hyphens.
// Their lower-case forms are cut from one lower-cased copy of the text
// (ASCII letters only; the byte offsets stay the same).
func wordsOf(text string, out []wordAt) []wordAt {
	low := lowerASCIIBytes(text)
	i := 0
	for i < len(text) {
		r, w := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) {
			if len(out) > 0 && (r == '.' || r == '!' || r == '?' || r == '\n') {
				out[len(out)-1].stop = true
			}
			i += w
			continue
		}
		j := i + w
		for j < len(text) {
			r2, w2 := utf8.DecodeRuneInString(text[j:])
			if !unicode.IsLetter(r2) && r2 != '\'' && r2 != '’' && r2 != '-' {
				break
			}
			j += w2
		}
		start := i
		if start > 0 && text[start-1] == '@' {
			start-- // a handle is one word with its '@'
		}
		out = append(out, wordAt{start: start, end: j, lower: low[start:j]})
		i = j
	}
	return out
}

// nameAt returns how many words from i are a person's name, or 0.
func (ns *nameSet) nameAt(text string, words []wordAt, i int, author []string, lx *lexicons) int {
	w := words[i].lower
	if n := matchName(words, i, author); n > 0 {
		return n
	}
	for _, full := range ns.full[w] {
		if n := matchName(words, i, full); n > 0 {
			return n
		}
	}
	capital := isCapital(text, words[i])
	if !capital {
		return 0
	}
	if ns.parts[w] {
		return 1
	}
	if !firstNames[w] {
		return 0
	}
	initial := i == 0 || words[i-1].stop
	if i+1 < len(words) && !words[i].stop && isCapital(text, words[i+1]) && !stopWords["en"][words[i+1].lower] &&
		!strings.HasPrefix(words[i+1].lower, "@") && !lx.sentimentWord(words[i+1].lower) &&
		(words[i+1].stop || i+2 >= len(words) || !isCapital(text, words[i+2])) {
		// "Kim Park", "Grace Price"; not "Georgia Emergency Management",
		// nor "Joe Dirt" or "Brian Blessed" (a surname that is a sentiment
		// word is far rarer than a title that uses one)
		return 2
	}
	if i > 0 && !initial && nameBefore[words[i-1].lower] {
		return 1 // "thanks Joy"
	}
	if i+1 < len(words) && !words[i].stop {
		next := words[i+1].lower
		if next == "at" || next == "from" || next == "in" || next == "on" || (!initial && nameAfter[next]) {
			return 1 // "Luis at the café", "Kim from support"
		}
	}
	return 0
}

// matchName reports how many words from i spell name, or 0.
func matchName(words []wordAt, i int, name []string) int {
	if len(name) == 0 || i+len(name) > len(words) {
		return 0
	}
	for k, n := range name {
		if strings.TrimPrefix(words[i+k].lower, "@") != n {
			return 0
		}
		if k < len(name)-1 && words[i+k].stop {
			return 0
		}
	}
	return len(name)
}

// isCapital reports a word that starts with an upper-case letter and is
// not written all in capitals (shouting is not a name).
func isCapital(text string, w wordAt) bool {
	r, _ := utf8.DecodeRuneInString(text[w.start:])
	if !unicode.IsUpper(r) || w.end-w.start < 2 {
		return false
	}
	for _, r := range text[w.start:w.end] {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}

// nextWord returns the space-separated word from i, where it starts and
// where the search for the next one starts.
func nextWord(s string, i int) (string, int, int) {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	j := i
	for j < len(s) && s[j] != ' ' {
		j++
	}
	return s[i:j], i, j
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// indexFold is strings.Index ignoring ASCII case, for short ASCII needles.
func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// sentimentWord reports a word of the VADER lexicon or the supplement.
func (lx *lexicons) sentimentWord(w string) bool {
	if _, ok := lx.words[w]; ok {
		return true
	}
	_, ok := lx.extra[w]
	return ok
}

// lowerASCIIBytes lower-cases the ASCII letters of s, keeping every byte
// where it is (strings.ToLower may change lengths); s itself when it has
// none.
func lowerASCIIBytes(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
