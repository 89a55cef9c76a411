package contactio

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/rapportapp/rapport/storage"
)

func TestReadCSVFiles(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file     string
		want     []Contact
		problems []Problem
	}{
		{"google.csv", []Contact{{
			Name: "Lena Fischer", Email: "lena@fischer.example", Phone: "+49 170 1234567", Company: "Fischer Design",
			Notes: "Café regular.\nWrites in German.", Emails: []string{"lena.f@mail.example"},
			Tags: []string{"Regulars", "starred"}, Handles: []storage.Handle{h("mastodon", "@lenaf@chaos.social")}, Line: 2,
		}, {
			Name: "Carl Whitfield", Email: "carl@coffeecarl.example", Tags: []string{"Creators"},
			Handles: []storage.Handle{h("youtube", "@CoffeeCarl")}, Line: 4,
		}, {
			// A formula in a foreign file is data: it is kept, and WriteCSV guards it.
			Name: "Ruth Alvarez", Email: "ruth@eater.example", Phone: `=HYPERLINK("http://evil.example")`, Company: "Eater Portland",
			Handles: []storage.Handle{h("bluesky", "ruthalvarez.bsky.social")}, Line: 6,
		}}, []Problem{{5, "no name, company, email, phone or handle — skipped"}}},
		{"outlook.csv", []Contact{{
			Name: "Sam Okafor", Email: "sam@okafor.example", Phone: "(503) 555-0133", Company: "Okafor Bikes",
			Notes: "Complained about a late order in March, now a fan.", Emails: []string{"sokafor@work.example"},
			Tags: []string{"Advocates", "Portland"}, Line: 2,
		}, {
			Name: "Jordan Blake", Email: "jordan@blake.example", Phone: "+1 503 555 0188",
			Handles: []storage.Handle{h("hackernews", "jblake")}, Line: 3,
		}}, nil},
		{"excel_semicolon.csv", []Contact{{
			Name: "Jürgen Müller", Email: "juergen@mueller.example", Phone: "+49 151 23456789", Company: "Rösterei Müller GmbH",
			Notes: "Kauft 2,5 kg pro Monat", Tags: []string{"Großhandel"}, Line: 2,
		}, {
			Name: "Anna Schröder", Email: "anna@schroeder.example", Phone: "030 9876543", Notes: "Mag Espresso; keinen Filterkaffee", Line: 3,
		}, {
			Name: "Ärger-Kunde", Email: "aerger@example.de", Line: 4,
		}, {
			Name: "Zoë Weiß", Email: "zoe@weiss.example", Company: "Café Weiß", Notes: "Notiz mit\nZeilenumbruch",
			Tags: []string{"Stammkunde"}, Line: 5,
		}}, []Problem{
			{0, "not UTF-8; read it as Windows-1252"},
			{4, "this row has 2 fields but the header has 6"},
			{5, "this row has 7 fields but the header has 6"},
		}},
		{"unclosed_quote.csv", []Contact{{
			Name: "Ann Lee", Email: "ann@lee.example", Notes: "Fine note\nwith two lines", Line: 2,
		}, {
			Name: "Bob Stray", Email: "bob@stray.example", Notes: "never closed", Line: 4,
		}, {
			Name: "Cid Ok", Email: "cid@ok.example", Notes: "fine", Line: 5,
		}, {
			Name: `Dee "Dee" Roy`, Email: "dee@roy.example", Notes: "bare quote", Line: 6,
		}}, []Problem{{4, "a quoted field in this row is not closed properly"}, {6, "this row has a stray quote"}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got, problems, err := ReadCSV(bytes.NewReader(readFile(t, tt.file)))
			if err != nil {
				t.Fatal(err)
			}
			checkContacts(t, got, tt.want)
			checkProblems(t, problems, tt.problems)
		})
	}
}

func TestReadCSVQuirks(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in string
		want     []Contact
	}{
		{"tabs", "Name\tEmail\nAnn\tann@x.example\n", []Contact{{Name: "Ann", Email: "ann@x.example", Line: 2}}},
		{"semicolons", "Name;Email;Notes\nAnn;ann@x.example;a, b\n", []Contact{{Name: "Ann", Email: "ann@x.example", Notes: "a, b", Line: 2}}},
		{"Excel sep line", "sep=;\nName;Email\nAnn;ann@x.example\n", []Contact{{Name: "Ann", Email: "ann@x.example", Line: 3}}},
		{"BOM and CRLF", "\uFEFFName,Email\r\nAnn,ann@x.example\r\n", []Contact{{Name: "Ann", Email: "ann@x.example", Line: 2}}},
		{"header case and spacing", "  FULL_NAME , E-MAIL ADDRESS\nAnn,ann@x.example\n", []Contact{{Name: "Ann", Email: "ann@x.example", Line: 2}}},
		{"name parts", "First Name,Middle Name,Last Name,Suffix\nAnn,M.,Lee,Jr.\n", []Contact{{Name: "Ann M. Lee Jr.", Line: 2}}},
		{"empty rows skipped", "name\n\n,\nAnn\n", []Contact{{Name: "Ann", Line: 4}}},
		{
			"own handles column", "name,handles\nAnn,\"reddit:ann; https://bsky.app/profile/ann.example; email:b@x.example; web:https://a.example/x\\;y\"\n",
			[]Contact{{
				Name: "Ann", Email: "b@x.example", Line: 2,
				Handles: []storage.Handle{h("reddit", "ann"), h("bluesky", "ann.example"), h("web", "https://a.example/x;y")},
			}},
		},
		{
			"platform columns", "Name,Twitter,Mastodon,Website\nAnn,@ann,https://m.example/@ann,https://ann.example\n",
			[]Contact{{Name: "Ann", Line: 2, Handles: []storage.Handle{h("twitter", "ann"), h("mastodon", "@ann@m.example"), h("web", "https://ann.example")}}},
		},
		{"guard removed, plain quote kept", "name,phone,notes\n'Ann,'+44 1,'just quoted\n", []Contact{{Name: "'Ann", Phone: "+44 1", Notes: "'just quoted", Line: 2}}},
		{"tags separators", "name,tags\nAnn,\"a; b,c;;\"\n", []Contact{{Name: "Ann", Tags: []string{"a", "b", "c"}, Line: 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, problems, err := ReadCSV(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if len(problems) > 0 {
				t.Errorf("problems: %v", problems)
			}
			checkContacts(t, got, tt.want)
		})
	}
}

func TestReadCSVUTF16(t *testing.T) {
	t.Parallel()
	in := "Name\tE-mail Address\r\nZoë\tzoe@x.example\r\n"
	le := []byte{0xFF, 0xFE}
	for _, r := range in {
		le = append(le, byte(r), byte(r>>8))
	}
	got, _, err := ReadCSV(bytes.NewReader(le))
	if err != nil {
		t.Fatal(err)
	}
	checkContacts(t, got, []Contact{{Name: "Zoë", Email: "zoe@x.example", Line: 2}})
}

func TestReadCSVHandleWithoutPlatform(t *testing.T) {
	t.Parallel()
	got, problems, err := ReadCSV(strings.NewReader("name,handles\nAnn,maya\n"))
	if err != nil {
		t.Fatal(err)
	}
	checkContacts(t, got, []Contact{{Name: "Ann", Handles: []storage.Handle{h("other", "maya")}, Line: 2}})
	checkProblems(t, problems, []Problem{{2, "names no platform"}})
}

func TestReadCSVErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   []byte
		want error
	}{
		{"binary garbage", readFile(t, "garbage.bin"), ErrBinary},
		{"empty", nil, ErrNoHeader},
		{"no known column", []byte("foo,bar\n1,2\n"), ErrNoHeader},
		{"data without header", []byte("Ann Lee,ann@x.example\n"), ErrNoHeader},
		{"too large", bytes.Repeat([]byte("a,b\n"), MaxSize/4+1), ErrTooLarge},
		{"too many rows", append([]byte("name\n"), bytes.Repeat([]byte("a\n"), MaxContacts+1)...), ErrTooManyContacts},
		{"too many columns", []byte("name\n" + strings.Repeat(",", MaxColumns) + "\n"), ErrTooManyColumns},
		{"too many columns across quoted lines", []byte("name\n" + strings.Repeat(`,"x`+"\n"+`"`, MaxColumns) + "\n"), ErrTooManyColumns},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, problems, err := ReadCSV(bytes.NewReader(tt.in))
			if !errors.Is(err, tt.want) || got != nil || problems != nil {
				t.Fatalf("got %d contacts, %v; want %v", len(got), err, tt.want)
			}
		})
	}
}

func TestGuard(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, written string }{
		{"plain", "plain"},
		{"=1+1", "'=1+1"},
		{"+44 20", "'+44 20"},
		{"-5", "'-5"},
		{"@kim", "'@kim"},
		{"\tx", "'\tx"},
		{"'hello", "'hello"},
		{"'=x", "''=x"},
		{"''@x", "'''@x"},
		{"'", "'"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := guard(tt.in); got != tt.written {
			t.Errorf("guard(%q) = %q, want %q", tt.in, got, tt.written)
		}
		if got := unguard(tt.written); got != tt.in {
			t.Errorf("unguard(%q) = %q, want %q", tt.written, got, tt.in)
		}
	}
}

func TestWriteCSVGuardsFormulas(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	c := Contact{Name: "=cmd|' /C calc'!A0", Phone: "+44 20 7946 0958", Notes: "@SUM(1)"}
	if err := WriteCSV(&buf, []Contact{c}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(buf.String(), "\r\n")
	if !strings.HasPrefix(lines[0], "\uFEFFname,email,phone,") {
		t.Errorf("header %q", lines[0])
	}
	if want := `'=cmd|' /C calc'!A0,,'+44 20 7946 0958,,,,,,'@SUM(1),`; lines[1] != want {
		t.Errorf("row %q, want %q", lines[1], want)
	}
}

func TestReadCSVBadRowWithTooManyFields(t *testing.T) {
	t.Parallel()
	in := "name,notes\nAnn,\"open" + strings.Repeat(",", MaxColumns) + "\nBob,fine\n"
	got, problems, err := ReadCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	checkContacts(t, got, []Contact{{Name: "Bob", Notes: "fine", Line: 3}})
	checkProblems(t, problems, []Problem{{2, "not closed properly and it has too many fields — skipped"}})
}
