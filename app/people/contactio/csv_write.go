package contactio

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
)

// csvHeader is Rapport's own column set, the one WriteCSV writes.
var csvHeader = []string{"name", "email", "phone", "company", "tags", "stage", "owner", "preferences", "notes", "handles"}

// formulaStarts are the first characters that make spreadsheets run a
// cell as a formula (OWASP "CSV injection").
const formulaStarts = "=+-@\t\r"

// listEscaper escapes one item of a list cell (tags, handles).
var listEscaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`)

// WriteCSV writes contacts as CSV in Rapport's own column set: name,
// email, phone, company, tags, stage, owner, preferences, notes, handles.
// The file starts with a UTF-8 byte order mark and uses CRLF, so that
// Excel opens it with the right characters. List cells separate items
// with "; " and escape a literal ";", "," or "\" inside an item with a
// backslash. The handles cell holds "platform:handle" items, followed by
// "email:…" and "phone:…" items for the further emails and phones, the
// way Person keeps them.
//
// A cell that starts with = + - @, a tab or a carriage return — which
// Excel and LibreOffice would run as a formula — is written with a single
// quote in front ("'=1+1", "'+44 20 …"); ReadCSV removes it again. To
// keep that reversible, a value that already starts with quotes followed
// by one of those characters gets one more quote.
func WriteCSV(w io.Writer, cs []Contact) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("\uFEFF")
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	if err := cw.Write(csvHeader); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	for _, c := range cs {
		if err := cw.Write(csvRow(c.clean())); err != nil {
			return fmt.Errorf("write CSV: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	return nil
}

func csvRow(c Contact) []string {
	handles := make([]string, 0, len(c.Handles)+len(c.Emails)+len(c.Phones))
	for _, h := range c.Handles {
		handles = append(handles, h.Platform+":"+listEscaper.Replace(h.Handle))
	}
	for _, e := range c.Emails {
		handles = append(handles, PlatformEmail+":"+listEscaper.Replace(e))
	}
	for _, p := range c.Phones {
		handles = append(handles, PlatformPhone+":"+listEscaper.Replace(p))
	}
	tags := make([]string, len(c.Tags))
	for i, t := range c.Tags {
		tags[i] = listEscaper.Replace(t)
	}
	row := []string{
		c.Name, c.Email, c.Phone, c.Company, strings.Join(tags, "; "), c.Stage, c.Owner,
		c.Preferences, c.Notes, strings.Join(handles, "; "),
	}
	for i, v := range row {
		row[i] = guard(v)
	}
	return row
}

// needsGuard tells whether a cell, after any leading single quotes, starts
// like a formula.
func needsGuard(s string) bool {
	s = strings.TrimLeft(s, "'")
	return s != "" && strings.IndexByte(formulaStarts, s[0]) >= 0
}

func guard(s string) string {
	if needsGuard(s) {
		return "'" + s
	}
	return s
}

// unguard removes the quote guard puts in front of a formula-like cell.
// Only a quote that guard would have added is removed: "'=x" becomes
// "=x", but "'hello" stays as it is.
func unguard(s string) string {
	if len(s) > 1 && s[0] == '\'' && needsGuard(s[1:]) {
		return s[1:]
	}
	return s
}

// splitList splits a list cell at the separators in seps that are not
// escaped with a backslash, and unescapes "\;", "\," and "\\" in each
// item; other backslashes are kept as they are.
func splitList(s, seps string) []string {
	var items []string
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && strings.IndexByte(`\;,`, s[i+1]) >= 0:
			b.WriteByte(s[i+1])
			i++
		case strings.IndexByte(seps, c) >= 0:
			items = append(items, b.String())
			b.Reset()
		default:
			b.WriteByte(c)
		}
	}
	return append(items, b.String())
}
