package contactio

import (
	"errors"
	"fmt"
	"strings"

	"github.com/rapportapp/rapport/storage"
)

// Limits that keep hostile or accidental input cheap to reject.
const (
	// MaxSize is the largest file the readers accept, in bytes.
	MaxSize = 20 << 20
	// MaxContacts is the most contacts (vCards or CSV rows) one file may
	// hold.
	MaxContacts = 50_000
	// MaxProblems is the most problems listed one by one; the rest are
	// summed up in one last Problem.
	MaxProblems = 1000
	// MaxValueLen is the longest vCard property line kept, in bytes after
	// unfolding. Longer ones (other than photos, which are always skipped)
	// are skipped with a Problem.
	MaxValueLen = 1 << 20
	// MaxProperties is the most properties read from one vCard.
	MaxProperties = 2000
	// MaxColumns is the most fields one CSV row may have.
	MaxColumns = 1000
)

// Errors the readers and writers return, wrapped with details; test with
// errors.Is. Problems with single cards or rows are not errors: they are
// reported as [Problem]s and the rest of the file is still read.
var (
	ErrTooLarge        = errors.New("the file is too large to import")
	ErrTooManyContacts = errors.New("the file holds too many contacts")
	ErrBinary          = errors.New("this is not a text file")
	ErrNotVCard        = errors.New("no vCard found in the file")
	ErrNoHeader        = errors.New("the first row does not name any column Rapport knows")
	ErrTooManyColumns  = errors.New("a row has too many columns")
	ErrVersion         = errors.New("unsupported vCard version")
)

// Platforms under which Person.Handles keeps a contact's extra email
// addresses and phone numbers (see [Contact.ToPerson]).
const (
	PlatformEmail = "email"
	PlatformPhone = "phone"
)

// Contact is one contact as the files carry it, neutral between vCard,
// CSV and Rapport's own [storage.Person].
type Contact struct {
	Name        string
	Email       string // the preferred address
	Phone       string // the preferred number
	Company     string
	Notes       string // may hold several lines
	Preferences string // may hold several lines
	Stage       string
	Owner       string
	Emails      []string // further addresses, without Email
	Phones      []string // further numbers, without Phone
	Tags        []string
	Handles     []storage.Handle // never with platform "email" or "phone"
	Line        int              // where the contact starts in the file, for messages; 0 when not read from one
}

// Problem is something wrong with one part of a file, in words for the
// owner. The readers still return everything else they could read.
type Problem struct {
	Line int    // 1-based line in the file, 0 when the problem is about the whole file
	Msg  string // what happened and what was done, e.g. "no name, email, phone or handle — skipped"
}

// String says where and what, e.g. "line 14: no name … — skipped".
func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("line %d: %s", p.Line, p.Msg)
	}
	return p.Msg
}

// ToPerson turns the contact into a new contact record. Extra email
// addresses and phone numbers, which Person has no fields for, become
// handles with platform [PlatformEmail] or [PlatformPhone] after the
// contact's other handles, so they are stored, indexed and found by
// [Match]. ID and Created are left for the store to set.
func (c Contact) ToPerson() storage.Person {
	p := storage.Person{
		Name: c.Name, Contact: true, Email: c.Email, Phone: c.Phone, Company: c.Company,
		Notes: c.Notes, Preferences: c.Preferences, Stage: c.Stage, Owner: c.Owner,
		Tags: clone(c.Tags),
	}
	p.Handles = append(p.Handles, c.Handles...)
	for _, e := range c.Emails {
		p.Handles = append(p.Handles, storage.Handle{Platform: PlatformEmail, Handle: e})
	}
	for _, ph := range c.Phones {
		p.Handles = append(p.Handles, storage.Handle{Platform: PlatformPhone, Handle: ph})
	}
	return p
}

// FromPerson is the contact of a person record, the inverse of ToPerson:
// handles with platform "email" or "phone" come back as Emails and Phones.
func FromPerson(p storage.Person) Contact {
	c := Contact{
		Name: p.Name, Email: p.Email, Phone: p.Phone, Company: p.Company, Notes: p.Notes,
		Preferences: p.Preferences, Stage: p.Stage, Owner: p.Owner, Tags: clone(p.Tags),
	}
	for _, h := range p.Handles {
		switch strings.ToLower(h.Platform) {
		case PlatformEmail:
			c.Emails = append(c.Emails, h.Handle)
		case PlatformPhone:
			c.Phones = append(c.Phones, h.Handle)
		default:
			c.Handles = append(c.Handles, h)
		}
	}
	return c
}

func clone(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return append([]string(nil), s...)
}

// problems collects Problems up to MaxProblems and counts the rest.
type problems struct {
	list    []Problem
	dropped int
}

func (ps *problems) add(line int, format string, args ...any) {
	if len(ps.list) >= MaxProblems {
		ps.dropped++
		return
	}
	ps.list = append(ps.list, Problem{Line: line, Msg: fmt.Sprintf(format, args...)})
}

// result is the list, with a last summary when some were dropped.
func (ps *problems) result() []Problem {
	if ps.dropped > 0 {
		return append(ps.list, Problem{Msg: fmt.Sprintf("… and %d more problems", ps.dropped)})
	}
	return ps.list
}

// finish tidies a contact read from a file and names it when the file gave
// no name. It reports false, with a Problem, when nothing identifies the
// contact.
func finish(c Contact, ps *problems, what string) (Contact, bool) {
	hadName := strings.TrimSpace(c.Name) != ""
	c = c.clean()
	switch {
	case c.Name == "":
		ps.add(c.Line, "%s has no name, company, email, phone or handle — skipped", what)
		return c, false
	case !hadName:
		ps.add(c.Line, "%s has no name — named it %q", what, c.Name)
	}
	return c, true
}
