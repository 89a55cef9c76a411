package fetch

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/url"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// FeedLink is a feed found on a web page or by probing a site.
type FeedLink struct {
	URL   string // absolute http(s) address
	Title string // from the link's title or text; may be empty
	Type  string // "rss", "atom", "rdf", "json", or "" when unknown
}

// maxLinks bounds what one page can hand us; real pages list a handful.
const maxLinks = 64

// maxTitle bounds a link title, in bytes.
const maxTitle = 200

// feedTypes maps the MIME types accepted in <link rel="alternate"> to the
// names Sniff uses.
var feedTypes = map[string]string{
	"application/rss+xml":   "rss",
	"application/atom+xml":  "atom",
	"application/rdf+xml":   "rdf",
	"application/feed+json": "json",
	"application/json":      "json",
}

// DiscoverLinks lists the feeds an HTML page points to: first the
// <link rel="alternate"> elements with a feed type, then <a> links whose
// address obviously names a feed (/feed, /rss.xml, *.atom, ?feed=rss2, …).
// Relative addresses are resolved against base (or the page's <base href>),
// non-http(s) addresses are dropped and duplicates removed. The caller
// bounds the reader; a read error is returned with the links found so far.
func DiscoverLinks(base *url.URL, r io.Reader) ([]FeedLink, error) {
	s := &linkScanner{base: base, seen: make(map[string]bool)}
	z := html.NewTokenizer(r)
	for len(s.alternates)+len(s.anchors) < maxLinks {
		switch z.Next() {
		case html.ErrorToken:
			if err := z.Err(); !errors.Is(err, io.EOF) {
				return s.links(), fmt.Errorf("discover links: read html: %w", err)
			}
			return s.links(), nil
		case html.StartTagToken, html.SelfClosingTagToken:
			s.startTag(z)
		case html.EndTagToken:
			if name, _ := z.TagName(); atom.Lookup(name) == atom.A {
				s.endAnchor()
			}
		case html.TextToken:
			s.text(z.Text())
		}
	}
	return s.links(), nil
}

// linkScanner collects links while DiscoverLinks walks the tokens.
type linkScanner struct {
	base       *url.URL
	seen       map[string]bool
	alternates []FeedLink
	anchors    []FeedLink
	open       *FeedLink       // <a> feed link whose text is being read
	openText   strings.Builder // its text so far
}

func (s *linkScanner) links() []FeedLink {
	s.endAnchor()
	return append(s.alternates, s.anchors...)
}

func (s *linkScanner) startTag(z *html.Tokenizer) {
	name, hasAttr := z.TagName()
	if !hasAttr {
		return
	}
	tag := atom.Lookup(name)
	if tag != atom.Link && tag != atom.A && tag != atom.Base {
		return
	}
	attrs := readAttrs(z)
	switch tag {
	case atom.Base:
		if u, err := s.base.Parse(strings.TrimSpace(attrs.href)); err == nil && attrs.href != "" {
			s.base = u
		}
	case atom.Link:
		s.alternate(attrs)
	case atom.A:
		s.endAnchor()
		s.anchor(attrs)
	}
}

// linkAttrs are the attributes of <link>, <a> and <base> we read.
type linkAttrs struct{ href, rel, typ, title string }

// readAttrs reads the tag's attributes. As in browsers, the first of
// duplicate attributes wins.
func readAttrs(z *html.Tokenizer) linkAttrs {
	var a linkAttrs
	for {
		key, val, more := z.TagAttr()
		var dst *string
		switch string(key) { // the tokenizer lower-cases keys
		case "href":
			dst = &a.href
		case "rel":
			dst = &a.rel
		case "type":
			dst = &a.typ
		case "title":
			dst = &a.title
		}
		if dst != nil && *dst == "" {
			*dst = string(val)
		}
		if !more {
			return a
		}
	}
}

// alternate records <link rel="alternate" type="application/rss+xml" …>.
func (s *linkScanner) alternate(attrs linkAttrs) {
	kind, ok := linkType(attrs.typ)
	if !ok || !hasRel(attrs.rel, "alternate", "feed") {
		return
	}
	u, ok := s.resolve(attrs.href)
	// WordPress advertises its REST API as alternate application/json.
	if !ok || (kind == "json" && strings.Contains(u.Path, "/wp-json/")) {
		return
	}
	if link, ok := s.add(u, kind, attrs.title); ok {
		s.alternates = append(s.alternates, link)
	}
}

// anchor records <a href> that names a feed by its type attribute or its
// address, and starts collecting its text as a title.
func (s *linkScanner) anchor(attrs linkAttrs) {
	u, ok := s.resolve(attrs.href)
	if !ok {
		return
	}
	kind, ok := linkType(attrs.typ)
	if !ok {
		if kind, ok = feedLikeURL(u); !ok {
			return
		}
	}
	if link, ok := s.add(u, kind, attrs.title); ok {
		s.open = &link
	}
}

func (s *linkScanner) text(t []byte) {
	if s.open != nil && s.open.Title == "" && s.openText.Len() < maxTitle {
		s.openText.Write(t)
	}
}

func (s *linkScanner) endAnchor() {
	if s.open == nil {
		return
	}
	if s.open.Title == "" {
		s.open.Title = cleanTitle(s.openText.String())
	}
	s.anchors = append(s.anchors, *s.open)
	s.open = nil
	s.openText.Reset()
}

// add marks u as seen and builds its FeedLink; ok is false for duplicates.
func (s *linkScanner) add(u *url.URL, kind, title string) (FeedLink, bool) {
	key := u.String()
	if s.seen[key] {
		return FeedLink{}, false
	}
	s.seen[key] = true
	return FeedLink{URL: key, Title: cleanTitle(title), Type: kind}, true
}

// resolve makes href absolute, drops its fragment and keeps only http(s).
func (s *linkScanner) resolve(href string) (*url.URL, bool) {
	href = feedScheme(strings.TrimSpace(href))
	if href == "" || s.base == nil {
		return nil, false
	}
	u, err := s.base.Parse(href)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, false
	}
	u.Fragment, u.RawFragment = "", ""
	return u, true
}

// feedScheme rewrites the old feed: pseudo-scheme some sites still use
// ("feed://example.com/rss", "feed:https://…") to the web address it wraps.
func feedScheme(href string) string {
	if len(href) < 5 || !strings.EqualFold(href[:5], "feed:") {
		return href
	}
	rest := href[5:]
	if strings.HasPrefix(rest, "//") {
		return "https:" + rest
	}
	return rest
}

// linkType maps a type attribute to a feed kind; ok is false for other types.
func linkType(t string) (string, bool) {
	mediaType, _, err := mime.ParseMediaType(t)
	if err != nil {
		return "", false
	}
	kind, ok := feedTypes[mediaType]
	return kind, ok
}

// hasRel reports whether the space-separated rel list holds one of want.
func hasRel(rel string, want ...string) bool {
	for _, r := range strings.Fields(rel) {
		for _, w := range want {
			if strings.EqualFold(r, w) {
				return true
			}
		}
	}
	return false
}

// cleanTitle collapses white space, replaces invalid UTF-8 and trims a
// title to maxTitle bytes without splitting a character.
func cleanTitle(t string) string {
	t = strings.Join(strings.Fields(strings.ToValidUTF8(t, "\uFFFD")), " ")
	if len(t) <= maxTitle {
		return t
	}
	cut := maxTitle
	for cut > 0 && !utf8.RuneStart(t[cut]) {
		cut--
	}
	return t[:cut]
}
