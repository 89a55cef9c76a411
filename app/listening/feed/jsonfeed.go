package feed

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	gjson "github.com/mmcdole/gofeed/json"
	"golang.org/x/text/transform"
)

// errNotJSONFeed reports JSON that is no JSON Feed (an API's answer, say).
var errNotJSONFeed error = notFeed("the address answered with JSON that is not a JSON Feed (it has no items and no jsonfeed.org version)")

// readJSON reads a JSON Feed as leniently as the best desktop readers do:
// trailing commas and raw line breaks in strings are accepted, a field of
// the wrong type (tags as a string, authors as one object, an id as a
// number) is read as what it meant, and unknown fields are skipped. Items
// are decoded one at a time and every string is cut at maxContentBytes, so
// memory stays bounded. plain[i] is set when item i's content is plain
// text (content_text), not HTML.
func readJSON(r io.Reader) (gf *gofeed.Feed, plain []bool, err error) {
	dec := json.NewDecoder(transform.NewReader(r, &jsonFixer{}))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, nil, errNotJSONFeed
	}
	var jf gjson.Feed
	hasItems := false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, nil, fmt.Errorf("read JSON Feed: %w", err)
		}
		key, _ := tok.(string)
		if key == "items" {
			hasItems = true
			jf.Items, plain, err = readItems(dec)
		} else {
			err = readFeedField(dec, key, &jf)
		}
		if err != nil {
			return nil, nil, fmt.Errorf("read JSON Feed: %w", err)
		}
	}
	if !hasItems && !strings.Contains(jf.Version, "jsonfeed.org/version/") {
		return nil, nil, errNotJSONFeed
	}
	gf, err = (&gofeed.DefaultJSONTranslator{}).Translate(&jf)
	return gf, plain, err
}

// readFeedField reads one top-level field into jf.
func readFeedField(dec *json.Decoder, key string, jf *gjson.Feed) error {
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return err
	}
	switch key {
	case "version":
		jf.Version = jsonString(raw)
	case "title":
		jf.Title = jsonString(raw)
	case "home_page_url":
		jf.HomePageURL = jsonString(raw)
	case "feed_url":
		jf.FeedURL = jsonString(raw)
	case "description":
		jf.Description = jsonString(raw)
	case "language":
		jf.Language = jsonString(raw)
	case "author":
		jf.Author = jsonPerson(raw)
	case "authors":
		jf.Authors = jsonPeople(raw)
	}
	return nil
}

// readItems reads the items array one item at a time. A value that is
// not an array has no items; an item that is not an object is skipped.
func readItems(dec *json.Decoder) (items []*gjson.Item, plain []bool, err error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, nil, err
	}
	if tok != json.Delim('[') {
		if d, ok := tok.(json.Delim); ok { // an object: skip it
			return nil, nil, skipValue(dec, d)
		}
		return nil, nil, nil
	}
	for dec.More() {
		var fields rawItem
		if err := dec.Decode(&fields); err != nil {
			var typeErr *json.UnmarshalTypeError
			if errors.As(err, &typeErr) {
				continue // not an object
			}
			return nil, nil, err
		}
		it := fields.item()
		items = append(items, it)
		plain = append(plain, it.ContentHTML == "" && it.ContentText != "")
	}
	_, err = dec.Token() // ']'
	return items, plain, err
}

// skipValue skips the rest of an object or array whose opening delimiter
// was read.
func skipValue(dec *json.Decoder, open json.Delim) error {
	for depth := 1; depth > 0; {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
	return nil
}

// rawItem is an item's fields as they came, whatever their types.
type rawItem struct {
	ID            json.RawMessage `json:"id"`
	URL           json.RawMessage `json:"url"`
	ExternalURL   json.RawMessage `json:"external_url"`
	Title         json.RawMessage `json:"title"`
	ContentHTML   json.RawMessage `json:"content_html"`
	ContentText   json.RawMessage `json:"content_text"`
	Summary       json.RawMessage `json:"summary"`
	Image         json.RawMessage `json:"image"`
	BannerImage   json.RawMessage `json:"banner_image"`
	DatePublished json.RawMessage `json:"date_published"`
	DateModified  json.RawMessage `json:"date_modified"`
	Author        json.RawMessage `json:"author"`
	Authors       json.RawMessage `json:"authors"`
	Tags          json.RawMessage `json:"tags"`
	Language      json.RawMessage `json:"language"`
}

// item reads the fields as what they meant.
func (f *rawItem) item() *gjson.Item {
	return &gjson.Item{
		ID:            jsonString(f.ID),
		URL:           jsonString(f.URL),
		ExternalURL:   jsonString(f.ExternalURL),
		Title:         jsonString(f.Title),
		ContentHTML:   jsonString(f.ContentHTML),
		ContentText:   jsonString(f.ContentText),
		Summary:       jsonString(f.Summary),
		Image:         jsonString(f.Image),
		BannerImage:   jsonString(f.BannerImage),
		DatePublished: jsonString(f.DatePublished),
		DateModified:  jsonString(f.DateModified),
		Author:        jsonPerson(f.Author),
		Authors:       jsonPeople(f.Authors),
		Tags:          jsonStrings(f.Tags),
		Language:      jsonString(f.Language),
	}
}

// jsonString reads a value as text: a string as it is, a number or a
// boolean as written, the first string of an array, WordPress's
// {"rendered": …}; anything else is "".
func jsonString(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return ""
	}
	switch raw[0] {
	case '"':
		if s := raw[1 : len(raw)-1]; bytes.IndexByte(s, '\\') < 0 && utf8.Valid(s) {
			return string(s) // nothing to unescape
		}
		var s string
		_ = json.Unmarshal(raw, &s)
		return s
	case '[':
		var list []json.RawMessage
		if json.Unmarshal(raw, &list) == nil && len(list) > 0 {
			return jsonString(list[0])
		}
	case '{':
		var obj struct{ Rendered json.RawMessage }
		if json.Unmarshal(raw, &obj) == nil {
			return jsonString(obj.Rendered)
		}
	case 'n': // null
	default:
		return string(raw)
	}
	return ""
}

// jsonStrings reads a list of strings, or one string as a list of one.
func jsonStrings(raw json.RawMessage) []string {
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) != nil {
		if s := jsonString(raw); s != "" {
			return []string{s}
		}
		return nil
	}
	out := make([]string, 0, len(list))
	for _, v := range list {
		if s := jsonString(v); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// jsonPerson reads an author: an object, a name, or the first of a list.
func jsonPerson(raw json.RawMessage) *gjson.Author {
	people := jsonPeople(raw)
	if len(people) == 0 {
		return nil
	}
	return people[0]
}

// jsonPeople reads authors: a list of objects or names, or one of them.
func jsonPeople(raw json.RawMessage) []*gjson.Author {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil
	}
	var list []json.RawMessage
	if raw[0] != '[' {
		list = []json.RawMessage{raw}
	} else if json.Unmarshal(raw, &list) != nil {
		return nil
	}
	var out []*gjson.Author
	for _, v := range list {
		var a struct{ Name, URL, Avatar json.RawMessage }
		switch {
		case json.Unmarshal(v, &a) == nil:
			out = append(out, &gjson.Author{Name: jsonString(a.Name), URL: jsonString(a.URL), Avatar: jsonString(a.Avatar)})
		case jsonString(v) != "":
			out = append(out, &gjson.Author{Name: jsonString(v)})
		}
	}
	return out
}

// jsonFixer is a transform that makes hand-written JSON valid: it drops
// trailing commas, writes raw line breaks and tabs inside strings as
// escapes (and drops other control characters there), and cuts every
// string at maxContentBytes, never inside an escape or a character.
type jsonFixer struct {
	inString bool
	esc      int  // -1 after a backslash, then how many hex digits of \uXXXX are to come
	dropping bool // the string is over the cap: dropped up to its closing quote
	strLen   int
}

// Reset implements transform.Transformer.
func (f *jsonFixer) Reset() { *f = jsonFixer{} }

// Transform implements transform.Transformer.
func (f *jsonFixer) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		if len(dst)-nDst < 2 {
			return nDst, nSrc, transform.ErrShortDst
		}
		b := src[nSrc]
		switch {
		case f.inString:
			nDst += f.stringByte(dst[nDst:], b)
		case b == ',':
			keep, known := trailingComma(src[nSrc+1:], atEOF)
			if !known {
				return nDst, nSrc, transform.ErrShortSrc
			}
			if keep {
				dst[nDst] = b
				nDst++
			}
		default:
			if b == '"' {
				f.inString, f.strLen, f.esc, f.dropping = true, 0, 0, false
			}
			dst[nDst] = b
			nDst++
		}
		nSrc++
	}
	return nDst, nSrc, nil
}

// trailingComma looks at what follows a comma: it is kept unless a '}' or
// ']' comes next (after white space); known is false when rest ends before
// telling, and more input may.
func trailingComma(rest []byte, atEOF bool) (keep, known bool) {
	for i, b := range rest {
		switch b {
		case ' ', '\t', '\n', '\r':
			if i > 1024 {
				return true, true // a very long gap: keep the comma rather than wait
			}
		case '}', ']':
			return false, true
		default:
			return true, true
		}
	}
	return !atEOF, atEOF
}

// escapes are the control characters a string may carry, escaped.
var escapes = map[byte]byte{'\n': 'n', '\t': 't', '\r': 'r'}

// stringByte handles a byte inside a string; it returns how many bytes it
// wrote to dst.
func (f *jsonFixer) stringByte(dst []byte, b byte) int {
	full := f.strLen >= maxContentBytes
	switch {
	case f.esc == -1:
		f.esc = 0
		if b == 'u' {
			f.esc = 4
		}
	case f.esc > 0:
		f.esc--
	case b == '"':
		f.inString, f.dropping = false, false
		dst[0] = b
		return 1
	case b == '\\':
		f.esc = -1
		f.dropping = f.dropping || full
	case b < 0x20:
		if e, ok := escapes[b]; ok && !f.dropping && !full {
			f.strLen += 2
			dst[0], dst[1] = '\\', e
			return 2
		}
		return 0
	default:
		f.dropping = f.dropping || full && utf8.RuneStart(b)
	}
	if f.dropping {
		return 0
	}
	f.strLen++
	dst[0] = b
	return 1
}
