package feed

import (
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
)

// maxTextBytes bounds the text kept of one entry, and maxTitleBytes its
// title: what one post may add to the store and its word index.
const (
	maxTextBytes  = 64 << 10
	maxTitleBytes = 1 << 10
)

// cutNote ends the text of an entry that was cut at maxTextBytes, so the
// mention says so.
const cutNote = "\n\n[Rapport kept the first 64 KB of this post; the rest is at its link.]"

// blockTags start a new line in the text.
var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "ul": true, "ol": true, "blockquote": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "tr": true, "pre": true, "hr": true,
}

// paragraphTags also end with a line break, so that paragraphs are
// separated by a blank line while list items are not.
var paragraphTags = map[string]bool{
	"p": true, "div": true, "blockquote": true, "pre": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
}

// skipTags hold no readable text.
var skipTags = map[string]bool{"script": true, "style": true, "head": true, "noscript": true, "template": true, "iframe": true, "object": true}

// HTMLToText turns an HTML fragment into plain text: tags dropped, entities
// decoded, block elements as line breaks, runs of spaces collapsed. Nothing
// of the markup survives, so the text is safe to show anywhere. The text is
// cut at 64 KB.
func HTMLToText(s string) string {
	text, _ := htmlToText(s)
	return text
}

// htmlToText is HTMLToText that also tells whether the text was cut.
func htmlToText(s string) (string, bool) {
	switch {
	case !strings.ContainsAny(s, "<&"):
		// Plain text: cut before cleaning, so that a huge post costs no
		// more than a long one.
		raw, cut := cutBytes(s, 2*maxTextBytes)
		text, cut2 := cutBytes(clean(raw), maxTextBytes)
		return text, cut || cut2
	case !strings.Contains(s, "<"):
		// Entities but no tags, as in most titles ("Ember & Oak"): what
		// the tokenizer would make of it, without its 4 KB buffer.
		raw, cut := cutBytes(s, 2*maxTextBytes)
		raw = strings.ReplaceAll(strings.ReplaceAll(raw, "\r\n", "\n"), "\r", "\n")
		text, cut2 := cutBytes(xhtml.UnescapeString(raw), maxTextBytes)
		return tidy(text), cut || cut2
	}
	return tokensToText(s)
}

// tokensToText is htmlToText for text with tags.
func tokensToText(s string) (string, bool) {
	z := xhtml.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0
	for b.Len() < maxTextBytes {
		switch z.Next() {
		case xhtml.ErrorToken:
			return tidy(b.String()), false
		case xhtml.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			name, _ := z.TagName()
			if skipTags[string(name)] {
				skip++
			}
			if blockTags[string(name)] {
				b.WriteByte('\n')
			}
		case xhtml.EndTagToken:
			name, _ := z.TagName()
			if skipTags[string(name)] && skip > 0 {
				skip--
			}
			if paragraphTags[string(name)] {
				b.WriteByte('\n')
			}
		}
	}
	// One text token may be far longer than the cap.
	text, _ := cutBytes(tidy(b.String()), maxTextBytes)
	return text, true
}

// plainText is the text of a field that holds plain text, not HTML (a
// JSON Feed's content_text): spaces tidied, markup kept as it is.
func plainText(s string) (string, bool) {
	raw, cut := cutBytes(s, 2*maxTextBytes)
	text, cut2 := cutBytes(tidy(strings.ReplaceAll(raw, "\r\n", "\n")), maxTextBytes)
	return text, cut || cut2
}

// cutBytes cuts s to at most n bytes, at a space if there is one near the
// end, else at the start of a character; cut tells whether it did.
func cutBytes(s string, n int) (string, bool) {
	if len(s) <= n {
		return s, false
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	if i := strings.LastIndexAny(s[max(0, n-64):n], " \n"); i >= 0 {
		n = max(0, n-64) + i
	}
	return strings.TrimRight(s[:n], " \n"), true
}

// cutText cuts an entry's text at maxTextBytes and then says so.
func cutText(text string, cut bool) string {
	text, cut2 := cutBytes(text, maxTextBytes)
	if cut || cut2 {
		return text + cutNote
	}
	return text
}

// cutTitle cuts a title at maxTitleBytes, ending it with an ellipsis.
func cutTitle(title string) string {
	if t, cut := cutBytes(title, maxTitleBytes); cut {
		return t + "…"
	}
	return title
}

// clean decodes entities and collapses whitespace of a one-line field.
func clean(s string) string {
	return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
}

// tidy collapses spaces within lines, trims lines and allows at most one
// blank line in a row (and none at the start or end). One pass, one
// allocation: it runs on every entry's text.
func tidy(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	started := false // some text was written
	open := false    // the current line has text
	space := false   // white space since the line's last word
	breaks := 0      // line breaks owed before the next text: 1, or 2 for a blank line
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		raw := s[i : i+size] // written as is, even when not valid UTF-8
		i += size
		switch {
		case r == '\n':
			if open {
				open, breaks = false, 1
			} else if started {
				breaks = 2
			}
		case unicode.IsSpace(r):
			space = open
		default:
			if !open {
				for ; started && breaks > 0; breaks-- {
					b.WriteByte('\n')
				}
				open, started, space, breaks = true, true, false, 0
			} else if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteString(raw)
		}
	}
	return b.String()
}

// commentTitle matches the titles WordPress gives comments, which say only
// who wrote them: "By: Maya L." or "Comment on Post by Maya L.".
var commentTitle = regexp.MustCompile(`^(By: |Comment on .* by )`)

// trimTitle drops titles that carry no content of their own.
func trimTitle(platform, title string) string {
	if platform == "blog" && commentTitle.MatchString(title) {
		return ""
	}
	return title
}

var redditFooter = regexp.MustCompile(`^submitted by\s+/?u/\S+\s*(\[link\])?\s*(\[comments\])?\s*$`)

// trimBoilerplate removes text a platform adds to every item.
func trimBoilerplate(platform, text string) string {
	switch platform {
	case "reddit": // the footer is the last "submitted by"; the regexp checks only that tail
		if i := strings.LastIndex(text, "submitted by"); i >= 0 && redditFooter.MatchString(text[i:]) {
			text = text[:i]
		}
		return strings.TrimSpace(text)
	case "hackernews":
		// hnrss appends "Article URL / Comments URL / Points / # Comments".
		if i := strings.Index(text, "\nArticle URL:"); i >= 0 {
			return strings.TrimSpace(text[:i])
		}
	}
	return text
}
