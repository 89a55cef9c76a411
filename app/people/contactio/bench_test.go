package contactio

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/rapportapp/rapport/storage"
)

// benchContacts makes n realistic, distinct contacts.
func benchContacts(n int) []Contact {
	base := sampleContacts()
	cs := make([]Contact, n)
	for i := range cs {
		c := base[i%2]
		c.Name = fmt.Sprintf("%s %d", c.Name, i)
		c.Email = fmt.Sprintf("person%d@example.com", i)
		c.Phone = fmt.Sprintf("+1 503 %07d", i)
		c.Handles = []storage.Handle{
			{Platform: "reddit", Handle: fmt.Sprintf("user%d", i)},
			{Platform: "mastodon", Handle: fmt.Sprintf("@user%d@mastodon.social", i)},
		}
		cs[i] = c
	}
	return cs
}

func benchRead(b *testing.B, data []byte, read func([]byte) ([]Contact, []Problem, error)) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		cs, _, err := read(data)
		if err != nil || len(cs) != 10_000 {
			b.Fatalf("%d contacts, %v", len(cs), err)
		}
	}
	b.ReportMetric(float64(b.N*10_000)/b.Elapsed().Seconds(), "contacts/s")
}

func BenchmarkReadVCards10k(b *testing.B) {
	for _, version := range []string{"3.0", "4.0"} {
		b.Run(version, func(b *testing.B) {
			var buf bytes.Buffer
			if err := WriteVCards(&buf, benchContacts(10_000), version); err != nil {
				b.Fatal(err)
			}
			benchRead(b, buf.Bytes(), func(d []byte) ([]Contact, []Problem, error) { return ReadVCards(bytes.NewReader(d)) })
		})
	}
}

func BenchmarkReadCSV10k(b *testing.B) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, benchContacts(10_000)); err != nil {
		b.Fatal(err)
	}
	benchRead(b, buf.Bytes(), func(d []byte) ([]Contact, []Problem, error) { return ReadCSV(bytes.NewReader(d)) })
}

func BenchmarkWriteVCards10k(b *testing.B) {
	cs := benchContacts(10_000)
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := WriteVCards(&buf, cs, "4.0"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIndexMatch10k matches 10,000 imported contacts against 10,000
// people, as an import of a full address book does.
func BenchmarkIndexMatch10k(b *testing.B) {
	cs := benchContacts(10_000)
	ps := make([]storage.Person, len(cs))
	for i, c := range cs {
		ps[i] = c.ToPerson()
		ps[i].ID = uint64(i + 1)
	}
	b.ReportAllocs()
	for b.Loop() {
		x := NewIndex(ps)
		for _, c := range cs {
			if id, _, _ := x.Match(c); id == 0 {
				b.Fatal("no match")
			}
		}
	}
}
