package contactio

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/emersion/go-vcard"

	"github.com/rapportapp/rapport/storage"
)

// Rapport's own vCard properties, which other address books keep but
// ignore.
const (
	propStage       = "X-RAPPORT-STAGE"
	propOwner       = "X-RAPPORT-OWNER"
	propPreferences = "X-RAPPORT-PREFERENCES"
	propHandle      = "X-RAPPORT-HANDLE" // platform;handle
	propSocial      = "X-SOCIALPROFILE"
)

// cardContact reads a decoded card. Values are still vCard-escaped (see
// vcardReader.add) and are unescaped here, field by field.
func cardContact(card vcard.Card) Contact {
	c := Contact{
		Name:        text(card, vcard.FieldFormattedName),
		Company:     joinNonEmpty(components(card.Value(vcard.FieldOrganization), ';'), ", "),
		Notes:       strings.Join(texts(card, vcard.FieldNote), "\n\n"),
		Stage:       text(card, propStage),
		Owner:       text(card, propOwner),
		Preferences: text(card, propPreferences),
		Emails:      addresses(card, vcard.FieldEmail, "mailto:"),
		Phones:      addresses(card, vcard.FieldTelephone, "tel:"),
		Handles:     cardHandles(card),
	}
	if c.Name == "" {
		c.Name = nameFromN(components(card.Value(vcard.FieldName), ';'))
	}
	if nick := components(card.Value(vcard.FieldNickname), ','); c.Name == "" && len(nick) > 0 {
		c.Name = nick[0]
	}
	for _, v := range card.Values(vcard.FieldCategories) {
		for _, t := range components(v, ',') {
			if t = strings.TrimPrefix(strings.TrimSpace(t), "* "); !strings.EqualFold(t, "myContacts") {
				c.Tags = append(c.Tags, t)
			}
		}
	}
	return c
}

func text(card vcard.Card, prop string) string {
	return unescape(card.PreferredValue(prop))
}

func texts(card vcard.Card, prop string) []string {
	var out []string
	for _, v := range card.Values(prop) {
		if v = unescape(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// addresses lists a card's emails or phones, the preferred one first
// (PREF=1 in 4.0, TYPE=pref in 3.0 and 2.1), without a URI scheme.
func addresses(card vcard.Card, prop, scheme string) []string {
	fields := slices.Clone(card[prop])
	sort.SliceStable(fields, func(i, j int) bool { return prefRank(fields[i]) < prefRank(fields[j]) })
	out := make([]string, 0, len(fields))
	for _, f := range fields {
		v := strings.TrimSpace(unescape(f.Value))
		if len(v) >= len(scheme) && strings.EqualFold(v[:len(scheme)], scheme) {
			v = v[len(scheme):]
		}
		out = append(out, v)
	}
	return out
}

func prefRank(f *vcard.Field) int {
	if p := f.Params.Get(vcard.ParamPreferred); p != "" {
		if n, err := strconv.Atoi(p); err == nil {
			return n
		}
		return 1
	}
	if f.Params.HasType("pref") {
		return 1
	}
	return 101
}

// nameFromN writes a structured name (family; given; additional; prefix;
// suffix) in the usual order.
func nameFromN(n []string) string {
	get := func(i int) string {
		if i < len(n) {
			return n[i]
		}
		return ""
	}
	return joinNonEmpty([]string{get(3), get(1), get(2), get(0), get(4)}, " ")
}

func joinNonEmpty(parts []string, sep string) string {
	var kept []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}

// cardHandles collects handles: Rapport's own X-RAPPORT-HANDLE first,
// exactly as written, then those other address books write (URL,
// X-SOCIALPROFILE, SOCIALPROFILE, IMPP, X-TWITTER and its kind), except
// the profile addresses WriteVCards derived from Rapport's own handles.
func cardHandles(card vcard.Card) []storage.Handle {
	var hs []storage.Handle
	ours := make(map[string]bool)
	for _, v := range card.Values(propHandle) {
		parts := components(v, ';')
		if len(parts) < 2 {
			continue
		}
		h := storage.Handle{Platform: parts[0], Handle: strings.Join(parts[1:], ";")}
		hs = append(hs, h)
		if u, ok := handleURL(h); ok {
			ours[u] = true
		}
	}
	for _, prop := range otherHandleProps(card) {
		for _, f := range card[prop] {
			if v := strings.TrimSpace(unescape(f.Value)); v != "" && !ours[v] {
				hs = append(hs, canonicalHandle(fieldHandle(prop, v, f.Params)))
			}
		}
	}
	return hs
}

// otherHandleProps lists, in a fixed order, the card's properties that
// may carry a handle.
func otherHandleProps(card vcard.Card) []string {
	props := []string{vcard.FieldURL, propSocial, "SOCIALPROFILE", vcard.FieldIMPP}
	var named []string
	for k := range card {
		if strings.HasPrefix(k, "X-") && platformOf(k[2:]) != "" {
			named = append(named, k)
		}
	}
	sort.Strings(named)
	return append(props, named...)
}

// fieldHandle reads the handle of one property. A profile address on a
// known platform wins; otherwise the platform the property names.
func fieldHandle(prop, v string, params vcard.Params) storage.Handle {
	h, isURL := handleFromURL(v)
	if isURL && h.Platform != "web" {
		return h
	}
	switch prop {
	case vcard.FieldURL:
		return storage.Handle{Platform: "web", Handle: v}
	case propSocial, "SOCIALPROFILE":
		p := servicePlatform(params)
		switch {
		case p == "" && isURL:
			return h
		case p == "":
			p = "other"
		}
		if user := params.Get("X-USER"); user != "" {
			return storage.Handle{Platform: p, Handle: user}
		}
		return storage.Handle{Platform: p, Handle: strings.TrimPrefix(v, "x-apple:")}
	case vcard.FieldIMPP:
		scheme, rest, ok := strings.Cut(v, ":")
		p := servicePlatform(params)
		if p == "" {
			p = platformOf(scheme)
		}
		if !ok || p == "" {
			p, rest = "im", v
		}
		return storage.Handle{Platform: p, Handle: strings.TrimPrefix(rest, "//")}
	}
	return storage.Handle{Platform: platformOf(prop[2:]), Handle: v}
}

// servicePlatform reads the platform a social profile or IM address
// names in its parameters: SERVICE-TYPE (RFC 9554), X-SERVICE-TYPE
// (Apple), or a TYPE that is not home/work/pref/….
func servicePlatform(params vcard.Params) string {
	for _, k := range []string{"SERVICE-TYPE", "X-SERVICE-TYPE"} {
		if p := platformOf(params.Get(k)); p != "" {
			return p
		}
	}
	for _, t := range params.Types() {
		if p := platformOf(t); p != "" {
			return p
		}
	}
	return ""
}

// components splits an escaped value at the sep characters that are not
// escaped and unescapes each part.
func components(v string, sep byte) []string {
	if v == "" {
		return nil
	}
	var parts []string
	last := 0
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '\\':
			i++
		case sep:
			parts = append(parts, unescape(v[last:i]))
			last = i + 1
		}
	}
	return append(parts, unescape(v[last:]))
}

// unescape undoes vCard text escaping: \n or \N is a line break, \\ \, \;
// and \: the character itself (Google writes "https\://"). Other
// backslashes are kept, as 2.1 files and hand-made ones use them
// literally.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			switch s[i+1] {
			case 'n', 'N':
				b.WriteByte('\n')
				i++
				continue
			case '\\', ',', ';', ':':
				b.WriteByte(s[i+1])
				i++
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
