package opml

import (
	"encoding/xml"
	"fmt"
	"html"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// attrs are the outline attributes Parse reads, raw.
type attrs struct {
	text, title, xmlURL, htmlURL, typ, url string
	kind, every, rule                      string // rapport:…
}

// readAttrs collects the attributes Parse knows. Standard names are
// matched without regard to case (xmlURL and xmlurl occur in the wild).
func readAttrs(list []xml.Attr) attrs {
	var a attrs
	for _, at := range list {
		local := strings.ToLower(at.Name.Local)
		switch at.Name.Space {
		case Namespace, "rapport": // declared, or the prefix left undeclared
			a.setRapport(local, at.Value)
		case "":
			a.setStandard(local, at.Value)
		}
	}
	return a
}

func (a *attrs) setRapport(local, v string) {
	switch local {
	case "kind":
		a.kind = v
	case "every":
		a.every = v
	case "rule":
		a.rule = v
	}
}

func (a *attrs) setStandard(local, v string) {
	switch local {
	case "text":
		a.text = v
	case "title":
		a.title = v
	case "xmlurl":
		a.xmlURL = v
	case "htmlurl":
		a.htmlURL = v
	case "type":
		a.typ = strings.ToLower(strings.TrimSpace(v))
	case "url":
		a.url = v
	}
}

// feedURL is the outline's feed address: xmlUrl, or url on an outline
// typed rss or atom (some exporters write that).
func (a *attrs) feedURL() string {
	if u := strings.TrimSpace(a.xmlURL); u != "" {
		return u
	}
	if a.typ == "rss" || a.typ == "atom" {
		return strings.TrimSpace(a.url)
	}
	return ""
}

// name is the outline's text, else its title, cleaned.
func (a *attrs) name() string {
	if s := cleanText(a.text); s != "" {
		return s
	}
	return cleanText(a.title)
}

// noFeedReason says why an outline without an address and without
// children is skipped.
func (a *attrs) noFeedReason() string {
	switch a.typ {
	case "link":
		return "it is a link to a web page, not a feed"
	case "include":
		return "it includes another OPML file, which Rapport does not fetch; import that file separately"
	}
	return "it has no feed address (xmlUrl)"
}

// startOutline reads an <outline> start tag.
func (p *parser) startOutline(list []xml.Attr, line int) error {
	if len(p.stack) >= MaxDepth {
		return fmt.Errorf("%w (more than %d levels at line %d)", ErrTooDeep, MaxDepth, line)
	}
	if n := len(p.stack); n > 0 {
		p.stack[n-1].children++
	}
	a := readAttrs(list)
	raw := a.feedURL()
	if raw == "" {
		name := a.name()
		p.stack = append(p.stack, frame{name: name, line: line, label: name, reason: a.noFeedReason()})
		return nil
	}
	folder := p.folder()
	p.stack = append(p.stack, frame{feed: true})
	return p.addFeed(a, raw, folder, line)
}

// endOutline closes an outline; an empty one without an address is
// skipped.
func (p *parser) endOutline() {
	f := p.stack[len(p.stack)-1]
	p.stack = p.stack[:len(p.stack)-1]
	if !f.feed && f.children == 0 {
		p.skip(f.line, f.label, f.reason)
	}
}

// folder is the path of the open folders, such as "Social/Reddit".
func (p *parser) folder() string {
	var names []string
	for _, f := range p.stack {
		if !f.feed && f.name != "" {
			names = append(names, f.name)
		}
	}
	return strings.Join(names, "/")
}

// addFeed checks a feed outline and adds it, or records why not.
func (p *parser) addFeed(a attrs, raw, folder string, line int) error {
	label := a.name()
	if label == "" {
		label = cleanText(raw)
	}
	u, reason := cleanURL(raw)
	if reason != "" {
		p.skip(line, label, reason)
		return nil
	}
	key := dedupKey(u)
	if first, dup := p.seen[key]; dup {
		p.skip(line, label, fmt.Sprintf("the same feed is listed earlier, on line %d", first))
		return nil
	}
	if len(p.out.Feeds) >= MaxFeeds {
		return fmt.Errorf("%w (the limit is %d; line %d is one too many)", ErrTooManyFeeds, MaxFeeds, line)
	}
	p.seen[key] = line
	p.out.Feeds = append(p.out.Feeds, makeFeed(a, u, folder))
	return nil
}

// dedupKey identifies a feed address for finding duplicates: the same
// address over http and https is one feed.
func dedupKey(u string) string {
	_, rest, _ := strings.Cut(u, "://")
	return rest
}

// makeFeed builds a Feed from checked parts.
func makeFeed(a attrs, u, folder string) Feed {
	f := Feed{Title: a.name(), URL: u, Folder: folder, Kind: cleanKind(a.kind), Every: parseEvery(a.every)}
	if f.Title == "" {
		f.Title = u
	}
	if h, reason := cleanURL(a.htmlURL); reason == "" {
		f.HTMLURL = h
	}
	if r := strings.TrimSpace(a.rule); len(r) <= MaxRuleLen {
		f.Rule = r
	}
	return f
}

// cleanURL checks a feed or site address and normalises it (feed: scheme
// removed, scheme and host in lower case, fragment dropped). The reason
// is "" when the address is usable.
func cleanURL(raw string) (string, string) {
	s := strings.TrimSpace(raw)
	switch {
	case s == "":
		return "", "it has no address"
	case len(s) > MaxURLLen:
		return "", "its address is too long to be a feed address"
	}
	s = dropFeedScheme(s)
	u, err := url.Parse(s)
	if err != nil {
		return "", "its address is not a valid web address"
	}
	switch u.Scheme = strings.ToLower(u.Scheme); u.Scheme {
	case "http", "https":
	case "":
		return "", "its address is not a full web address (it should start with https://)"
	default:
		return "", fmt.Sprintf("only web feeds (http or https) can be followed, not %.20q addresses", u.Scheme)
	}
	if u.Host == "" {
		return "", "its address has no site name"
	}
	u.Host = strings.ToLower(u.Host)
	u.Fragment, u.RawFragment = "", ""
	return u.String(), ""
}

// dropFeedScheme turns feed://host/… into http://host/… and
// feed:https://… into https://…, as browsers do.
func dropFeedScheme(s string) string {
	if len(s) < 5 || !strings.EqualFold(s[:5], "feed:") {
		return s
	}
	rest := s[5:]
	if strings.HasPrefix(rest, "//") {
		return "http:" + rest
	}
	return rest
}

// cleanText collapses white space and cuts at MaxTitleLen characters.
// Entities left after XML decoding are decoded once more: exporters that
// escape twice ("Tom &amp;amp; Jerry") are common, literal entity text in
// a title is not.
func cleanText(s string) string {
	if strings.Contains(s, "&") {
		s = html.UnescapeString(s)
	}
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= MaxTitleLen {
		return s
	}
	n := 0
	for i := range s {
		if n == MaxTitleLen {
			return strings.TrimSpace(s[:i])
		}
		n++
	}
	return s
}

// cleanKind keeps a rapport:kind that looks like one: up to 32 lower-case
// letters, digits, "-" or "_".
func cleanKind(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" || len(s) > 32 {
		return ""
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '-' && r != '_' {
			return ""
		}
	}
	return s
}

// parseEvery reads rapport:every; outside [MinEvery, MaxEvery] or
// unreadable it is 0, so the app's default applies.
func parseEvery(s string) time.Duration {
	d, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil || d < MinEvery || d > MaxEvery {
		return 0
	}
	return d
}
