package opml

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// Write writes feeds as an OPML 2.0 document titled title. Folders become
// nested outlines; at each level sub-folders come first, then feeds, each
// sorted by name (ignoring case) so the same list always gives the same
// file. Rapport's attributes (kind, every, rule) are written only where
// set, and the rapport namespace is declared only if one is. A feed
// without an address is an error and nothing is written.
func Write(w io.Writer, title string, feeds []Feed) error {
	root := &folderNode{}
	for i, f := range feeds {
		if strings.TrimSpace(f.URL) == "" {
			return fmt.Errorf("write OPML: feed %d (%q) has no address", i+1, f.Title)
		}
		root.add(splitFolder(f.Folder), f)
	}
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<opml version="2.0"`)
	if slices.ContainsFunc(feeds, Feed.hasRapportAttrs) {
		b.WriteString(` xmlns:rapport="` + Namespace + `"`)
	}
	b.WriteString(">\n  <head>\n    <title>")
	escape(&b, title)
	b.WriteString("</title>\n  </head>\n  <body>\n")
	root.write(&b, 2) // inside <opml><body>
	b.WriteString("  </body>\n</opml>\n")
	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("write OPML: %w", err)
	}
	return nil
}

// hasRapportAttrs reports whether f needs the rapport namespace.
func (f Feed) hasRapportAttrs() bool {
	return f.Kind != "" || f.Rule != "" || f.Every > 0
}

// splitFolder splits a folder path at "/", dropping empty names. Parts
// beyond what Parse allows to nest stay joined in the last folder's name
// ("a/b"), which Parse reads back as the same path.
func splitFolder(path string) []string {
	var parts []string
	for p := range strings.SplitSeq(path, "/") {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	if last := MaxDepth - 2; len(parts) > last+1 {
		parts = append(parts[:last], strings.Join(parts[last:], "/"))
	}
	return parts
}

// folderNode is one folder of the tree Write builds.
type folderNode struct {
	name  string
	subs  []*folderNode
	feeds []Feed
}

// add puts f into the folder at path below n, creating folders.
func (n *folderNode) add(path []string, f Feed) {
	if len(path) == 0 {
		n.feeds = append(n.feeds, f)
		return
	}
	i := slices.IndexFunc(n.subs, func(s *folderNode) bool { return s.name == path[0] })
	if i < 0 {
		n.subs = append(n.subs, &folderNode{name: path[0]})
		i = len(n.subs) - 1
	}
	n.subs[i].add(path[1:], f)
}

// write writes the folder's contents, indented by depth levels.
func (n *folderNode) write(b *bytes.Buffer, depth int) {
	slices.SortFunc(n.subs, func(x, y *folderNode) int { return compareNames(x.name, y.name) })
	slices.SortStableFunc(n.feeds, func(x, y Feed) int {
		return cmp.Or(compareNames(x.Title, y.Title), strings.Compare(x.URL, y.URL))
	})
	indent := strings.Repeat("  ", depth)
	for _, s := range n.subs {
		b.WriteString(indent + "<outline")
		attr(b, "text", s.name)
		attr(b, "title", s.name)
		b.WriteString(">\n")
		s.write(b, depth+1)
		b.WriteString(indent + "</outline>\n")
	}
	for _, f := range n.feeds {
		b.WriteString(indent)
		writeFeed(b, f)
	}
}

// compareNames orders names ignoring case, then exactly.
func compareNames(a, b string) int {
	return cmp.Or(strings.Compare(strings.ToLower(a), strings.ToLower(b)), strings.Compare(a, b))
}

// writeFeed writes one feed outline and a newline.
func writeFeed(b *bytes.Buffer, f Feed) {
	title := f.Title
	if strings.TrimSpace(title) == "" {
		title = f.URL
	}
	b.WriteString(`<outline type="rss"`)
	attr(b, "text", title)
	attr(b, "title", title)
	attr(b, "xmlUrl", strings.TrimSpace(f.URL))
	if f.HTMLURL != "" {
		attr(b, "htmlUrl", f.HTMLURL)
	}
	if f.Kind != "" {
		attr(b, "rapport:kind", f.Kind)
	}
	if f.Every > 0 {
		attr(b, "rapport:every", formatEvery(f.Every))
	}
	if f.Rule != "" {
		attr(b, "rapport:rule", f.Rule)
	}
	b.WriteString("/>\n")
}

// attr writes ` name="value"` with the value escaped.
func attr(b *bytes.Buffer, name, value string) {
	b.WriteString(" " + name + `="`)
	escape(b, value)
	b.WriteByte('"')
}

// escape writes s escaped for XML text and attributes. Characters XML
// cannot carry become U+FFFD.
func escape(b *bytes.Buffer, s string) {
	_ = xml.EscapeText(b, []byte(s)) // a bytes.Buffer does not fail
}

// formatEvery writes a duration the short way: "15m", "1h", "1h30m".
func formatEvery(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = s[:len(s)-2]
	}
	if strings.HasSuffix(s, "h0m") {
		s = s[:len(s)-2]
	}
	return s
}
