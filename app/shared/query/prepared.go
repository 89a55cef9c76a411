package query

import "sync"

// Prepared is a Doc whose fields are split into words on first use and
// kept, so that checking many queries against one entry tokenizes each
// field at most once. Use [Prepare] or reuse one with Reset. A Prepared is
// not safe for concurrent use; give each goroutine its own.
type Prepared struct {
	raw      [numTextFields]string
	toks     [numTextFields]fieldToks
	done     [numTextFields]bool
	link     string
	lang     string
	host     string
	hostDone bool

	// Evaluation scratch space.
	collect    bool   // MatchSpans is collecting highlights
	spans      []Span // highlights collected so far
	occA, occB []occ  // NEAR operands' positions
}

// Prepare returns d ready to be matched by many queries.
func Prepare(d *Doc) *Prepared {
	p := new(Prepared)
	p.Reset(d)
	return p
}

// Reset points p at a new document, keeping its buffers. A nil d is an
// empty document.
func (p *Prepared) Reset(d *Doc) {
	var empty Doc
	if d == nil {
		d = &empty
	}
	p.raw = [numTextFields]string{tfTitle: d.Title, tfText: d.Text, tfAuthor: d.Author, tfSource: d.Source}
	p.done = [numTextFields]bool{}
	p.link, p.lang = d.Link, d.Lang
	p.host, p.hostDone = "", false
	p.collect = false
	p.spans = p.spans[:0]
}

// tokens returns the tokens of one field, splitting it on first use.
func (p *Prepared) tokens(f textField) *fieldToks {
	ft := &p.toks[f]
	if !p.done[f] {
		ft.tokenize(p.raw[f])
		p.done[f] = true
	}
	return ft
}

// hostName returns the host of the document's link, computed once.
func (p *Prepared) hostName() string {
	if !p.hostDone {
		p.host, p.hostDone = hostOf(p.link), true
	}
	return p.host
}

// maxPooledBuf bounds the buffers a pooled Prepared may keep, so one huge
// entry does not pin its memory forever.
const maxPooledBuf = 1 << 20

// preparedPool recycles the Prepared that Match and MatchSpans use.
var preparedPool = sync.Pool{New: func() any { return new(Prepared) }}

// getPrepared returns a pooled Prepared for d.
func getPrepared(d *Doc) *Prepared {
	p := preparedPool.Get().(*Prepared)
	p.Reset(d)
	return p
}

// putPrepared returns p to the pool without references to its document.
func putPrepared(p *Prepared) {
	p.Reset(nil)
	for i := range p.toks {
		if cap(p.toks[i].buf) > maxPooledBuf {
			p.toks[i] = fieldToks{}
		}
	}
	if cap(p.spans) > maxPooledBuf/16 {
		p.spans = nil
	}
	p.occA, p.occB = p.occA[:0], p.occB[:0]
	preparedPool.Put(p)
}
