package opml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Parse reads an OPML feed list. See the package comment for what it
// accepts and the limits it enforces. Errors wrap [ErrTooLarge],
// [ErrTooDeep], [ErrTooManyFeeds], [ErrNotOPML] or a [*SyntaxError].
func Parse(r io.Reader) (*Outline, error) {
	data, err := readCapped(r)
	if err != nil {
		return nil, err
	}
	data, transcoded, err := toUTF8(data)
	if err != nil {
		return nil, err
	}
	d := xml.NewDecoder(bytes.NewReader(fixAmpersands(data)))
	d.Strict = true
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charsetReader(transcoded)
	p := &parser{d: d, seen: make(map[string]int)}
	if err := p.run(); err != nil {
		return nil, fmt.Errorf("read OPML: %w", err)
	}
	return p.result(), nil
}

// parser holds the state of one Parse.
type parser struct {
	d       *xml.Decoder
	out     Outline
	path    []string       // local names of the open elements, lower case
	stack   []frame        // the open outlines that are read
	seen    map[string]int // feed address → line where it first appears
	title   strings.Builder
	more    int // skipped outlines beyond MaxSkipped
	started bool
}

// frame is an open <outline>.
type frame struct {
	feed     bool   // has an address; otherwise a folder or nothing
	name     string // folder name, cleaned; "" for feeds and unnamed folders
	line     int
	label    string // what to show if it is skipped
	reason   string // why it is skipped if nothing is inside
	children int    // outlines directly inside
}

// run reads tokens until the root element ends.
func (p *parser) run() error {
	for {
		line, _ := p.d.InputPos() // where the next token starts
		tok, err := p.d.Token()
		if errors.Is(err, io.EOF) {
			if !p.started {
				return fmt.Errorf("%w: the file is empty", ErrNotOPML)
			}
			return nil
		}
		if err != nil {
			return syntaxError(err, line)
		}
		done, err := p.token(tok, line)
		if err != nil || done {
			return err
		}
	}
}

// token handles one token; done is true once </opml> is read.
func (p *parser) token(tok xml.Token, line int) (done bool, err error) {
	switch t := tok.(type) {
	case xml.StartElement:
		return false, p.start(t, line)
	case xml.EndElement:
		p.end()
		return len(p.path) == 0, nil
	case xml.CharData:
		if p.inTitle() && p.title.Len() < 4*MaxTitleLen {
			p.title.Write(t)
		}
	}
	return false, nil
}

// start opens an element.
func (p *parser) start(t xml.StartElement, line int) error {
	name := strings.ToLower(t.Name.Local)
	if !p.started {
		if name != "opml" {
			return notOPML(name)
		}
		p.started = true
	}
	if len(p.path) >= MaxDepth+2 { // +2 for <opml><body>
		return fmt.Errorf("%w (more than %d levels at line %d)", ErrTooDeep, MaxDepth, line)
	}
	read := name == "outline" && p.readsOutlineAt(len(p.path))
	p.path = append(p.path, name)
	if !read {
		return nil
	}
	return p.startOutline(t.Attr, line)
}

// readsOutlineAt reports whether an <outline> opened at depth (its
// parent's index in path) is part of the list: directly in <body> or in
// an outline that is. Outlines under unknown elements are ignored.
func (p *parser) readsOutlineAt(depth int) bool {
	return depth >= 2 && depth == 2+len(p.stack) && p.path[0] == "opml" && p.path[1] == "body"
}

// end closes the innermost element; the decoder has checked it matches.
func (p *parser) end() {
	n := len(p.path)
	if n == 0 {
		return
	}
	if p.path[n-1] == "outline" && len(p.stack) > 0 && n == 2+len(p.stack) {
		p.endOutline()
	}
	p.path = p.path[:n-1]
}

// inTitle reports whether the decoder is inside <opml><head><title>.
func (p *parser) inTitle() bool {
	return len(p.path) == 3 && p.path[1] == "head" && p.path[2] == "title"
}

// result finishes the outline.
func (p *parser) result() *Outline {
	p.out.Title = cleanText(p.title.String())
	if p.more > 0 {
		p.out.Skipped = append(p.out.Skipped, Skip{
			Reason: fmt.Sprintf("%d more outlines were skipped", p.more),
		})
	}
	return &p.out
}

// skip records an outline left out.
func (p *parser) skip(line int, text, reason string) {
	if len(p.out.Skipped) >= MaxSkipped {
		p.more++
		return
	}
	p.out.Skipped = append(p.out.Skipped, Skip{Line: line, Text: text, Reason: reason})
}

// syntaxError turns a decoder error into a *SyntaxError.
func syntaxError(err error, line int) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return &SyntaxError{Line: se.Line, Msg: se.Msg}
	}
	return &SyntaxError{Line: line, Msg: err.Error()}
}

// notOPML explains a root element other than <opml>.
func notOPML(root string) error {
	switch root {
	case "rss", "feed", "rdf":
		return fmt.Errorf("%w: this file is a feed itself (<%s>), not a list of feeds; add its address as a source instead", ErrNotOPML, root)
	case "html":
		return fmt.Errorf("%w: this file is a web page (<html>); export the feed list as OPML from your feed reader", ErrNotOPML)
	}
	return fmt.Errorf("%w: the file starts with <%.40s> instead of <opml>", ErrNotOPML, root)
}
