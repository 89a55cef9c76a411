package feed

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"mime"
	"regexp"
	"strings"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
	"golang.org/x/text/transform"
)

// headSize is how much of a feed is looked at to tell its encoding and
// where its markup starts: the byte order mark, the XML declaration, a
// PHP warning printed before it.
const headSize = 4 << 10

// notFeed is an ErrNotFeed that says what came instead of a feed.
type notFeed string

func (e notFeed) Error() string        { return string(e) }
func (e notFeed) Is(target error) bool { return target == ErrNotFeed }

// ErrEmpty reports a body with nothing in it; it is an ErrNotFeed.
var ErrEmpty error = notFeed("the answer was empty")

// input is a feed's bytes made ready for a parser: decoded to UTF-8, the
// XML declaration and anything before the document dropped.
type input struct {
	r    io.Reader
	json bool       // a JSON Feed (else XML)
	gz   *capReader // the decompressed bytes of a gzip stream, or nil
}

// over reports a gzip stream that decompressed to more than the cap.
func (in *input) over() bool { return in.gz != nil && in.gz.over }

// parse reads the feed; plain[i] is set when item i's content is plain
// text.
func (in *input) parse() (gf *gofeed.Feed, plain []bool, err error) {
	if in.json {
		return readJSON(in.r)
	}
	gf, err = newParser().Parse(newXMLCleaner(in.r))
	return gf, nil, err
}

// prepare decodes r to UTF-8. The encoding is, in this order: the byte
// order mark's; UTF-16 or UTF-32 when the first bytes are those of '<' or
// '{' in them; the charset of the HTTP Content-Type; the XML declaration's;
// UTF-8. Labels are read as the WHATWG Encoding Standard does (so
// iso-8859-1 is windows-1252), with common misspellings ("Latin-1",
// "win-1252") forgiven. A gzip stream (a .xml.gz served as it is) is
// decompressed, up to max bytes.
func prepare(r io.Reader, contentType string, max int64) (*input, error) {
	head, err := readHead(r)
	if err != nil {
		return nil, err
	}
	var gzr *capReader
	if bytes.HasPrefix(head, []byte{0x1f, 0x8b, 0x08}) {
		gz, err := gzip.NewReader(io.MultiReader(bytes.NewReader(head), r))
		if err != nil {
			return nil, fmt.Errorf("%w (a damaged gzip stream: %v)", ErrNotFeed, err)
		}
		gzr = &capReader{r: gz, left: max}
		r = gzr
		if head, err = readHead(r); err != nil {
			return nil, err
		}
	}
	if len(bytes.TrimSpace(head)) == 0 {
		return nil, ErrEmpty
	}
	if what := binaryKind(head); what != "" {
		return nil, notFeed("the address answered with " + what + ", not a feed")
	}
	enc, bom := detectEncoding(head, contentType)
	var text io.Reader = io.MultiReader(bytes.NewReader(head[bom:]), r)
	if enc != nil {
		text = transform.NewReader(text, enc.NewDecoder())
	}
	head, err = readHead(text)
	if err != nil {
		return nil, err
	}
	head = documentStart(head)
	in := &input{r: io.MultiReader(bytes.NewReader(head), text), gz: gzr}
	in.json = len(head) > 0 && (head[0] == '{' || head[0] == '[')
	return in, nil
}

// readHead reads the first headSize bytes of r, or all of a shorter r.
func readHead(r io.Reader) ([]byte, error) {
	head := make([]byte, headSize)
	n, err := io.ReadFull(r, head)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, fmt.Errorf("read the feed: %w", err)
	}
	return head[:n], nil
}

// binaryKind names what a body is when it is plainly not text: an image,
// a PDF, an archive.
func binaryKind(head []byte) string {
	for _, m := range []struct{ magic, what string }{
		{"\x89PNG", "an image (PNG)"},
		{"GIF8", "an image (GIF)"},
		{"\xff\xd8\xff", "an image (JPEG)"},
		{"RIFF", "a media file"},
		{"%PDF", "a PDF document"},
		{"PK\x03\x04", "a ZIP archive"},
		{"ID3", "an audio file (MP3)"},
	} {
		if bytes.HasPrefix(head, []byte(m.magic)) {
			return m.what
		}
	}
	return ""
}

// detectEncoding returns the encoding of a body (nil for UTF-8) and the
// length of its byte order mark.
func detectEncoding(head []byte, contentType string) (encoding.Encoding, int) {
	if enc, n, ok := byBOM(head); ok {
		return enc, n
	}
	if enc := byNULs(head); enc != nil {
		return enc, 0
	}
	if enc, name, ok := lookupLabel(httpCharset(contentType)); ok && !wideOnNarrow(name, head) {
		return enc, 0
	}
	if enc, name, ok := lookupLabel(declaredEncoding(head)); ok && !wideOnNarrow(name, head) {
		return enc, 0
	}
	return nil, 0
}

// byBOM reads a byte order mark.
func byBOM(b []byte) (enc encoding.Encoding, n int, ok bool) {
	switch {
	case bytes.HasPrefix(b, []byte{0xef, 0xbb, 0xbf}):
		return nil, 3, true
	case bytes.HasPrefix(b, []byte{0xff, 0xfe, 0, 0}):
		return utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM), 4, true
	case bytes.HasPrefix(b, []byte{0, 0, 0xfe, 0xff}):
		return utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM), 4, true
	case bytes.HasPrefix(b, []byte{0xff, 0xfe}):
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), 2, true
	case bytes.HasPrefix(b, []byte{0xfe, 0xff}):
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), 2, true
	}
	return nil, 0, false
}

// byNULs tells UTF-16 and UTF-32 without a byte order mark by where the
// zero bytes of the first ASCII character ('<', '{', a space) are.
func byNULs(b []byte) encoding.Encoding {
	if len(b) < 4 {
		return nil
	}
	switch {
	case b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] != 0:
		return utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM)
	case b[0] != 0 && b[1] == 0 && b[2] == 0 && b[3] == 0:
		return utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM)
	case b[0] == 0 && b[1] != 0 && b[2] == 0:
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	case b[0] != 0 && b[1] == 0 && b[2] != 0 && b[3] == 0:
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	}
	return nil
}

// wideOnNarrow reports a UTF-16 or UTF-32 label on bytes that are not
// (a .NET writer declares "utf-16" over UTF-8 bytes): such a label is
// ignored. byNULs has already caught the bytes that are.
func wideOnNarrow(name string, head []byte) bool {
	return (strings.HasPrefix(name, "utf-16") || strings.HasPrefix(name, "utf-32")) && byNULs(head) == nil
}

// httpCharset is the charset parameter of a Content-Type, or "".
func httpCharset(contentType string) string {
	if contentType == "" {
		return ""
	}
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		return params["charset"]
	}
	// A malformed header may still name its charset.
	if m := charsetParam.FindStringSubmatch(contentType); m != nil {
		return m[1]
	}
	return ""
}

var charsetParam = regexp.MustCompile(`(?i)charset\s*=\s*["']?([\w.:-]+)`)

// declaredEncoding is the encoding an XML declaration names, or "".
func declaredEncoding(head []byte) string {
	i := bytes.Index(head, []byte("<?xml"))
	if i < 0 {
		return ""
	}
	decl := head[i:]
	if end := bytes.Index(decl, []byte("?>")); end >= 0 {
		decl = decl[:end]
	}
	if m := encodingAttr.FindSubmatch(decl); m != nil {
		return string(m[2])
	}
	return ""
}

var encodingAttr = regexp.MustCompile(`encoding\s*=\s*(["'])([^"']*)["']`)

// lookupLabel resolves an encoding label as the WHATWG Encoding Standard
// does, plus UTF-32 and a few misspellings: the encoding (nil for UTF-8)
// and its name.
func lookupLabel(label string) (enc encoding.Encoding, name string, ok bool) {
	l := strings.ToLower(strings.Trim(strings.TrimSpace(label), `"'`))
	if l == "" {
		return nil, "", false
	}
	switch strings.NewReplacer("-", "", "_", "", " ", "").Replace(l) {
	case "utf32", "ucs4", "utf32be":
		return utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM), "utf-32be", true
	case "utf32le":
		return utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM), "utf-32le", true
	}
	for _, cand := range labelVariants(l) {
		enc, name := charset.Lookup(cand)
		switch {
		case enc == nil || name == "replacement":
			continue
		case name == "utf-8":
			return nil, name, true
		}
		return enc, name, true
	}
	return nil, "", false
}

// misspelt turns made-up spellings into labels: "win-1252" and
// "windows1252" into "windows-1252", "Latin-1" into "latin1", "cp-1251"
// into "cp1251".
var misspelt = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`^(?:win|windows|ms)[-_ ]?(\d{3,4})$`), "windows-$1"},
	{regexp.MustCompile(`^latin[-_ ]?(\d)$`), "latin$1"},
	{regexp.MustCompile(`^cp[-_ ](\d+)$`), "cp$1"},
	{regexp.MustCompile(`^iso[-_ ]?8859[-_ ]?(\d+)$`), "iso-8859-$1"},
	{regexp.MustCompile(`^(?:mac|macroman|mac-roman)$`), "macintosh"},
}

// labelVariants is a label and the spellings it may have meant.
func labelVariants(l string) []string {
	out := []string{l, strings.ReplaceAll(l, "_", "-")}
	for _, m := range misspelt {
		if m.re.MatchString(l) {
			out = append(out, m.re.ReplaceAllString(l, m.with))
		}
	}
	return out
}

// documentStart cuts a decoded head to where the feed starts: after
// leading space, at the XML declaration or the root element when
// something else comes first (a PHP warning, say).
func documentStart(head []byte) []byte {
	head = bytes.TrimLeft(head, " \t\r\n\ufeff")
	if len(head) == 0 || head[0] == '{' || head[0] == '[' || startsLikeFeed(head) {
		return head
	}
	if i := bytes.Index(head, []byte("<?xml")); i > 0 {
		return head[i:]
	}
	if loc := rootElement.FindIndex(head); loc != nil {
		return head[loc[0]:]
	}
	return head
}

// rootElement finds the start tag of a feed's root element.
var rootElement = regexp.MustCompile(`<(?:[\w-]+:)?(?:rss|feed|RDF)[\s>]`)

// startsLikeFeed reports markup that may come first in a feed: a
// declaration, a comment, a doctype or the root element.
func startsLikeFeed(head []byte) bool {
	if bytes.HasPrefix(head, []byte("<?")) || bytes.HasPrefix(head, []byte("<!")) {
		return true
	}
	loc := rootElement.FindIndex(head)
	return loc != nil && loc[0] == 0
}
