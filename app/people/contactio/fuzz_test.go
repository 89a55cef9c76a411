package contactio

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rapportapp/rapport/storage"
)

// addFileSeeds adds every test file and some written contacts.
func addFileSeeds(f *testing.F, ext string, write func(*bytes.Buffer) error) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*"))
	for _, name := range files {
		if strings.HasSuffix(name, ext) || strings.HasSuffix(name, ".bin") {
			b, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
}

// checkRead checks what a reader returned for any input.
func checkRead(t *testing.T, cs []Contact, ps []Problem, err error) {
	if err != nil {
		if cs != nil || ps != nil {
			t.Fatalf("error %v with %d contacts", err, len(cs))
		}
		return
	}
	if len(cs) > MaxContacts || len(ps) > MaxProblems+1 {
		t.Fatalf("%d contacts, %d problems: over the caps", len(cs), len(ps))
	}
	for _, c := range cs {
		if c.Name == "" || !utf8.ValidString(c.Name+c.Notes+c.Email) || c.Line < 1 {
			t.Fatalf("bad contact %+v", c)
		}
		if !reflect.DeepEqual(withoutLines([]Contact{c.clean()}), withoutLines([]Contact{c})) {
			t.Fatalf("contact not in clean form: %+v", c)
		}
	}
}

func FuzzReadVCards(f *testing.F) {
	addFileSeeds(f, ".vcf", func(b *bytes.Buffer) error { return WriteVCards(b, sampleContacts(), "3.0") })
	f.Add([]byte("BEGIN:VCARD\nFN;ENCODING=QUOTED-PRINTABLE:a=\n=C3=A9\nEND:VCARD"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cs, ps, err := ReadVCards(bytes.NewReader(data))
		checkRead(t, cs, ps, err)
	})
}

func FuzzReadCSV(f *testing.F) {
	addFileSeeds(f, ".csv", func(b *bytes.Buffer) error { return WriteCSV(b, sampleContacts()) })
	f.Add([]byte("sep=;\nname;email\n\"a;b\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cs, ps, err := ReadCSV(bytes.NewReader(data))
		checkRead(t, cs, ps, err)
	})
}

// FuzzRoundTrip writes a contact made of arbitrary text in every format
// and checks that reading gives back its clean form.
func FuzzRoundTrip(f *testing.F) {
	for _, c := range sampleContacts() {
		var p, hd string
		if len(c.Handles) > 0 {
			p, hd = c.Handles[0].Platform, c.Handles[0].Handle
		}
		f.Add(c.Name, c.Email, c.Phone, c.Company, c.Notes, c.Preferences, c.Stage, strings.Join(c.Tags, "\x1f"), p, hd)
	}
	f.Fuzz(func(t *testing.T, name, email, phone, company, notes, prefs, stage, tags, platform, handle string) {
		c := Contact{
			Name: name, Email: email, Phone: phone, Company: company, Notes: notes, Preferences: prefs,
			Stage: stage, Owner: stage, Emails: []string{phone}, Phones: []string{email}, Tags: strings.Split(tags, "\x1f"),
			Handles: []storage.Handle{{Platform: platform, Handle: handle}, {Platform: "web", Handle: handle}},
		}
		want := c.clean()
		if want.Name == "" {
			return // nothing to identify it: the readers skip it, by design
		}
		for _, format := range []string{"3.0", "4.0", "csv"} {
			var buf bytes.Buffer
			var got []Contact
			var err error
			if format == "csv" {
				if err = WriteCSV(&buf, []Contact{c}); err == nil {
					got, _, err = ReadCSV(&buf)
				}
			} else if err = WriteVCards(&buf, []Contact{c}, format); err == nil {
				got, _, err = ReadVCards(&buf)
			}
			if err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			if len(got) != 1 || !reflect.DeepEqual(withoutLines(got)[0], want) {
				t.Fatalf("%s round trip:\n got %+v\nwant %+v", format, got, want)
			}
		}
	})
}
