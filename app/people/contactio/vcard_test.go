package contactio

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/emersion/go-vcard"

	"github.com/rapportapp/rapport/storage"
)

func TestReadVCardsFiles(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file     string
		want     []Contact
		problems []Problem
	}{
		{"icloud.vcf", []Contact{{
			Name: "Maya Lin", Email: "maya@mayabrews.example", Phone: "+1 (503) 555-0142", Company: "Ember & Oak Fans",
			Notes: "Met at the Saturday cupping, loves the Ethiopia natural. Prefers oat milk; no dairy.\n" +
				"Sent a sample bag in May — follow up about the blog post she promised to write about the new roast.",
			Emails: []string{"maya.lin@icloud.com"}, Phones: []string{"503-555-0199"}, Tags: []string{"Advocates", "Portland"},
			Handles: []storage.Handle{
				h("web", "https://maya.example/blog"), h("reddit", "mayabrews"),
				h("mastodon", "@mayabrews@mastodon.social"), h("bluesky", "mayabrews.bsky.social"), h("skype", "maya.lin"),
			},
			Line: 1,
		}, {
			Name: "Ember & Oak Roasters", Email: "wholesale@emberoak.example", Phone: "+1 503 555 0100",
			Company: "Ember & Oak Roasters, Wholesale", Line: 81,
		}, {
			Name: "Zoë Ødegård", Email: "zoe@example.no", Handles: []storage.Handle{h("twitter", "zoeodegaard")}, Line: 91,
		}}, nil},
		{"google.vcf", []Contact{{
			Name: "Theo Grant", Email: "theo.grant@gmail.example", Phone: "+44 7700 900123", Company: "Grant Coffee Co.",
			Notes: "Fan since 2021. Writes long reviews, mostly positive.", Emails: []string{"theo@grantcoffee.example"},
			Phones: []string{"020 7946 0958"}, Tags: []string{"starred", "Fans"},
			Handles: []storage.Handle{h("reddit", "theo_grant"), h("hackernews", "theog"), h("youtube", "@TheoBrewsCoffee")},
			Line:    1,
		}, {
			Name: "orders@beanbox.example", Email: "orders@beanbox.example", Line: 21,
		}}, []Problem{{21, `no name — named it "orders@beanbox.example"`}, {28, "no name, company, email, phone or handle — skipped"}}},
		{"v4.vcf", []Contact{{
			Name: "Priya Natarajan", Email: "priya.n@mail.example", Phone: "+1-206-555-0175", Company: "Hachyderm Coffee Club",
			Notes:  "First line\nSecond line with a semicolon; and a backslash \\ end",
			Emails: []string{"priya@natarajan.example"}, Tags: []string{"advocate", "speaker, barista"},
			Handles: []storage.Handle{
				h("bluesky", "priyanat.bsky.social"), h("mastodon", "@priya@hachyderm.io"),
				h("xmpp", "priya@jabber.example"),
			},
			Line: 1,
		}}, nil},
		{"v21.vcf", []Contact{{
			Name: "Jürgen Müller", Email: "juergen@mueller.example", Phone: "+49 151 23456789", Company: "Rösterei Müller",
			Notes:  "Erste Zeile\nZweite Zeile ist lang und wird weich umbrochen, mit Grüßen.",
			Phones: []string{"030 1234567"}, Line: 1,
		}, {
			Name: "Renée Dubois", Phone: "+33 6 12 34 56 78", Line: 35,
		}, {
			Name: "François Lefèvre", Email: "francois@lefevre.example", Line: 41,
		}}, nil},
		{"truncated.vcf", []Contact{{
			Name: "Sam Okafor", Email: "sam@okafor.example", Line: 1,
		}, {
			Name: "Jordan Blake", Email: "jordan@blake.example", Notes: "Churned after the price change. Call before the next", Line: 6,
		}}, []Problem{{6, "the file ends inside this card (no END:VCARD)"}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got, problems, err := ReadVCards(bytes.NewReader(readFile(t, tt.file)))
			if err != nil {
				t.Fatal(err)
			}
			checkContacts(t, got, tt.want)
			checkProblems(t, problems, tt.problems)
		})
	}
}

// TestReadVCardsQuirks feeds the small oddities real files have.
func TestReadVCardsQuirks(t *testing.T) {
	t.Parallel()
	card := func(lines ...string) string {
		return "BEGIN:VCARD\r\nVERSION:3.0\r\n" + strings.Join(lines, "\r\n") + "\r\nEND:VCARD\r\n"
	}
	bigPhoto := "PHOTO;ENCODING=b;TYPE=JPEG:" + strings.Repeat("QUJD", 100) + strings.Repeat("\r\n "+strings.Repeat("QUJD", 18), 40000)
	tests := []struct {
		name, in string
		want     Contact
		problem  string // in the only problem, if any
	}{
		{"LF only", "BEGIN:VCARD\nVERSION:3.0\nFN:Ann\nEMAIL:ann@x.example\nEND:VCARD\n", Contact{Name: "Ann", Email: "ann@x.example"}, ""},
		{"CRLF and LF mixed", "BEGIN:VCARD\r\nVERSION:3.0\nFN:Ann\r\nEMAIL:ann@x.example\nEND:VCARD", Contact{Name: "Ann", Email: "ann@x.example"}, ""},
		{"UTF-8 BOM", "\uFEFF" + card("FN:Ann"), Contact{Name: "Ann"}, ""},
		{"folded with space and tab", card("FN:An", " n", "NOTE:a long", "\t note"), Contact{Name: "Ann", Notes: "a long note"}, ""},
		{"folded inside UTF-8", card("FN:Zo\xc3", " \xab"), Contact{Name: "Zoë"}, ""},
		{"lower-case names and group", card("fn:Ann", "item7.email;type=work:ann@x.example"), Contact{Name: "Ann", Email: "ann@x.example"}, ""},
		{"name only in N", card("N:Lee;Ann;Marie;Dr.;PhD"), Contact{Name: "Dr. Ann Marie Lee PhD"}, ""},
		{"name from nickname", card("NICKNAME:Annie,A"), Contact{Name: "Annie"}, ""},
		{"named after handle", card("X-TWITTER:@annie"), Contact{Name: "annie", Handles: []storage.Handle{h("twitter", "annie")}}, "named it"},
		{"big photo skipped", card("FN:Ann", bigPhoto, "EMAIL:ann@x.example"), Contact{Name: "Ann", Email: "ann@x.example"}, ""},
		{"huge note skipped", card("FN:Ann", "NOTE:"+strings.Repeat("x", MaxValueLen+1), "EMAIL:ann@x.example"), Contact{Name: "Ann", Email: "ann@x.example"}, "NOTE is longer than"},
		{"4.0 mailto and tel URIs", card("FN:Ann", "EMAIL:mailto:ann@x.example", "TEL;VALUE=uri:tel:+1-555-0100"), Contact{Name: "Ann", Email: "ann@x.example", Phone: "+1-555-0100"}, ""},
		{"PREF=1 wins over order", card("FN:Ann", "EMAIL;PREF=2:b@x.example", "EMAIL;PREF=1:a@x.example"), Contact{Name: "Ann", Email: "a@x.example", Emails: []string{"b@x.example"}}, ""},
		{"charset 8bit latin1", "BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=ISO-8859-1:Ren\xe9e\r\nEND:VCARD\r\n", Contact{Name: "Renée"}, ""},
		{"2.1 bare params", "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ann\r\nTEL;WORK;VOICE:555 0100\r\nTEL;CELL;PREF:555 0199\r\nEND:VCARD\r\n", Contact{Name: "Ann", Phone: "555 0199", Phones: []string{"555 0100"}}, ""},
		{"quoted param with colon", card(`FN:Ann`, `X-SOCIALPROFILE;TYPE=mastodon;X-USER="@ann@m.example:x":https://m.example/@ann`), Contact{Name: "Ann", Handles: []storage.Handle{h("mastodon", "@ann@m.example")}}, ""},
		{"bad base64 value", card("FN:Ann", "NOTE;ENCODING=b:!!!"), Contact{Name: "Ann"}, "NOTE could not be decoded"},
		{"escaped URL colon", card("FN:Ann", `URL:https\://bsky.app/profile/ann.example`), Contact{Name: "Ann", Handles: []storage.Handle{h("bluesky", "ann.example")}}, ""},
		{"unknown escape kept", card(`FN:Ann`, `NOTE:C:\temp\new`), Contact{Name: "Ann", Notes: "C:\\temp\new"}, ""},
		{"text before and between cards", "Exported by PhoneSync\r\n" + card("FN:Ann") + "junk\r\n", Contact{Name: "Ann"}, ""},
		{"IMPP with unknown scheme", card("FN:Ann", "IMPP:foo:ann"), Contact{Name: "Ann", Handles: []storage.Handle{h("im", "foo:ann")}}, ""},
		{"social profile of unknown kind", card("FN:Ann", "X-SOCIALPROFILE;TYPE=home:ann"), Contact{Name: "Ann", Handles: []storage.Handle{h("other", "ann")}}, ""},
		{"nested agent ignored", card("FN:Ann", "AGENT:", "BEGIN:VCALENDAR", "END:VCALENDAR"), Contact{Name: "Ann"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, problems, err := ReadVCards(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			checkContacts(t, withoutLines(got), []Contact{tt.want})
			switch {
			case tt.problem == "" && len(problems) > 0:
				t.Errorf("unexpected problems %v", problems)
			case tt.problem != "" && (len(problems) != 1 || !strings.Contains(problems[0].Msg, tt.problem)):
				t.Errorf("problems %v, want one with %q", problems, tt.problem)
			}
		})
	}
}

func TestReadVCardsUTF16(t *testing.T) {
	t.Parallel()
	in := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë\r\nEND:VCARD\r\n"
	le := []byte{0xFF, 0xFE}
	for _, r := range in {
		le = append(le, byte(r), byte(r>>8))
	}
	got, _, err := ReadVCards(bytes.NewReader(le))
	if err != nil || len(got) != 1 || got[0].Name != "Zoë" {
		t.Fatalf("got %v, %v; want Zoë", got, err)
	}
}

func TestReadVCardsMissingEnd(t *testing.T) {
	t.Parallel()
	in := "BEGIN:VCARD\nFN:Ann\nBEGIN:VCARD\nFN:Bob\nEND:VCARD\n"
	got, problems, err := ReadVCards(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	checkContacts(t, got, []Contact{{Name: "Ann", Line: 1}, {Name: "Bob", Line: 3}})
	checkProblems(t, problems, []Problem{{1, "this card has no END:VCARD"}})
}

func TestReadVCardsErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   []byte
		want error
	}{
		{"binary garbage", readFile(t, "garbage.bin"), ErrBinary},
		{"text without cards", []byte("Name,Email\nAnn,ann@x.example\n"), ErrNotVCard},
		{"empty", nil, ErrNotVCard},
		{"too large", bytes.Repeat([]byte("NOTE:x\n"), MaxSize/7+1), ErrTooLarge},
		{"too many cards", bytes.Repeat([]byte("BEGIN:VCARD\nFN:a\nEND:VCARD\n"), MaxContacts+1), ErrTooManyContacts},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, problems, err := ReadVCards(bytes.NewReader(tt.in))
			if !errors.Is(err, tt.want) || got != nil || problems != nil {
				t.Fatalf("got %d contacts, %v; want %v", len(got), err, tt.want)
			}
		})
	}
}

func TestReadVCardsManyProblems(t *testing.T) {
	t.Parallel()
	in := strings.Repeat("BEGIN:VCARD\nNOTE:x\nEND:VCARD\n", MaxProblems+5)
	_, problems, err := ReadVCards(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != MaxProblems+1 || problems[MaxProblems].Msg != "… and 5 more problems" {
		t.Fatalf("got %d problems, last %v", len(problems), problems[len(problems)-1])
	}
}

func TestWriteVCardsFoldsLines(t *testing.T) {
	t.Parallel()
	c := Contact{Name: strings.Repeat("Zoë Ødegård ", 20), Notes: strings.Repeat("ünïcödé ", 50)}
	var buf bytes.Buffer
	if err := WriteVCards(&buf, []Contact{c}, "4.0"); err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(strings.TrimSuffix(buf.String(), "\r\n"), "\r\n") {
		if len(l) > foldAt {
			t.Errorf("line of %d bytes: %q", len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line folded inside a character: %q", l)
		}
	}
}

func TestWriteVCardsVersion(t *testing.T) {
	t.Parallel()
	if err := WriteVCards(&bytes.Buffer{}, nil, "2.1"); !errors.Is(err, ErrVersion) {
		t.Fatalf("version 2.1: %v, want ErrVersion", err)
	}
}

// TestWriteVCardsGoVcard checks that another parser, go-vcard's, reads
// what WriteVCards writes the way a standard reader should.
func TestWriteVCardsGoVcard(t *testing.T) {
	t.Parallel()
	for _, version := range []string{"3.0", "4.0"} {
		var buf bytes.Buffer
		if err := WriteVCards(&buf, []Contact{sampleContacts()[0]}, version); err != nil {
			t.Fatal(err)
		}
		card, err := vcard.NewDecoder(&buf).Decode()
		if err != nil {
			t.Fatal(err)
		}
		if got := card.Value(vcard.FieldVersion); got != version {
			t.Errorf("VERSION %q, want %q", got, version)
		}
		if got := card.PreferredValue(vcard.FieldFormattedName); got != "Maya Lin" {
			t.Errorf("FN %q", got)
		}
		if got := card.PreferredValue(vcard.FieldEmail); got != "maya@mayabrews.example" {
			t.Errorf("preferred EMAIL %q", got)
		}
		if got := card.Value(propStage); got != "advocate" {
			t.Errorf("%s %q", propStage, got)
		}
	}
}

func TestReadVCardsTooManyProperties(t *testing.T) {
	t.Parallel()
	in := "BEGIN:VCARD\nVERSION:3.0\nFN:Ann\n" + strings.Repeat("EMAIL:a@x.example\nEMAIL:b@x.example\n", MaxProperties) + "END:VCARD\n"
	got, problems, err := ReadVCards(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	checkContacts(t, got, []Contact{{Name: "Ann", Email: "a@x.example", Emails: []string{"b@x.example"}, Line: 1}})
	checkProblems(t, problems, []Problem{{1, "more than 2000 lines — the rest were skipped"}})
}

func TestProblemString(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		p    Problem
		want string
	}{
		{Problem{14, "no name — skipped"}, "line 14: no name — skipped"},
		{Problem{0, "the file is not UTF-8"}, "the file is not UTF-8"},
	} {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.p, got, tt.want)
		}
	}
}
