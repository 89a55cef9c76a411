package contactio

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/emersion/go-vcard"
)

// ReadVCards reads a vCard file (versions 2.1, 3.0 and 4.0, as iCloud,
// Google Contacts, Outlook, phones and Rapport write them). Cards it
// cannot use are left out and listed as Problems, with their line; the
// error is for files it cannot read at all: too large ([ErrTooLarge]),
// too many cards ([ErrTooManyContacts]), binary ([ErrBinary]) or without
// a single BEGIN:VCARD ([ErrNotVCard]). On error no contacts are
// returned.
func ReadVCards(r io.Reader) ([]Contact, []Problem, error) {
	data, err := readInput(r, "vCard file")
	if err != nil {
		return nil, nil, err
	}
	vr := &vcardReader{ps: &problems{}, br: bufio.NewReaderSize(strings.NewReader(""), 4096)}
	u := &unfolder{data: data, ps: vr.ps}
	if err := u.each(vr.line); err != nil {
		return nil, nil, err
	}
	vr.endOfFile()
	if vr.cards == 0 {
		return nil, nil, fmt.Errorf("read vCard file: %w (a vCard starts with BEGIN:VCARD)", ErrNotVCard)
	}
	return vr.contacts, vr.ps.result(), nil
}

// vcardReader gathers the property lines of each card, normalised for
// go-vcard, and turns each finished card into a Contact.
type vcardReader struct {
	ps       *problems
	br       *bufio.Reader // reused by go-vcard's Decoder for every card
	contacts []Contact
	cards    int // BEGIN:VCARD lines seen

	in        bool // inside a card
	start     int  // line of its BEGIN
	props     int  // properties kept
	truncated bool // some were dropped for MaxProperties
	block     strings.Builder
}

func (vr *vcardReader) line(l propLine) error {
	name := propName(l.text)
	_, value, _ := splitLine(l.text)
	isCard := strings.EqualFold(strings.TrimSpace(value), "VCARD")
	switch {
	case name == "BEGIN" && isCard:
		if vr.in {
			vr.ps.add(vr.start, "this card has no END:VCARD — read what was there; please check it")
			vr.finish()
		}
		if vr.cards++; vr.cards > MaxContacts {
			return fmt.Errorf("read vCard file: %w (more than %d; split the file)", ErrTooManyContacts, MaxContacts)
		}
		vr.in, vr.start, vr.props, vr.truncated = true, l.line, 0, false
		vr.block.Reset()
		vr.block.WriteString("BEGIN:VCARD\r\n")
	case name == "END" && isCard:
		if vr.in {
			vr.finish()
		}
	case !vr.in || name == "BEGIN" || name == "END":
		// Text between cards, and nested objects, are ignored.
	default:
		vr.add(l)
	}
	return nil
}

// add normalises a property line and adds it to the current card.
func (vr *vcardReader) add(l propLine) {
	head, value, ok := splitLine(l.text)
	if !ok {
		return // not a property: stray base64 of a vCard 2.1 photo and the like
	}
	if vr.props >= MaxProperties {
		if !vr.truncated {
			vr.ps.add(vr.start, "this card has more than %d lines — the rest were skipped", MaxProperties)
			vr.truncated = true
		}
		return
	}
	head, enc, charset := normaliseHead(head)
	value, ok = decodeValue(value, enc, charset)
	if !ok {
		vr.ps.add(l.line, "%s could not be decoded — skipped", propName(head))
		return
	}
	vr.props++
	// go-vcard turns \\, \n and \, into \, newline and comma but leaves
	// other escapes alone; doubling every backslash makes it hand the
	// value over unchanged, so unescape can treat all escapes alike.
	vr.block.WriteString(head)
	vr.block.WriteByte(':')
	vr.block.WriteString(strings.ReplaceAll(value, `\`, `\\`))
	vr.block.WriteString("\r\n")
}

// finish decodes the current card with go-vcard and keeps its contact.
func (vr *vcardReader) finish() {
	vr.in = false
	vr.block.WriteString("END:VCARD\r\n")
	vr.br.Reset(strings.NewReader(vr.block.String()))
	card, err := vcard.NewDecoder(vr.br).Decode()
	if err != nil && !errors.Is(err, io.EOF) {
		vr.ps.add(vr.start, "this card could not be read (%v) — skipped", err)
		return
	}
	c := cardContact(card)
	c.Line = vr.start
	if c, ok := finish(c, vr.ps, "this card"); ok {
		vr.contacts = append(vr.contacts, c)
	}
}

func (vr *vcardReader) endOfFile() {
	if vr.in {
		vr.ps.add(vr.start, "the file ends inside this card (no END:VCARD) — read what was there; please check it")
		vr.finish()
	}
}
