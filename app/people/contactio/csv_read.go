package contactio

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// ReadCSV reads a CSV file of contacts whose first row names the columns:
// exports of Google Contacts and Outlook, files Rapport wrote, and
// hand-made ones (see columnOf for the names understood, in any case).
// The delimiter — comma, semicolon or tab — is detected from the header
// row, or taken from Excel's "sep=;" first line. A file that is not UTF-8
// is read as Windows-1252, as European Excel saves it.
//
// Rows it cannot use are left out, and rows with too few or too many
// fields or bad quoting are read as well as possible; each is listed as a
// Problem with its line. The error is for files it cannot read at all:
// too large ([ErrTooLarge]), too many rows ([ErrTooManyContacts]) or
// columns ([ErrTooManyColumns]), binary ([ErrBinary]), or without a header
// row Rapport understands ([ErrNoHeader]). On error no contacts are
// returned.
func ReadCSV(r io.Reader) ([]Contact, []Problem, error) {
	data, err := readInput(r, "CSV file")
	if err != nil {
		return nil, nil, err
	}
	ps := &problems{}
	if !utf8.Valid(data) {
		data = []byte(toUTF8(data, ""))
		ps.add(0, "the file is not UTF-8; read it as Windows-1252 (Western European)")
	}
	data, comma, firstLine := delimiter(data)
	if err := checkColumns(data, comma, firstLine); err != nil {
		return nil, nil, err
	}
	sc := &csvScanner{data: data, comma: rune(comma), base: firstLine, ps: ps}
	header, _, ok := sc.next()
	if !ok {
		return nil, nil, fmt.Errorf("read CSV file: %w (the file is empty)", ErrNoHeader)
	}
	cols, err := mapHeader(header)
	if err != nil {
		return nil, nil, err
	}
	var out []Contact
	for rows := 0; ; rows++ {
		rec, line, ok := sc.next()
		if !ok {
			break
		}
		if rows >= MaxContacts {
			return nil, nil, fmt.Errorf("read CSV file: %w (more than %d rows; split the file)", ErrTooManyContacts, MaxContacts)
		}
		if c, ok := cols.contact(rec, line, ps); ok {
			out = append(out, c)
		}
	}
	return out, ps.result(), nil
}

// delimiter finds the field delimiter: the one an Excel "sep=X" first line
// names (that line is then cut off), else the most frequent of comma,
// semicolon and tab outside quotes in the first row. It also returns the
// number of the first line left in data.
func delimiter(data []byte) ([]byte, byte, int) {
	if len(data) >= 5 && bytes.EqualFold(data[:4], []byte("sep=")) {
		end := bytes.IndexByte(data, '\n')
		if end < 0 {
			end = len(data)
		}
		if line := bytes.TrimRight(data[:end], "\r"); len(line) == 5 && strings.IndexByte(",;\t|", line[4]) >= 0 {
			return data[min(end+1, len(data)):], line[4], 2
		}
	}
	counts := map[byte]int{}
	quoted := false
	for _, c := range data[:min(len(data), 64<<10)] {
		if c == '"' {
			quoted = !quoted
		} else if c == '\n' && !quoted {
			break
		} else if !quoted {
			counts[c]++
		}
	}
	best := byte(',')
	for _, c := range []byte{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return data, best, 1
}

// checkColumns refuses a file with a row of more than MaxColumns fields
// before encoding/csv allocates them. It follows RFC 4180 quoting.
func checkColumns(data []byte, comma byte, line int) error {
	fields, quoted, atStart := 1, false, true
	for i := 0; i < len(data); i++ {
		c := data[i]
		if quoted {
			if c == '"' && i+1 < len(data) && data[i+1] == '"' {
				i++
			} else if c == '"' {
				quoted = false
			} else if c == '\n' {
				line++
			}
			atStart = false
			continue
		}
		switch c {
		case '"':
			quoted = atStart
		case comma:
			fields++
		case '\n':
			line, fields = line+1, 1
		}
		if fields > MaxColumns {
			return fmt.Errorf("read CSV file: %w (line %d has more than %d)", ErrTooManyColumns, line, MaxColumns)
		}
		atStart = c == comma || c == '\n'
	}
	return nil
}

// csvScanner reads records with encoding/csv, strictly, and recovers from
// bad quoting: the record's first physical line is read again leniently,
// reported, and reading goes on after it, so one stray quote cannot
// swallow the rest of the file.
type csvScanner struct {
	data  []byte
	comma rune
	start int // offset where r began
	base  int // line number of data[start]
	r     *csv.Reader
	ps    *problems
}

func (s *csvScanner) reader(b []byte, lazy bool) *csv.Reader {
	r := csv.NewReader(bytes.NewReader(b))
	r.Comma, r.FieldsPerRecord, r.LazyQuotes, r.ReuseRecord = s.comma, -1, lazy, false
	return r
}

// next returns the next record and the line it starts on.
func (s *csvScanner) next() ([]string, int, bool) {
	for {
		if s.r == nil {
			if s.start >= len(s.data) {
				return nil, 0, false
			}
			s.r = s.reader(s.data[s.start:], false)
		}
		off := s.r.InputOffset()
		rec, err := s.r.Read()
		switch {
		case err == nil:
			line, _ := s.r.FieldPos(0)
			return rec, s.base + line - 1, true
		case errors.Is(err, io.EOF):
			s.start = len(s.data)
			return nil, 0, false
		}
		if rec, line := s.recover(s.start+int(off), err); rec != nil {
			return rec, line, true
		}
	}
}

// recover reads the physical line where the failed record starts, at or
// after pos, leniently, and moves on to the line after it.
func (s *csvScanner) recover(pos int, err error) ([]string, int) {
	line := s.base + bytes.Count(s.data[s.start:pos], []byte("\n"))
	for pos < len(s.data) && (s.data[pos] == '\n' || bytes.HasPrefix(s.data[pos:], []byte("\r\n"))) {
		pos += 1 + bytes.IndexByte(s.data[pos:], '\n')
		line++
	}
	end := len(s.data)
	if i := bytes.IndexByte(s.data[pos:], '\n'); i >= 0 {
		end = pos + i
	}
	s.start, s.base, s.r = end+1, line+1, nil
	what := "this row has a stray quote"
	if errors.Is(err, csv.ErrQuote) {
		what = "a quoted field in this row is not closed properly"
	}
	phys := bytes.TrimRight(s.data[pos:end], "\r")
	if bytes.Count(phys, []byte(string(s.comma))) >= MaxColumns {
		s.ps.add(line, "%s and it has too many fields — skipped", what)
		return nil, 0
	}
	rec, err := s.reader(phys, true).Read()
	if err != nil {
		s.ps.add(line, "%s — skipped", what)
		return nil, 0
	}
	s.ps.add(line, "%s — read the row up to the end of this line; please check it", what)
	return rec, line
}
