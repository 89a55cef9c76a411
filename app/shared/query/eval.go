package query

import "slices"

// cost ranks how much work a node is: checks on the link or language need
// no tokenizing (0), words need the fields tokenized once (1), regexes over
// text run on each evaluation (2). A group costs as much as its dearest kid.
func cost(n node) int {
	switch n := n.(type) {
	case *siteNode, *langNode:
		return 0
	case *regexNode:
		if n.field == fieldSite || n.field == fieldLang {
			return 0
		}
		return 2
	case *notNode:
		return cost(n.kid)
	case *fieldNode:
		return cost(n.kid)
	case *andNode:
		return maxCost(n.kids)
	case *orNode:
		return maxCost(n.kids)
	}
	return 1
}

// maxCost is the largest cost among kids.
func maxCost(kids []node) int {
	c := 0
	for _, k := range kids {
		c = max(c, cost(k))
	}
	return c
}

// byCost returns kids ordered cheapest first, otherwise as written, so
// that "espresso site:reddit.com" rejects other sites before tokenizing.
func byCost(kids []node) []node {
	order := slices.Clone(kids)
	slices.SortStableFunc(order, func(a, b node) int { return cost(a) - cost(b) })
	return order
}

func (n *orNode) eval(p *Prepared) bool {
	found := false
	for _, k := range n.order {
		if k.eval(p) {
			if !p.collect {
				return true
			}
			found = true // keep going: every matching branch is highlighted
		}
	}
	return found
}

func (n *andNode) eval(p *Prepared) bool {
	mark := len(p.spans)
	for _, k := range n.order {
		if !k.eval(p) {
			p.spans = p.spans[:mark]
			return false
		}
	}
	return true
}

// eval never highlights: what a NOT excludes is, by definition, absent.
func (n *notNode) eval(p *Prepared) bool {
	collect := p.collect
	p.collect = false
	ok := n.kid.eval(p)
	p.collect = collect
	return !ok
}

func (n *fieldNode) eval(p *Prepared) bool { return n.kid.eval(p) }

func (n *wordNode) eval(p *Prepared) bool {
	found := false
	for _, tf := range fieldTargets[n.field] {
		ft := p.tokens(tf)
		for i := range ft.toks {
			if !n.matchAt(ft, i) {
				continue
			}
			if !p.collect {
				return true
			}
			found = true
			end := i + len(n.words) - 1
			p.spans = append(p.spans, Span{Field: textFieldNames[tf], Start: ft.toks[i].os, End: ft.toks[end].oe})
		}
	}
	return found
}

// matchAt reports whether n's words occur in ft starting at token i.
func (n *wordNode) matchAt(ft *fieldToks, i int) bool {
	if i+len(n.words) > len(ft.toks) {
		return false
	}
	last := len(n.words) - 1
	for k, w := range n.words {
		if !ft.wordAt(i+k, w, n.prefix && k == last) {
			return false
		}
	}
	return true
}

// wordAt reports whether token i answers to the query word w. A word with
// a sigil must match the hashtag or handle exactly; a plain word matches
// the token without its sigil or the token's alternative form.
func (ft *fieldToks) wordAt(i int, w qword, prefix bool) bool {
	t := &ft.toks[i]
	if w.sig {
		return bytesEqual(ft.buf[t.fs:t.fe], w.text, prefix)
	}
	if bytesEqual(ft.buf[t.fs+int(t.sig):t.fe], w.text, prefix) {
		return true
	}
	return t.as < t.ae && bytesEqual(ft.buf[t.as:t.ae], w.text, prefix)
}

// bytesEqual compares b with s, or only b's first len(s) bytes when
// prefix is set, without allocating.
func bytesEqual(b []byte, s string, prefix bool) bool {
	if prefix && len(b) > len(s) {
		b = b[:len(s)]
	}
	return string(b) == s
}

func (n *regexNode) eval(p *Prepared) bool {
	switch n.field {
	case fieldSite:
		return n.re.MatchString(p.hostName())
	case fieldLang:
		return n.re.MatchString(p.lang)
	}
	found := false
	for _, tf := range fieldTargets[n.field] {
		s := p.raw[tf]
		if !p.collect {
			if n.re.MatchString(s) {
				return true
			}
			continue
		}
		for _, m := range n.re.FindAllStringIndex(s, -1) {
			found = true
			if m[0] < m[1] {
				p.spans = append(p.spans, Span{Field: textFieldNames[tf], Start: m[0], End: m[1]})
			}
		}
	}
	return found
}

func (n *siteNode) eval(p *Prepared) bool { return siteMatches(p.hostName(), n.domain) }
func (n *langNode) eval(p *Prepared) bool { return langMatches(p.lang, n.tag) }

// occ is one occurrence of a NEAR operand: token indexes s..e inclusive.
type occ struct{ s, e int }

// posExpr is a NEAR operand: something with word positions.
type posExpr interface {
	// occurrences appends the operand's occurrences in ft to dst, sorted
	// by start.
	occurrences(ft *fieldToks, dst []occ) []occ
}

func (n *wordNode) occurrences(ft *fieldToks, dst []occ) []occ {
	for i := range ft.toks {
		if n.matchAt(ft, i) {
			dst = append(dst, occ{i, i + len(n.words) - 1})
		}
	}
	return dst
}

// posOr is an OR group used as a NEAR operand.
type posOr struct{ kids []posExpr }

func (n *posOr) occurrences(ft *fieldToks, dst []occ) []occ {
	start := len(dst)
	for _, k := range n.kids {
		dst = k.occurrences(ft, dst)
	}
	slices.SortFunc(dst[start:], func(a, b occ) int { return a.s - b.s })
	return dst
}

func (n *nearNode) eval(p *Prepared) bool {
	found := false
	for _, tf := range fieldTargets[n.field] {
		ft := p.tokens(tf)
		p.occA = n.pa.occurrences(ft, p.occA[:0])
		if len(p.occA) == 0 {
			continue
		}
		p.occB = n.pb.occurrences(ft, p.occB[:0])
		if p.nearIn(ft, tf, n.n) {
			if !p.collect {
				return true
			}
			found = true
		}
	}
	return found
}

// nearIn reports whether some occurrence in p.occA and some in p.occB do
// not overlap and have at most n words between them; when collecting it
// highlights every such pair. Both lists are sorted by start, so only a
// window of p.occB is looked at for each occurrence in p.occA.
func (p *Prepared) nearIn(ft *fieldToks, tf textField, n int) bool {
	as, bs := p.occA, p.occB
	longest := 0
	for _, b := range bs {
		longest = max(longest, b.e-b.s)
	}
	found, lo := false, 0
	for _, a := range as {
		for lo < len(bs) && bs[lo].s < a.s-n-1-longest {
			lo++
		}
		for j := lo; j < len(bs) && bs[j].s <= a.e+n+1; j++ {
			if b := bs[j]; isNear(a, b, n) {
				if !p.collect {
					return true
				}
				found = true
				p.addOcc(ft, tf, a)
				p.addOcc(ft, tf, b)
			}
		}
	}
	return found
}

// isNear reports whether a and b do not overlap and have at most n words
// between them, in either order.
func isNear(a, b occ, n int) bool {
	switch {
	case a.e < b.s:
		return b.s-a.e-1 <= n
	case b.e < a.s:
		return a.s-b.e-1 <= n
	}
	return false
}

// addOcc highlights one occurrence.
func (p *Prepared) addOcc(ft *fieldToks, tf textField, o occ) {
	p.spans = append(p.spans, Span{Field: textFieldNames[tf], Start: ft.toks[o.s].os, End: ft.toks[o.e].oe})
}
