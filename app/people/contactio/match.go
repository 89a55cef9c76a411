package contactio

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/rapportapp/rapport/storage"
)

// How sure Match is, by the reason it found.
const (
	ConfidenceEmail       = 0.95
	ConfidenceHandle      = 0.95
	ConfidencePhone       = 0.9
	ConfidenceNameCompany = 0.7
	ConfidenceName        = 0.5
)

// minPhoneDigits is how many digits two numbers must share at their end
// to be the same number.
const minPhoneDigits = 9

// Match finds the existing person a contact most likely duplicates, so
// that an import can suggest merging instead of adding a copy. It returns
// the person's ID, the reason in words ("same email ann@example.com") and
// a confidence: 0.95 for the same email (ignoring case) or the same handle
// on the same platform, 0.9 for the same phone number (the same last 9 or
// more digits, see samePhone), 0.7 for the same name (ignoring case,
// accents, punctuation and word order) and company, 0.5 for the same name
// alone, and 0, "" when nothing matches. The extra emails and phones a
// Person keeps as "email" and "phone" handles count as emails and phones.
// People merged into another one are skipped. When several people match
// equally well, the first in existing wins.
//
// Match indexes existing on every call; to match many contacts, build
// the index once with NewIndex.
func Match(existing []storage.Person, c Contact) (id uint64, reason string, confidence float64) {
	return NewIndex(existing).Match(c)
}

// Index finds duplicates among a set of people quickly. It is not changed
// by Match, which may be called from several goroutines; Add may not run
// at the same time.
type Index struct {
	people  []storage.Person
	emails  map[string]int          // normalised email → first person with it
	handles map[string]int          // handleKey → first person with it
	phones  map[string][]phoneEntry // last minPhoneDigits digits → people, in order
	names   map[string][]nameEntry  // normName → people, in order
}

type phoneEntry struct {
	person int
	digits string // without leading zeros
}

type nameEntry struct {
	person  int
	company string // normCompany
}

// NewIndex indexes people for Match. It keeps the slice, not a copy.
func NewIndex(existing []storage.Person) *Index {
	x := &Index{
		people: existing, emails: map[string]int{}, handles: map[string]int{},
		phones: map[string][]phoneEntry{}, names: map[string][]nameEntry{},
	}
	for i := range existing {
		x.index(i)
	}
	return x
}

// Add indexes one more person (say, one just imported), so later
// contacts of the same file are matched against it too.
func (x *Index) Add(p storage.Person) {
	x.people = append(x.people, p)
	x.index(len(x.people) - 1)
}

func (x *Index) index(i int) {
	p := &x.people[i]
	if p.MergedInto != 0 {
		return
	}
	k := keysOf(FromPerson(*p))
	for _, e := range k.emails {
		putFirst(x.emails, e, i)
	}
	for _, h := range k.handles {
		putFirst(x.handles, h, i)
	}
	for _, d := range k.phones {
		tail := d[len(d)-minPhoneDigits:]
		x.phones[tail] = append(x.phones[tail], phoneEntry{i, d})
	}
	if k.name != "" {
		x.names[k.name] = append(x.names[k.name], nameEntry{i, k.company})
	}
}

func putFirst(m map[string]int, k string, i int) {
	if _, ok := m[k]; !ok {
		m[k] = i
	}
}

// Match is like the function Match, over the indexed people.
func (x *Index) Match(c Contact) (id uint64, reason string, confidence float64) {
	k := keysOf(c.clean())
	best := -1
	consider := func(i int, r string, conf float64) {
		if conf > confidence || (conf == confidence && i < best) {
			best, reason, confidence = i, r, conf
		}
	}
	for j, e := range k.emails {
		if i, ok := x.emails[e]; ok {
			consider(i, "same email "+k.rawEmails[j], ConfidenceEmail)
		}
	}
	for j, h := range k.handles {
		if i, ok := x.handles[h]; ok {
			consider(i, "same "+k.rawHandles[j].Platform+" handle "+k.rawHandles[j].Handle, ConfidenceHandle)
		}
	}
	for j, d := range k.phones {
		// Buckets are in people's order: the first that matches wins.
		for _, e := range x.phones[d[len(d)-minPhoneDigits:]] {
			if samePhone(e.digits, d) {
				consider(e.person, "same phone number "+k.rawPhones[j], ConfidencePhone)
				break
			}
		}
	}
	x.matchName(k, consider)
	if best < 0 {
		return 0, "", 0
	}
	return x.people[best].ID, reason, confidence
}

// matchName considers the first person with the same name and company,
// else the first with the same name.
func (x *Index) matchName(k matchKeys, consider func(int, string, float64)) {
	same := x.names[k.name]
	if len(same) == 0 {
		return
	}
	if k.company != "" {
		for _, e := range same {
			if e.company == k.company {
				consider(e.person, "same name and company", ConfidenceNameCompany)
				return
			}
		}
	}
	consider(same[0].person, "same name", ConfidenceName)
}

// matchKeys are a contact's identities, normalised for comparing, with
// the values as written alongside for the reason.
type matchKeys struct {
	emails, rawEmails []string
	phones, rawPhones []string // digits without leading zeros, at least minPhoneDigits
	handles           []string // handleKey
	rawHandles        []storage.Handle
	name, company     string
}

func keysOf(c Contact) matchKeys {
	k := matchKeys{name: normName(c.Name), company: normCompany(c.Company)}
	for _, e := range append([]string{c.Email}, c.Emails...) {
		if n := normEmail(e); n != "" {
			k.emails, k.rawEmails = append(k.emails, n), append(k.rawEmails, strings.TrimSpace(e))
		}
	}
	for _, ph := range append([]string{c.Phone}, c.Phones...) {
		if d := strings.TrimLeft(phoneDigits(ph), "0"); len(d) >= minPhoneDigits {
			k.phones, k.rawPhones = append(k.phones, d), append(k.rawPhones, strings.TrimSpace(ph))
		}
	}
	for _, h := range c.Handles {
		if strings.TrimSpace(h.Handle) != "" {
			k.handles, k.rawHandles = append(k.handles, handleKey(h)), append(k.rawHandles, h)
		}
	}
	return k
}

func normEmail(e string) string {
	e = strings.ToLower(strings.TrimSpace(e))
	if !strings.Contains(e, "@") {
		return ""
	}
	return e
}

func phoneDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// samePhone compares two numbers written differently: leading zeros (a
// trunk prefix such as the 0 of 07700 900123) are ignored, and the
// shorter number must be the end of the longer one and have at least
// minPhoneDigits digits, so that "+44 7700 900123" and "07700 900123"
// match but a country code cannot be mistaken for part of the number.
func samePhone(a, b string) bool {
	a, b = strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
	if len(a) > len(b) {
		a, b = b, a
	}
	return len(a) >= minPhoneDigits && strings.HasSuffix(b, a)
}

// normName folds a name for comparison: lower case, without accents and
// punctuation, its words sorted, so that "Doe, Jane" is "Jane Doe".
func normName(s string) string {
	words := foldWords(s)
	slices.Sort(words)
	return strings.Join(words, " ")
}

// companySuffixes are legal forms left out at the end of company names.
var companySuffixes = map[string]bool{
	"inc": true, "ltd": true, "llc": true, "gmbh": true, "ag": true, "co": true, "corp": true, "kg": true,
	"limited": true, "plc": true, "sa": true, "sarl": true, "bv": true, "nv": true, "srl": true, "spa": true,
	"oy": true, "ab": true, "as": true, "asa": true, "aps": true, "pty": true,
}

// normCompany folds a company name like normName, keeping word order and
// leaving out legal forms at its end: "ACME Co. Ltd." is "acme".
func normCompany(s string) string {
	words := foldWords(s)
	for len(words) > 1 && companySuffixes[words[len(words)-1]] {
		words = words[:len(words)-1]
	}
	return strings.Join(words, " ")
}

// letterFolder spells letters that do not decompose into a base letter
// and an accent the way people type them without the key.
var letterFolder = strings.NewReplacer("ø", "o", "Ø", "o", "æ", "ae", "Æ", "ae", "œ", "oe", "Œ", "oe",
	"ß", "ss", "ł", "l", "Ł", "l", "đ", "d", "Đ", "d", "þ", "th", "Þ", "th", "ı", "i")

// foldWords splits text into lower-case words of letters and digits,
// without accents.
func foldWords(s string) []string {
	var b strings.Builder
	for _, r := range norm.NFD.String(letterFolder.Replace(s)) {
		switch {
		case unicode.Is(unicode.Mn, r), r == '\'', r == '’', r == '.':
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Fields(b.String())
}
