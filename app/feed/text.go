package feed

import (
	"html"
	"regexp"
	"strings"
	"unicode"

	xhtml "golang.org/x/net/html"
)

// maxTextBytes bounds the text kept of one entry.
const maxTextBytes = 64 << 10

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
// of the markup survives, so the text is safe to show anywhere.
func HTMLToText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return clean(s)
	}
	z := xhtml.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0
	for b.Len() < maxTextBytes {
		switch z.Next() {
		case xhtml.ErrorToken:
			return tidy(b.String())
		case xhtml.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if skipTags[tag] {
				skip++
			}
			if blockTags[tag] {
				b.WriteByte('\n')
			}
		case xhtml.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if skipTags[tag] && skip > 0 {
				skip--
			}
			if paragraphTags[tag] {
				b.WriteByte('\n')
			}
		}
	}
	return tidy(b.String())
}

// clean decodes entities and collapses whitespace of a one-line field.
func clean(s string) string {
	return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
}

// tidy collapses spaces within lines, trims lines and allows at most one
// blank line in a row.
func tidy(s string) string {
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	blank := true
	for _, l := range lines {
		l = strings.Join(strings.FieldsFunc(l, unicode.IsSpace), " ")
		if l == "" {
			if !blank {
				out = append(out, "")
			}
			blank = true
			continue
		}
		out = append(out, l)
		blank = false
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
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

var redditFooter = regexp.MustCompile(`(?s)\s*submitted by\s+/?u/\S+\s*(\[link\])?\s*(\[comments\])?\s*$`)

// trimBoilerplate removes text a platform adds to every item.
func trimBoilerplate(platform, text string) string {
	switch platform {
	case "reddit":
		return strings.TrimSpace(redditFooter.ReplaceAllString(text, ""))
	case "hackernews":
		// hnrss appends "Article URL / Comments URL / Points / # Comments".
		if i := strings.Index(text, "\nArticle URL:"); i >= 0 {
			return strings.TrimSpace(text[:i])
		}
	}
	return text
}
