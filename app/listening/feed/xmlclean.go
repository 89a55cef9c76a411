package feed

import (
	"bytes"
	"errors"
	"io"
	"unicode/utf8"
)

// Limits of what one piece of a feed may cost. gofeed holds the text of
// an element many times over while it reads it (about 18 times its size),
// so the text of each element is cut before gofeed sees it: a post keeps
// at most 64 KB of text anyway (maxTextBytes), and 512 KB of HTML is
// plenty to give that.
const (
	maxContentBytes = 512 << 10 // character data and CDATA between two tags
	maxTagBytes     = 64 << 10  // one start or end tag with its attributes
	maxOpenElements = 256       // open elements tracked to close a cut-off document
	maxNameBytes    = 64        // of an element name kept for closing it
)

// The states of the cleaner: where in the markup the last byte was.
const (
	inText    = iota // character data
	inLT             // after a '<' in text, not yet known to start markup
	inTag            // in a start or end tag
	inBang           // after "<!": a comment, CDATA or a declaration
	inComment        // <!-- … -->, dropped
	inCDATA          // <![CDATA[ … ]]>
	inPI             // <? … ?>, dropped (the XML declaration too: the text is UTF-8 by now)
	inDecl           // <!DOCTYPE …> and the like, dropped
)

// xmlCleaner streams a feed, already decoded to UTF-8, into what gofeed's
// XML parser can read, fixing what real feeds get wrong: invalid UTF-8
// becomes U+FFFD; characters XML forbids (C0 controls, U+FFFE, U+FFFF) are
// dropped; a '<' that cannot start markup ("3<4") becomes "&lt;";
// comments, processing instructions and declarations (DOCTYPE, with any
// entities it declares) are dropped; the text between two tags is cut at
// maxContentBytes and a tag at maxTagBytes; a document cut off before its
// end is closed; anything after the root element is ignored.
//
// It works in place in the caller's buffer: bytes that need no change are
// neither copied nor moved, and only what grows (a replacement character,
// "&lt;", the closing tags) goes through a buffer of its own.
type xmlCleaner struct {
	src   io.Reader
	carry []byte // bytes held back for the next read (a character cut in two, a trailing '<')
	spill []byte // output that did not fit in place, returned before anything else
	err   error  // the source's error, once it has returned one
	done  bool   // the root element ended, or the input did

	state   int
	quote   byte // the quote of the attribute value a tag is in, or 0
	endTag  bool // the tag is an end tag
	selfEnd bool // the last byte of the tag so far is '/'
	naming  bool // still reading the tag's name
	name    []byte
	tagLen  int
	content int    // bytes of text and CDATA since the last tag
	marks   int    // ']' (in CDATA), '-' (in a comment), '?' (in a PI) seen in a row
	bang    []byte // what follows "<!", until it says what it is
	subset  int    // '[' depth of a declaration's internal subset
	rooted  bool   // the root element has started
	open    []int  // where the name of each open element ends in names
	names   []byte // the names of the open elements, one after the other
	deep    int    // open elements beyond maxOpenElements

	// The output position while a chunk is cleaned: w bytes of p are
	// output; once spilled, output goes to spill instead.
	p       []byte
	w, r    int
	spilled bool
}

func newXMLCleaner(src io.Reader) *xmlCleaner {
	return &xmlCleaner{src: src, name: make([]byte, 0, maxNameBytes)}
}

// Read implements io.Reader.
func (c *xmlCleaner) Read(p []byte) (int, error) {
	for {
		if len(c.spill) > 0 {
			n := copy(p, c.spill)
			c.spill = c.spill[n:]
			return n, nil
		}
		if c.done {
			if c.err == nil {
				return 0, io.EOF
			}
			return 0, c.err
		}
		if len(p) < 64 {
			// Too small to work in place: clean a chunk of our own, whose
			// output comes before what did not fit in it.
			buf := make([]byte, 4096)
			n := c.fill(buf)
			c.spill = append(buf[:n:n], c.spill...)
			continue
		}
		if n := c.fill(p); n > 0 {
			return n, nil
		}
	}
}

// fill reads the next chunk into p and cleans it there, returning how many
// bytes of p are output.
func (c *xmlCleaner) fill(p []byte) int {
	k := copy(p, c.carry)
	c.carry = c.carry[:0]
	n, err := c.src.Read(p[k:])
	n += k
	if err != nil {
		c.err = err
		if !errors.Is(err, io.EOF) {
			c.done = true // a read error ends the stream as it is
			return 0
		}
	}
	w := c.clean(p[:n], err != nil)
	if err != nil {
		c.finish()
	}
	return w
}

// emit writes output bytes: in place while they fit behind what was
// read, else to spill.
func (c *xmlCleaner) emit(b ...byte) {
	if !c.spilled && c.w+len(b) <= c.r {
		c.w += copy(c.p[c.w:], b)
		return
	}
	c.spilled = true
	c.spill = append(c.spill, b...)
}

// emitString is emit for a string.
func (c *xmlCleaner) emitString(s string) {
	if !c.spilled && c.w+len(s) <= c.r {
		c.w += copy(c.p[c.w:], s)
		return
	}
	c.spilled = true
	c.spill = append(c.spill, s...)
}

// emitIn writes p[from:to], bytes of the chunk itself: nothing to do when
// nothing before them was dropped or replaced.
func (c *xmlCleaner) emitIn(from, to int) {
	if !c.spilled && c.w == from {
		c.w = to
		return
	}
	c.emit(c.p[from:to]...)
}

// clean cleans p in place and returns the length of the output in p.
func (c *xmlCleaner) clean(p []byte, atEOF bool) int {
	c.p, c.w, c.r, c.spilled = p, 0, 0, false
	for c.r < len(p) && !c.done {
		if (c.state == inText && c.rooted) || c.state == inCDATA {
			if c.run() {
				continue
			}
		}
		if c.state == inTag && c.tagRun() {
			continue
		}
		b := p[c.r]
		if b < utf8.RuneSelf {
			c.r++
			if b < 0x20 && b != '\t' && b != '\n' && b != '\r' {
				continue // not allowed in XML
			}
			c.ascii(b)
			continue
		}
		rn, size := utf8.DecodeRune(p[c.r:])
		switch {
		case rn == utf8.RuneError && size <= 1 && !atEOF && !utf8.FullRune(p[c.r:]):
			c.carry = append(c.carry, p[c.r:]...) // the rest of it comes with the next read
			c.r = len(p)
		case rn == utf8.RuneError && size <= 1:
			c.r++
			c.other([]byte("\uFFFD"))
		case rn == 0xFFFE || rn == 0xFFFF:
			c.r += size // not allowed in XML
		default:
			c.r += size
			c.other(p[c.r-size : c.r])
		}
	}
	if !atEOF && !c.done && c.state == inLT {
		// Whether this '<' is text or markup depends on the next byte.
		c.carry = append([]byte{'<'}, c.carry...) // before a character cut in two
		c.state = inText
	}
	c.p = nil
	return c.w
}

// run passes a run of plain text or CDATA content (no markup, nothing to
// fix) through at once, up to the cap of the content; false if the next
// byte needs a closer look.
func (c *xmlCleaner) run() bool {
	if c.marks > 0 {
		return false // "]]" may be followed by the '>' that ends a CDATA section
	}
	p, j := c.p, c.r
	for j < len(p) {
		b := p[j]
		if b < utf8.RuneSelf {
			if b == '<' || b == ']' || b < 0x20 && b != '\t' && b != '\n' && b != '\r' {
				break
			}
			j++
			continue
		}
		rn, size := utf8.DecodeRune(p[j:])
		if rn == utf8.RuneError && size <= 1 || rn == 0xFFFE || rn == 0xFFFF {
			break
		}
		j += size
	}
	if j == c.r {
		return false
	}
	from := c.r
	keep := min(j-from, max(0, maxContentBytes-c.content))
	for keep > 0 && from+keep < j && !utf8.RuneStart(p[from+keep]) {
		keep-- // cut between characters
	}
	c.r = j
	c.emitIn(from, from+keep)
	c.content += j - from
	return true
}

// tagRun passes a run of plain ASCII bytes of a tag through at once: a
// name, attributes, or an attribute value; false if the next byte needs a
// closer look.
func (c *xmlCleaner) tagRun() bool {
	p, j := c.p, c.r
	for ; j < len(p); j++ {
		b := p[j]
		if b >= utf8.RuneSelf || b < 0x20 && b != '\t' && b != '\n' && b != '\r' || b == '<' ||
			b == c.quote || c.quote == 0 && (b == '>' || b == '"' || b == '\'') {
			break
		}
	}
	if j == c.r {
		return false
	}
	from := c.r
	c.r = j
	if c.naming {
		end := from + bytes.IndexAny(p[from:j], " \t\n\r/")
		if end < from {
			end = j
		} else {
			c.naming = false
		}
		c.name = append(c.name, p[from:min(end, from+maxNameBytes-len(c.name))]...)
	}
	if c.quote == 0 {
		c.selfEnd = p[j-1] == '/'
	}
	keep := min(j-from, max(0, maxTagBytes-c.tagLen))
	c.tagLen += j - from
	c.emitIn(from, from+keep)
	return true
}

// other handles a character beyond ASCII (its UTF-8 bytes): text or part
// of a name, never markup.
func (c *xmlCleaner) other(b []byte) {
	switch c.state {
	case inText, inCDATA:
		c.flushMarks()
		c.text(b...)
	case inLT:
		c.startTag(false)
		c.tag(b...)
	case inTag:
		c.tag(b...)
	case inBang:
		c.state = inDecl
	default:
		c.marks = 0
	}
}

// ascii handles one ASCII byte.
func (c *xmlCleaner) ascii(b byte) {
	switch c.state {
	case inText:
		if b == '<' {
			c.state = inLT // decided by the next byte
			return
		}
		c.text(b)
	case inLT:
		c.afterLT(b)
	case inTag:
		c.tagByte(b)
	case inBang:
		c.bangByte(b)
	case inCDATA:
		c.cdataByte(b)
	case inComment:
		c.endOf(b, '-', 2)
	case inPI:
		c.endOf(b, '?', 1)
	case inDecl:
		c.declByte(b)
	}
}

// afterLT decides what the '<' before b was.
func (c *xmlCleaner) afterLT(b byte) {
	switch {
	case b == '!':
		c.state, c.bang = inBang, c.bang[:0]
	case b == '?':
		c.state, c.marks = inPI, 0
	case b == '/':
		c.startTag(true)
	case isNameStart(b):
		c.startTag(false)
		c.tag(b)
	default: // "3<4", "< 10 cm": text
		c.state = inText
		c.text('&', 'l', 't', ';')
		c.ascii(b)
	}
}

func isNameStart(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '_' || b == ':'
}

// text writes character data, unless the text since the last tag is over
// the cap.
func (c *xmlCleaner) text(b ...byte) {
	if !c.rooted && c.state == inText {
		// Before the root element only markup counts; stray text (a PHP
		// warning, say) would make gofeed miss the feed.
		if len(b) > 1 || (b[0] != ' ' && b[0] != '\t' && b[0] != '\n' && b[0] != '\r') {
			return
		}
	}
	c.content += len(b)
	if c.content <= maxContentBytes {
		c.emit(b...)
	}
}

// startTag begins a start tag (or an end tag) after its '<'.
func (c *xmlCleaner) startTag(end bool) {
	c.state, c.endTag, c.selfEnd, c.naming, c.quote = inTag, end, false, true, 0
	c.name, c.tagLen, c.content = c.name[:0], 0, 0
	if end {
		c.emit('<', '/')
	} else {
		c.emit('<')
	}
}

// tagByte handles an ASCII byte inside a tag.
func (c *xmlCleaner) tagByte(b byte) {
	switch {
	case c.quote != 0:
		if b == c.quote {
			c.quote = 0
			c.emit(b)
			return
		}
		if b == '<' {
			c.tag('&', 'l', 't', ';') // not allowed in an attribute value
			return
		}
		c.tag(b)
	case b == '>':
		c.emit('>')
		c.endOfTag()
	case b == '"' || b == '\'':
		c.quote, c.naming, c.selfEnd = b, false, false
		c.emit(b)
	default:
		if b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '/' {
			c.naming = false
		}
		c.selfEnd = b == '/'
		c.tag(b)
	}
}

// tag writes bytes of a tag, up to its cap, and collects its name.
func (c *xmlCleaner) tag(b ...byte) {
	if c.naming && len(c.name)+len(b) <= maxNameBytes {
		c.name = append(c.name, b...)
	}
	c.tagLen += len(b)
	if c.tagLen <= maxTagBytes {
		c.emit(b...)
	}
}

// endOfTag tracks the open elements when a tag ends, and ends the
// document with its root.
func (c *xmlCleaner) endOfTag() {
	c.state, c.content = inText, 0
	switch {
	case c.endTag:
		c.pop()
	case !c.selfEnd:
		c.push()
	}
	if !c.rooted && !c.endTag {
		c.rooted = true
		if c.selfEnd {
			c.done = true // an empty root: nothing more to read
		}
	}
	if c.rooted && len(c.open) == 0 && c.deep == 0 {
		c.done = true // the root ended: what follows is not the feed
	}
}

func (c *xmlCleaner) push() {
	if len(c.open) >= maxOpenElements {
		c.deep++
		return
	}
	c.names = append(c.names, c.name...)
	c.open = append(c.open, len(c.names))
}

// openName is the name of the i-th open element.
func (c *xmlCleaner) openName(i int) []byte {
	start := 0
	if i > 0 {
		start = c.open[i-1]
	}
	return c.names[start:c.open[i]]
}

// pop closes the innermost open element of the end tag's name and those
// inside it, as HTML parsers do; an end tag that closes nothing is ignored.
func (c *xmlCleaner) pop() {
	if c.deep > 0 {
		c.deep--
		return
	}
	for i := len(c.open) - 1; i >= 0; i-- {
		if name := c.openName(i); string(name) == string(c.name) {
			c.names = c.names[:c.open[i]-len(name)]
			c.open = c.open[:i]
			return
		}
	}
}

// bangByte reads what follows "<!" until it tells a comment, a CDATA
// section or a declaration apart.
func (c *xmlCleaner) bangByte(b byte) {
	c.bang = append(c.bang, b)
	switch s := string(c.bang); {
	case s == "--":
		c.state, c.marks = inComment, 0
	case s == "[CDATA[":
		c.state, c.marks = inCDATA, 0
		c.emitString("<![CDATA[")
	case len(s) < 7 && (s == "-" || s == "[CDATA["[:len(s)]):
		// not decided yet
	default:
		c.state, c.subset, c.quote = inDecl, 0, 0
		c.declByte(b)
	}
}

// cdataByte handles a byte in a CDATA section; "]]>" ends it.
func (c *xmlCleaner) cdataByte(b byte) {
	switch {
	case b == ']':
		c.marks++
	case b == '>' && c.marks >= 2:
		c.marks -= 2
		c.flushMarks()
		c.emitString("]]>")
		c.state = inText
	default:
		c.flushMarks()
		c.text(b)
	}
}

// flushMarks writes the ']' held back in a CDATA section as text.
func (c *xmlCleaner) flushMarks() {
	for ; c.marks > 0 && c.state == inCDATA; c.marks-- {
		c.text(']')
	}
	c.marks = 0
}

// endOf drops a comment or processing instruction up to its end: n marks
// in a row, then '>'.
func (c *xmlCleaner) endOf(b, mark byte, n int) {
	switch {
	case b == mark:
		c.marks++
	case b == '>' && c.marks >= n:
		c.state = inText
	default:
		c.marks = 0
	}
}

// declByte drops a declaration up to its '>', skipping an internal subset
// in brackets and quoted strings.
func (c *xmlCleaner) declByte(b byte) {
	switch {
	case c.quote != 0:
		if b == c.quote {
			c.quote = 0
		}
	case b == '"' || b == '\'':
		c.quote = b
	case b == '[':
		c.subset++
	case b == ']' && c.subset > 0:
		c.subset--
	case b == '>' && c.subset == 0:
		c.state = inText
	}
}

// finish ends the output when the input ends: whatever is open is closed,
// so that a feed cut off in the middle is read up to where it stops.
func (c *xmlCleaner) finish() {
	if c.done {
		return
	}
	c.done = true
	c.p, c.spilled = nil, true
	switch c.state {
	case inLT:
		c.text('&', 'l', 't', ';')
	case inCDATA:
		c.flushMarks()
		c.emitString("]]>")
	case inTag:
		if c.quote != 0 {
			c.emit(c.quote)
		}
		if c.endTag {
			c.emit('>')
			c.pop()
		} else {
			c.emit('/', '>')
		}
	}
	for i := len(c.open) - 1; i >= 0; i-- {
		c.emitString("</" + string(c.openName(i)) + ">")
	}
}
