package contactio

import (
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

// sniffLen is how much of a file is checked for NUL bytes to tell text
// from binary.
const sniffLen = 8 << 10

// readInput reads all of r, at most MaxSize bytes, and returns it as text:
// a UTF-8 byte order mark is removed and UTF-16 with a byte order mark
// (Outlook's "Unicode" exports) is turned into UTF-8. Other bytes are left
// alone; each format decides what a file that is not UTF-8 means.
func readInput(r io.Reader, what string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", what, err)
	}
	if len(data) > MaxSize {
		return nil, fmt.Errorf("read %s: %w (the limit is %d MB; split the file)", what, ErrTooLarge, MaxSize>>20)
	}
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		dec := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()
		if data, err = dec.Bytes(data); err != nil {
			return nil, fmt.Errorf("read %s: decode UTF-16: %w", what, err)
		}
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if bytes.IndexByte(data[:min(len(data), sniffLen)], 0) >= 0 {
		return nil, fmt.Errorf("read %s: %w (it contains binary data)", what, ErrBinary)
	}
	return data, nil
}

// toUTF8 returns b as UTF-8 text. Valid UTF-8 is kept as it is (files
// often claim a charset they do not use); anything else is decoded from
// the named charset, or from Windows-1252 — what Western European Excel
// and old phones write — when the name is empty or unknown.
func toUTF8(b []byte, charset string) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var enc encoding.Encoding = charmap.Windows1252
	if charset != "" {
		if e, err := htmlindex.Get(charset); err == nil && e != encoding.Nop {
			enc = e
		}
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil || !utf8.Valid(out) {
		return string(bytes.ToValidUTF8(b, []byte("\uFFFD")))
	}
	return string(out)
}
