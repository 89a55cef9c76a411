package contactio

import (
	"fmt"
	"strings"

	"github.com/rapportapp/rapport/storage"
)

// field is what a CSV column holds.
type field int

const (
	fIgnore field = iota
	fName
	fGiven
	fMiddle
	fFamily
	fPrefix
	fSuffix
	fNickname
	fEmail
	fPhone
	fCompany
	fNotes
	fTags   // Rapport's "a; b", or Outlook's "a;b"
	fGroups // Google's "* myContacts ::: Friends"
	fStage
	fOwner
	fPreferences
	fHandles // Rapport's "platform:handle; platform:handle"
	fHandle  // a column named after a platform, such as "Twitter"
	fURL     // a web address, read as a handle
)

// column is how one header cell is read. multi columns hold several
// values separated by " ::: ", as Google's exports do.
type column struct {
	field    field
	platform string
	multi    bool
}

// columnNames are the header names understood as they are, after lower
// casing and turning "_" into a space: English ones from Google, Outlook
// and Rapport, then the German, French, Spanish and Dutch names European
// Excel users give their columns.
var columnNames = map[field][]string{
	fName:     {"name", "full name", "display name", "contact name", "fn", "nombre", "naam"},
	fGiven:    {"given name", "first name", "firstname", "vorname", "prénom", "voornaam"},
	fMiddle:   {"additional name", "middle name"},
	fFamily:   {"family name", "last name", "lastname", "surname", "nachname", "nom", "apellidos", "achternaam"},
	fPrefix:   {"name prefix", "prefix"},
	fSuffix:   {"name suffix", "suffix"},
	fNickname: {"nickname"},
	fEmail: {
		"email", "e-mail", "mail", "email address", "e-mail address", "e-mail-adresse", "courriel",
		"adresse e-mail", "correo", "correo electrónico", "e-mailadres",
	},
	fPhone: {
		"phone", "telephone", "tel", "mobile", "phone number", "telefon", "handy", "mobil", "téléphone",
		"portable", "teléfono", "móvil", "telefoon", "mobiel",
	},
	fCompany: {
		"company", "company name", "organization", "organisation", "organization name", "org", "firma",
		"unternehmen", "société", "entreprise", "empresa", "bedrijf",
	},
	fNotes:       {"notes", "note", "comments", "notizen", "notiz", "bemerkungen", "remarques", "notas", "notities"},
	fTags:        {"tags", "tag", "categories", "groups", "kategorien"},
	fGroups:      {"group membership", "labels"},
	fStage:       {"stage"},
	fOwner:       {"owner"},
	fPreferences: {"preferences"},
	fHandles:     {"handles"},
	fURL:         {"website", "web page", "url", "homepage", "home page", "personal web page", "business web page"},
}

// exactColumns maps each name in columnNames to its field.
var exactColumns = func() map[string]field {
	m := make(map[string]field)
	for f, names := range columnNames {
		for _, n := range names {
			m[n] = f
		}
	}
	return m
}()

// columnOf says how to read a header cell: the exact names above, then
// Google's numbered ones ("E-mail 1 - Value", "Phone 2 - Value",
// "Website 1 - Value", "Organization 1 - Name"), Outlook's ("E-mail 2
// Address", "Mobile Phone", "Business Phone"), then platform names
// ("Twitter", "Mastodon", …). Anything else is ignored.
func columnOf(h string) column {
	h = strings.Join(strings.Fields(strings.ToLower(strings.ReplaceAll(h, "_", " "))), " ")
	if f, ok := exactColumns[h]; ok {
		return column{field: f, multi: f == fGroups}
	}
	switch {
	case strings.HasSuffix(h, "type") || strings.HasSuffix(h, "label") || strings.Contains(h, "display name") ||
		strings.Contains(h, "yomi") || strings.HasPrefix(h, "phonetic") || strings.Contains(h, "assistant") ||
		strings.Contains(h, "company main") || strings.Contains(h, "fax"):
		// Types, readings of names, and numbers that are not the person's.
		return column{}
	case strings.HasPrefix(h, "e-mail") || strings.HasPrefix(h, "email"):
		return column{field: fEmail, multi: true}
	case strings.Contains(h, "phone") || strings.HasPrefix(h, "mobile"):
		return column{field: fPhone, multi: true}
	case strings.HasPrefix(h, "website") || strings.HasPrefix(h, "web page"):
		return column{field: fURL, multi: true}
	case strings.HasPrefix(h, "organization") && strings.HasSuffix(h, " - name"):
		return column{field: fCompany}
	}
	if p := platformOf(h); p != "" && p != "web" && p != "blog" {
		return column{field: fHandle, platform: p}
	}
	return column{}
}

// columns is how each column of a file is read.
type columns []column

// mapHeader reads the header row; it fails when no column is known.
func mapHeader(header []string) (columns, error) {
	cols := make(columns, len(header))
	known := false
	for i, h := range header {
		cols[i] = columnOf(strings.TrimPrefix(h, "\uFEFF"))
		known = known || cols[i].field != fIgnore
	}
	if !known {
		shown := header[:min(len(header), 5)]
		for i, h := range shown {
			shown[i] = fmt.Sprintf("%.40q", h)
		}
		return nil, fmt.Errorf("read CSV file: %w (it has %s; expected columns such as Name, Email, Phone)", ErrNoHeader, strings.Join(shown, ", "))
	}
	return cols, nil
}

// rowName collects the parts of a name spread over several columns.
type rowName struct{ full, prefix, given, middle, family, suffix, nick string }

func (n rowName) String() string {
	if n.full != "" {
		return n.full
	}
	if s := joinNonEmpty([]string{n.prefix, n.given, n.middle, n.family, n.suffix}, " "); s != "" {
		return s
	}
	return n.nick
}

// contact reads one row. It reports false for empty rows and rows
// without anything identifying a contact.
func (cols columns) contact(rec []string, line int, ps *problems) (Contact, bool) {
	if blank(rec) {
		return Contact{}, false
	}
	if len(rec) != len(cols) {
		ps.add(line, "this row has %d fields but the header has %d — read the ones there are", len(rec), len(cols))
	}
	c := Contact{Line: line}
	var n rowName
	var emails, phones []string
	for i, col := range cols[:min(len(cols), len(rec))] {
		v := unguard(rec[i])
		if strings.TrimSpace(v) == "" {
			continue
		}
		vals := []string{v}
		if col.multi {
			vals = strings.Split(v, ":::")
		}
		switch col.field {
		case fName, fPrefix, fGiven, fMiddle, fFamily, fSuffix, fNickname:
			n.set(col.field, v)
		case fEmail:
			emails = append(emails, vals...)
		case fPhone:
			phones = append(phones, vals...)
		default:
			cols.setField(&c, col, vals, line, ps)
		}
	}
	c.Name = n.String()
	c.Email, c.Emails = first(emails)
	c.Phone, c.Phones = first(phones)
	return finish(c, ps, "this row")
}

// set keeps the first non-empty value of each part.
func (n *rowName) set(f field, v string) {
	var p *string
	switch f {
	case fName:
		p = &n.full
	case fPrefix:
		p = &n.prefix
	case fGiven:
		p = &n.given
	case fMiddle:
		p = &n.middle
	case fFamily:
		p = &n.family
	case fSuffix:
		p = &n.suffix
	default:
		p = &n.nick
	}
	if *p == "" {
		*p = strings.TrimSpace(v)
	}
}

// setField reads the columns other than names, emails and phones.
func (cols columns) setField(c *Contact, col column, vals []string, line int, ps *problems) {
	v := vals[0]
	switch col.field {
	case fCompany:
		if c.Company == "" {
			c.Company = v
		}
	case fNotes:
		if c.Notes != "" {
			v = c.Notes + "\n\n" + v
		}
		c.Notes = v
	case fTags:
		c.Tags = append(c.Tags, splitList(v, ";,")...)
	case fGroups:
		for _, g := range vals {
			if g = strings.TrimPrefix(strings.TrimSpace(g), "* "); !strings.EqualFold(g, "myContacts") {
				c.Tags = append(c.Tags, g)
			}
		}
	case fStage:
		c.Stage = v
	case fOwner:
		c.Owner = v
	case fPreferences:
		c.Preferences = v
	case fHandles:
		c.Handles = append(c.Handles, parseHandles(v, line, ps)...)
	case fHandle, fURL:
		for _, s := range vals {
			c.Handles = append(c.Handles, cellHandle(col, s)...)
		}
	}
}

// cellHandle reads a URL column, or one named after a platform: a
// profile address on a known platform wins over the column's platform.
func cellHandle(col column, s string) []storage.Handle {
	h, ok := handleFromURL(s)
	switch {
	case ok && (h.Platform != "web" || col.field == fURL):
	case strings.TrimSpace(s) == "":
		return nil
	case col.field == fHandle:
		h = storage.Handle{Platform: col.platform, Handle: s}
	default:
		h = storage.Handle{Platform: "web", Handle: s}
	}
	return []storage.Handle{canonicalHandle(h)}
}

// parseHandles reads Rapport's handles cell: "platform:handle" items
// separated by ";", with "\;" and "\\" for a literal ";" or "\". A bare
// web address is read like a URL column; an item without a platform is
// kept under "other" and reported.
func parseHandles(v string, line int, ps *problems) []storage.Handle {
	var hs []storage.Handle
	for _, item := range splitList(v, ";") {
		if item = strings.TrimSpace(item); item == "" {
			continue
		}
		p, h, ok := strings.Cut(item, ":")
		switch {
		case ok && (p == "http" || p == "https") && strings.HasPrefix(h, "//"):
			u, _ := handleFromURL(item)
			hs = append(hs, canonicalHandle(u))
		case ok && cleanPlatform(p) != "":
			hs = append(hs, storage.Handle{Platform: p, Handle: h})
		default:
			ps.add(line, "handle %.60q names no platform (write it as platform:handle) — kept it as other:%.60s", item, item)
			hs = append(hs, storage.Handle{Platform: "other", Handle: item})
		}
	}
	return hs
}

func blank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}
