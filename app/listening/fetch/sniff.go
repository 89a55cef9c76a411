package fetch

import (
	"bytes"
	"mime"
	"strings"
)

// sniffLimit is how much of a body Sniff looks at: enough to get past long
// licence comments and stylesheet instructions at the top of a feed.
const sniffLimit = 64 << 10

// Sniff names the feed format of body from its first bytes: "rss", "atom",
// "rdf" (RSS 1.0), "json" (JSON Feed), or "" when it is none of these.
// It is a cheap guess for discovery and content checks, not a parser.
func Sniff(body []byte) string {
	b := prefix(body)
	if len(b) > 0 && b[0] == '{' {
		if isJSONFeed(b) {
			return "json"
		}
		return ""
	}
	_, root := firstElement(b)
	i := strings.LastIndexByte(root, ':') // rdf:RDF, atom:feed
	switch local := root[i+1:]; {
	case strings.EqualFold(local, "rss"):
		return "rss"
	case local == "feed":
		return "atom"
	case strings.EqualFold(local, "RDF"):
		return "rdf"
	}
	return ""
}

// LooksLikeHTML reports whether a response is a web page rather than a feed:
// its body is no feed Sniff knows, and either the Content-Type says HTML or
// the body starts like an HTML document. Feeds wrongly served as text/html
// are therefore not reported.
func LooksLikeHTML(contentType string, body []byte) bool {
	if Sniff(body) != "" {
		return false
	}
	mediaType, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mediaType, _, _ = strings.Cut(strings.ToLower(contentType), ";")
		mediaType = strings.TrimSpace(mediaType)
	}
	if mediaType == "text/html" || mediaType == "application/xhtml+xml" {
		return true
	}
	doctype, root := firstElement(prefix(body))
	return strings.EqualFold(doctype, "html") || strings.EqualFold(root, "html")
}

// prefix returns the start of body without byte-order mark and leading
// space. UTF-16 text is narrowed to its ASCII bytes, which is all the
// sniffers look at.
func prefix(body []byte) []byte {
	b := body[:min(len(body), sniffLimit)]
	switch {
	case bytes.HasPrefix(b, []byte("\xef\xbb\xbf")):
		b = b[3:]
	case bytes.HasPrefix(b, []byte("\xff\xfe")):
		b = narrowUTF16(b[2:], 0)
	case bytes.HasPrefix(b, []byte("\xfe\xff")):
		b = narrowUTF16(b[2:], 1)
	}
	return bytes.TrimLeft(b, " \t\r\n")
}

// narrowUTF16 keeps the low byte of each ASCII code unit (at offset lo).
func narrowUTF16(b []byte, lo int) []byte {
	out := make([]byte, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		if b[i+1-lo] != 0 {
			out = append(out, '?')
			continue
		}
		out = append(out, b[i+lo])
	}
	return out
}

// firstElement skips the XML prolog (declaration, processing instructions,
// comments, doctype) and returns the doctype's name, if any, and the name of
// the first element. Both are "" when b does not start like markup.
func firstElement(b []byte) (doctype, name string) {
	for {
		b = bytes.TrimLeft(b, " \t\r\n")
		if len(b) < 2 || b[0] != '<' {
			return doctype, ""
		}
		switch {
		case bytes.HasPrefix(b, []byte("<?")):
			b = after(b, "?>")
		case bytes.HasPrefix(b, []byte("<!--")):
			b = after(b, "-->")
		case b[1] == '!':
			if len(b) > 9 && strings.EqualFold(string(b[2:9]), "doctype") {
				doctype = markupName(bytes.TrimLeft(b[9:], " \t\r\n"))
			}
			b = afterDoctype(b)
		default:
			return doctype, markupName(b[1:])
		}
	}
}

// after returns b past the first occurrence of end, or nil.
func after(b []byte, end string) []byte {
	i := bytes.Index(b, []byte(end))
	if i < 0 {
		return nil
	}
	return b[i+len(end):]
}

// afterDoctype skips a <!DOCTYPE ...> including an internal [subset].
func afterDoctype(b []byte) []byte {
	gt, open := bytes.IndexByte(b, '>'), bytes.IndexByte(b, '[')
	if open >= 0 && (gt < 0 || open < gt) {
		b = after(b[open:], "]")
	}
	return after(b, ">")
}

// markupName reads an element name up to space, '/' or '>'.
func markupName(b []byte) string {
	end := bytes.IndexAny(b, " \t\r\n/>")
	if end < 0 {
		end = len(b)
	}
	return string(b[:min(end, 64)])
}

// isJSONFeed looks for a top-level-looking "version" whose value is a
// jsonfeed.org version URL. Escaped slashes ("https:\/\/jsonfeed.org", as
// PHP writes them) are accepted.
func isJSONFeed(b []byte) bool {
	key := []byte(`"version"`)
	for {
		i := bytes.Index(b, key)
		if i < 0 {
			return false
		}
		b = b[i+len(key):]
		v := bytes.TrimLeft(b, " \t\r\n")
		if len(v) == 0 || v[0] != ':' {
			continue
		}
		v = bytes.TrimLeft(v[1:], " \t\r\n")
		if len(v) == 0 || v[0] != '"' {
			continue
		}
		v = bytes.ReplaceAll(v[1:min(len(v), 48)], []byte(`\/`), []byte("/"))
		if bytes.HasPrefix(v, []byte("https://jsonfeed.org/version/")) ||
			bytes.HasPrefix(v, []byte("http://jsonfeed.org/version/")) {
			return true
		}
	}
}
