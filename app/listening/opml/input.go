package opml

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/unicode"
)

// readCapped reads all of r, refusing more than MaxSize bytes.
func readCapped(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("read OPML: %w", err)
	}
	if len(data) > MaxSize {
		return nil, fmt.Errorf("read OPML: %w (the limit is %d MB)", ErrTooLarge, MaxSize>>20)
	}
	return data, nil
}

// toUTF8 turns a UTF-16 file (recognised by its byte order mark) into
// UTF-8; encoding/xml only reads byte-oriented encodings. Other files are
// returned as they are: their declared encoding is handled by
// charsetReader.
func toUTF8(data []byte) ([]byte, bool, error) {
	if !bytes.HasPrefix(data, []byte{0xFF, 0xFE}) && !bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return data, false, nil
	}
	dec := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()
	out, err := dec.Bytes(data)
	if err != nil {
		return nil, false, fmt.Errorf("read OPML: decode UTF-16: %w", err)
	}
	return out, true, nil
}

// charsetReader returns the CharsetReader for the decoder. After toUTF8
// the text is UTF-8 whatever the declaration says.
func charsetReader(transcoded bool) func(string, io.Reader) (io.Reader, error) {
	return func(label string, in io.Reader) (io.Reader, error) {
		l := strings.ToLower(strings.TrimSpace(label))
		if transcoded && strings.HasPrefix(l, "utf-16") {
			return in, nil
		}
		r, err := charset.NewReaderLabel(label, in)
		if err != nil {
			return nil, fmt.Errorf("the file's encoding %q is not supported: %w", label, err)
		}
		return r, nil
	}
}

// fixAmpersands escapes every "&" that does not start a reference the
// decoder knows (the five XML ones, HTML entities, or a numeric reference
// to a character XML allows), so that feed addresses with a bare & and
// entities declared in a DOCTYPE read as literal text instead of failing
// — or, with a decoder that expands them, exploding. It copies only when
// something needs fixing.
func fixAmpersands(data []byte) []byte {
	var out []byte
	last := 0
	for i := 0; i < len(data); i++ {
		if data[i] != '&' || knownRef(data[i+1:]) {
			continue
		}
		if out == nil {
			out = make([]byte, 0, len(data)+64)
		}
		out = append(out, data[last:i]...)
		out = append(out, "&amp;"...)
		last = i + 1
	}
	if out == nil {
		return data
	}
	return append(out, data[last:]...)
}

// maxRefLen bounds the name of a reference; the longest HTML entity name
// is well below it.
const maxRefLen = 40

// knownRef reports whether b (what follows an "&") starts with a reference
// the decoder resolves.
func knownRef(b []byte) bool {
	end := bytes.IndexByte(b[:min(len(b), maxRefLen)], ';')
	if end <= 0 {
		return false
	}
	name := string(b[:end])
	if name[0] == '#' {
		return validCharRef(name[1:])
	}
	switch name {
	case "amp", "lt", "gt", "quot", "apos":
		return true
	}
	_, ok := xml.HTMLEntity[name]
	return ok
}

// validCharRef reports whether "&#" + s + ";" names a character XML allows.
func validCharRef(s string) bool {
	base := 10
	if strings.HasPrefix(s, "x") {
		s, base = s[1:], 16
	}
	if s == "" || strings.ContainsAny(s, "+-_") {
		return false
	}
	n, err := strconv.ParseUint(s, base, 32)
	if err != nil {
		return false
	}
	return n == 0x9 || n == 0xA || n == 0xD ||
		(n >= 0x20 && n <= 0xD7FF) || (n >= 0xE000 && n <= 0xFFFD) || (n >= 0x10000 && n <= 0x10FFFF)
}
