package contactio

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/rapportapp/rapport/storage"
)

// sampleContacts are contacts with everything Rapport stores, and the
// characters each format must escape.
func sampleContacts() []Contact {
	return []Contact{{
		Name: "Maya Lin", Email: "maya@mayabrews.example", Phone: "+1 (503) 555-0142", Company: "Ember & Oak Fans",
		Notes: "Loves the Ethiopia natural.\nSent a sample bag in May.", Preferences: "Oat milk; no dairy, ever.",
		Stage: "advocate", Owner: "kim", Emails: []string{"maya.lin@icloud.com"}, Phones: []string{"503-555-0199"},
		Tags: []string{"advocates", "portland"},
		Handles: []storage.Handle{
			h("reddit", "mayabrews"), h("mastodon", "@mayabrews@mastodon.social"),
			h("bluesky", "mayabrews.bsky.social"), h("blog", "Maya L."), h("stackexchange", "mayabrews"),
		},
	}, {
		Name: "Zoë Ødegård-Ñúñez 李小龍 🙂", Email: "zoë@exämple.no", Company: "Ødegård; Søn, & Co \"Ltd\"",
		Notes:       "Line one, with commas; semicolons: colons\nLine \"two\" with \\backslashes\\ and \\n literal\n\n\tindented, trailing space ",
		Preferences: "=SUM(A1:A9)\n@mention +plus -minus",
		Stage:       "=1+1", Owner: "@kim",
		Tags:    []string{"a,b", "c;d", `e\f`, "-neg", "ünï"},
		Handles: []storage.Handle{h("youtube", "Theo Brews Coffee"), h("web", "https://zoe.example/a,b;c?x=1&y=2"), h("hackernews", "zoe")},
	}, {
		Name: "+44 guarded name", Phone: "+44 7700 900123", Phones: []string{"-1", "=2"},
		Emails: []string{"'=quoted@example.com"}, Email: "first@example.com",
		Handles: []storage.Handle{h("twitter", "=evil"), h("other", "semi;colon, comma")},
	}, {
		Name: "'hello", Company: "''=x", Notes: "'", Tags: []string{"'", "''"},
	}, {
		Name: "Only Name",
	}}
}

// TestRoundTrip writes contacts in each format and reads them back: every
// field Rapport stores must come back unchanged.
func TestRoundTrip(t *testing.T) {
	t.Parallel()
	formats := []struct {
		name  string
		write func(*bytes.Buffer, []Contact) error
		read  func(*bytes.Buffer) ([]Contact, []Problem, error)
	}{
		{
			"vCard 3.0", func(b *bytes.Buffer, cs []Contact) error { return WriteVCards(b, cs, "3.0") },
			func(b *bytes.Buffer) ([]Contact, []Problem, error) { return ReadVCards(b) },
		},
		{
			"vCard 4.0", func(b *bytes.Buffer, cs []Contact) error { return WriteVCards(b, cs, "4.0") },
			func(b *bytes.Buffer) ([]Contact, []Problem, error) { return ReadVCards(b) },
		},
		{
			"CSV", func(b *bytes.Buffer, cs []Contact) error { return WriteCSV(b, cs) },
			func(b *bytes.Buffer) ([]Contact, []Problem, error) { return ReadCSV(b) },
		},
	}
	want := sampleContacts()
	for _, f := range formats {
		t.Run(f.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := f.write(&buf, want); err != nil {
				t.Fatal(err)
			}
			text := buf.String()
			got, problems, err := f.read(&buf)
			if err != nil {
				t.Fatal(err)
			}
			if len(problems) > 0 {
				t.Errorf("problems: %v", problems)
			}
			checkContacts(t, withoutLines(got), want)
			if t.Failed() {
				t.Log(text)
			}
		})
	}
}

func TestCleanKeepsSampleContacts(t *testing.T) {
	t.Parallel()
	for _, c := range sampleContacts() {
		if got := c.clean(); !reflect.DeepEqual(got, c) {
			t.Errorf("clean changed %q:\n%+v\n%+v", c.Name, got, c)
		}
	}
}

func TestClean(t *testing.T) {
	t.Parallel()
	in := Contact{
		Name: "  Ann\tLee\r\n", Emails: []string{"A@x.example", " a@X.example", ""}, Phone: "",
		Phones: []string{"", "555"}, Notes: "a\r\nb\rc\x00d", Tags: []string{"x", "X", " "},
		Handles: []storage.Handle{
			h("Reddit", "ann"), h("reddit", "ANN"), h("EMAIL", "b@x.example"), h("phone", "556"),
			h("", "nobody"), h("web", ""), h("https", "//ann.example"), h("Blue Sky!", "ann"),
		},
	}
	want := Contact{
		Name: "Ann Lee", Email: "A@x.example", Emails: []string{"b@x.example"}, Phone: "555", Phones: []string{"556"},
		Notes: "a\nb\ncd", Tags: []string{"x"},
		Handles: []storage.Handle{h("reddit", "ann"), h("web", "https://ann.example"), h("bluesky", "ann")},
	}
	checkContacts(t, []Contact{in.clean()}, []Contact{want})
}

func TestPersonRoundTrip(t *testing.T) {
	t.Parallel()
	for _, c := range sampleContacts() {
		p := c.ToPerson()
		if !p.Contact || p.Name != c.Name || p.Email != c.Email || p.Stage != c.Stage {
			t.Errorf("ToPerson(%q) = %+v", c.Name, p)
		}
		for _, e := range c.Emails {
			if !slicesContains(p.Handles, h(PlatformEmail, e)) {
				t.Errorf("ToPerson(%q): no email handle %q in %v", c.Name, e, p.Handles)
			}
		}
		checkContacts(t, []Contact{FromPerson(p)}, []Contact{c})
	}
}

func slicesContains(hs []storage.Handle, x storage.Handle) bool {
	for _, h := range hs {
		if h == x {
			return true
		}
	}
	return false
}

func TestHandleFromURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want storage.Handle
		ok   bool
	}{
		{"https://www.reddit.com/user/mayabrews/", h("reddit", "mayabrews"), true},
		{"https://old.reddit.com/u/mayabrews", h("reddit", "mayabrews"), true},
		{"reddit.com/user/mayabrews", h("reddit", "mayabrews"), true},
		{"https://www.reddit.com/r/coffee", h("web", "https://www.reddit.com/r/coffee"), true},
		{"https://mastodon.social/@mayabrews", h("mastodon", "@mayabrews@mastodon.social"), true},
		{"https://Hachyderm.io/@priya/111", h("mastodon", "@priya@hachyderm.io"), true},
		{"https://bsky.app/profile/priyanat.bsky.social", h("bluesky", "priyanat.bsky.social"), true},
		{"https://www.youtube.com/@CoffeeCarl", h("youtube", "@CoffeeCarl"), true},
		{"https://www.youtube.com/channel/UCabcdefghijklmnopqrstuv", h("youtube", "UCabcdefghijklmnopqrstuv"), true},
		{"https://news.ycombinator.com/user?id=theog", h("hackernews", "theog"), true},
		{"https://x.com/zoe", h("twitter", "zoe"), true},
		{"https://twitter.com/intent/follow", h("web", "https://twitter.com/intent/follow"), true},
		{"https://www.linkedin.com/in/zoe-o", h("linkedin", "zoe-o"), true},
		{"https://github.com/zoe", h("github", "zoe"), true},
		{"https://www.tiktok.com/@zoe", h("tiktok", "zoe"), true},
		{"https://medium.com/@zoe", h("medium", "zoe"), true},
		{"https://zoe.example/blog", h("web", "https://zoe.example/blog"), true},
		{"mailto:zoe@example.com", storage.Handle{}, false},
		{"just words", storage.Handle{}, false},
	}
	for _, tt := range tests {
		got, ok := handleFromURL(tt.in)
		if ok && got.Platform != "web" {
			got = canonicalHandle(got)
		}
		if got != tt.want || ok != tt.ok {
			t.Errorf("handleFromURL(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestHandleURLReadsBack(t *testing.T) {
	t.Parallel()
	for _, hd := range []storage.Handle{
		h("reddit", "maya"), h("mastodon", "@maya@mastodon.social"), h("bluesky", "maya.bsky.social"),
		h("youtube", "@Carl"), h("hackernews", "theog"), h("twitter", "zoe"), h("github", "zoe"), h("instagram", "zoe"),
		h("linkedin", "zoe-o"), h("tiktok", "zoe"), h("threads", "zoe"), h("medium", "zoe"), h("facebook", "zoe"),
	} {
		u, ok := handleURL(hd)
		if !ok {
			t.Errorf("handleURL(%v): none", hd)
			continue
		}
		if back, _ := handleFromURL(u); canonicalHandle(back) != hd {
			t.Errorf("handleURL(%v) = %q, which reads as %v", hd, u, back)
		}
	}
	if u, ok := handleURL(h("youtube", "Theo Brews Coffee")); ok {
		t.Errorf("a channel name got an address: %q", u)
	}
}
