package contactio

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/emersion/go-vcard"

	"github.com/rapportapp/rapport/storage"
)

// foldAt is the longest line WriteVCards writes, in bytes, as RFC 6350
// and RFC 2426 ask.
const foldAt = 75

// textEscaper escapes a text value as vCard 3.0 and 4.0 ask.
var textEscaper = strings.NewReplacer(`\`, `\\`, "\n", `\n`, ",", `\,`, ";", `\;`)

// WriteVCards writes contacts as vCard version "3.0" or "4.0", one card
// each, with CRLF line ends and lines folded at 75 bytes. Besides the
// standard properties (FN, N, EMAIL, TEL, ORG, NOTE, CATEGORIES) each
// card carries Rapport's own X-RAPPORT-STAGE, X-RAPPORT-OWNER,
// X-RAPPORT-PREFERENCES and one X-RAPPORT-HANDLE (platform;handle) per
// handle, so that ReadVCards gets back everything Rapport stores; handles
// with a profile address are also written as X-SOCIALPROFILE (or URL for
// web sites) for other address books to show.
//
// Contacts are written in the form the readers return (see clean): text
// trimmed, line breaks as LF, repeats dropped.
func WriteVCards(w io.Writer, cs []Contact, version string) error {
	if version != "3.0" && version != "4.0" {
		return fmt.Errorf("write vCards: %w %q (use 3.0 or 4.0)", ErrVersion, version)
	}
	bw := bufio.NewWriter(w)
	cw := &cardWriter{w: bw, v4: version == "4.0"}
	for _, c := range cs {
		cw.card(c.clean(), version)
	}
	if cw.err == nil {
		cw.err = bw.Flush()
	}
	if cw.err != nil {
		return fmt.Errorf("write vCards: %w", cw.err)
	}
	return nil
}

// go-vcard's Encoder is not used for writing: it does not escape ';'
// (which N, ORG and X-RAPPORT-HANDLE need, and vCard 3.0 text values
// require), it would escape the commas that separate CATEGORIES, and it
// does not fold lines. cardWriter writes lines itself; its output reads
// back with go-vcard's Decoder (see the tests).
type cardWriter struct {
	w   *bufio.Writer
	v4  bool
	err error
}

func (cw *cardWriter) card(c Contact, version string) {
	cw.line("BEGIN:VCARD")
	cw.line(vcard.FieldVersion + ":" + version)
	cw.line(vcard.FieldProductID + ":-//Rapport//Rapport contacts//EN")
	cw.line(vcard.FieldFormattedName + ":" + textEscaper.Replace(c.Name))
	cw.line(vcard.FieldName + ":" + structuredName(c.Name))
	if c.Company != "" {
		cw.line(vcard.FieldOrganization + ":" + textEscaper.Replace(c.Company))
	}
	cw.addresses(vcard.FieldEmail, c.Email, c.Emails)
	cw.addresses(vcard.FieldTelephone, c.Phone, c.Phones)
	if len(c.Tags) > 0 {
		esc := make([]string, len(c.Tags))
		for i, t := range c.Tags {
			esc[i] = textEscaper.Replace(t)
		}
		cw.line(vcard.FieldCategories + ":" + strings.Join(esc, ","))
	}
	cw.text(vcard.FieldNote, c.Notes)
	for _, h := range c.Handles {
		cw.handle(h)
	}
	cw.text(propStage, c.Stage)
	cw.text(propOwner, c.Owner)
	cw.text(propPreferences, c.Preferences)
	cw.line("END:VCARD")
}

func (cw *cardWriter) text(prop, v string) {
	if v != "" {
		cw.line(prop + ":" + textEscaper.Replace(v))
	}
}

// addresses writes the preferred email or phone, marked as such, and the
// others.
func (cw *cardWriter) addresses(prop, preferred string, others []string) {
	if preferred == "" {
		return
	}
	params := ";PREF=1"
	switch {
	case cw.v4:
	case prop == vcard.FieldEmail:
		params = ";TYPE=INTERNET,pref"
	default:
		params = ";TYPE=pref"
	}
	cw.line(prop + params + ":" + textEscaper.Replace(preferred))
	for _, v := range others {
		cw.line(prop + ":" + textEscaper.Replace(v))
	}
}

// handle writes Rapport's own X-RAPPORT-HANDLE and, when the handle has a
// profile address, a property other address books understand.
func (cw *cardWriter) handle(h storage.Handle) {
	cw.line(propHandle + ":" + textEscaper.Replace(h.Platform) + ";" + textEscaper.Replace(h.Handle))
	u, ok := handleURL(h)
	switch {
	case !ok:
	case h.Platform == "web" || h.Platform == "blog" || platformOf(h.Platform) == "":
		cw.line(vcard.FieldURL + ":" + textEscaper.Replace(u))
	default:
		cw.line(propSocial + ";TYPE=" + h.Platform + ":" + textEscaper.Replace(u))
	}
}

// structuredName guesses N (family;given;additional;prefix;suffix) from
// a full name: the last word is the family name. Readers prefer FN, so
// the guess only matters to other address books.
func structuredName(name string) string {
	given, family := name, ""
	if i := strings.LastIndexByte(name, ' '); i >= 0 {
		given, family = name[:i], name[i+1:]
	}
	return textEscaper.Replace(family) + ";" + textEscaper.Replace(given) + ";;;"
}

// line writes one content line, folded: after foldAt bytes a CRLF and a
// space, never inside a UTF-8 sequence.
func (cw *cardWriter) line(l string) {
	if cw.err != nil {
		return
	}
	limit := foldAt
	for len(l) > limit {
		cut := limit
		for cut > 1 && !utf8.RuneStart(l[cut]) {
			cut--
		}
		cw.w.WriteString(l[:cut])
		cw.w.WriteString("\r\n ")
		l, limit = l[cut:], foldAt-1
	}
	cw.w.WriteString(l)
	_, cw.err = cw.w.WriteString("\r\n")
}
