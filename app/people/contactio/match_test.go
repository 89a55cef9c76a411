package contactio

import (
	"testing"

	"github.com/rapportapp/rapport/storage"
)

// people is what the store knows before an import.
var people = []storage.Person{
	{
		ID: 1, Name: "Maya Lin", Email: "Maya@MayaBrews.example", Company: "Ember & Oak Fans",
		Handles: []storage.Handle{h("Reddit", "MayaBrews"), h("email", "maya.lin@icloud.com")},
	},
	{
		ID: 2, Name: "Theo Grant", Phone: "+44 7700 900123", Company: "Grant Coffee Co.",
		Handles: []storage.Handle{h("phone", "020 7946 0958"), h("mastodon", "@theo@mastodon.social")},
	},
	{ID: 3, Name: "Zoë Ødegård", Company: "Ødegård AS"},
	{ID: 4, Name: "Sam Okafor", Company: "Okafor Bikes Ltd."},
	{ID: 5, Name: "Sam Okafor", Company: "Other Place"},
	{ID: 6, Name: "Jordan Blake", Email: "jordan@blake.example", MergedInto: 7},
	{ID: 7, Name: "J. Blake", Phone: "555-0100"},
	{ID: 8, Name: "Short Number", Phone: "0100"},
}

func TestMatch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		c      Contact
		id     uint64
		reason string
		conf   float64
	}{
		{"same email, other case", Contact{Name: "M. Lin", Email: "maya@mayabrews.EXAMPLE"}, 1, "same email maya@mayabrews.EXAMPLE", 0.95},
		{"extra email against extra email", Contact{Name: "x", Emails: []string{"MAYA.LIN@icloud.com"}}, 1, "same email MAYA.LIN@icloud.com", 0.95},
		{"extra email kept as handle", Contact{Name: "x", Handles: []storage.Handle{h("email", "maya.lin@icloud.com")}}, 1, "same email maya.lin@icloud.com", 0.95},
		{"same handle, other case", Contact{Name: "x", Handles: []storage.Handle{h("reddit", "mayabrews")}}, 1, "same reddit handle mayabrews", 0.95},
		{"same handle written differently", Contact{Name: "x", Handles: []storage.Handle{h("reddit", "u/MayaBrews")}}, 1, "same reddit handle u/MayaBrews", 0.95},
		{"mastodon with or without @", Contact{Name: "x", Handles: []storage.Handle{h("mastodon", "theo@mastodon.social")}}, 2, "same mastodon handle theo@mastodon.social", 0.95},
		{"handle on another platform", Contact{Name: "x", Handles: []storage.Handle{h("bluesky", "mayabrews")}}, 0, "", 0},
		{"phone with country code vs trunk 0", Contact{Name: "x", Phone: "07700 900123"}, 2, "same phone number 07700 900123", 0.9},
		{"extra phone", Contact{Name: "x", Phones: []string{"+44 20 7946 0958"}}, 2, "same phone number +44 20 7946 0958", 0.9},
		{"short phone never matches", Contact{Name: "x", Phone: "0100"}, 0, "", 0},
		{"phone differing in country code", Contact{Name: "x", Phone: "+33 7700 900123"}, 0, "", 0},
		{"name and company, accents and legal form", Contact{Name: "zoe odegard", Company: "ØDEGÅRD"}, 3, "same name and company", 0.7},
		{"name in other order", Contact{Name: "Ødegård, Zoë"}, 3, "same name", 0.5},
		{"same name, company picks the person", Contact{Name: "Sam Okafor", Company: "Okafor Bikes"}, 4, "same name and company", 0.7},
		{"same name only, first wins", Contact{Name: "sam okafor"}, 4, "same name", 0.5},
		{"email beats name", Contact{Name: "Sam Okafor", Email: "maya@mayabrews.example"}, 1, "same email maya@mayabrews.example", 0.95},
		{"merged people are skipped", Contact{Name: "x", Email: "jordan@blake.example"}, 0, "", 0},
		{"nothing in common", Contact{Name: "New Person", Email: "new@x.example"}, 0, "", 0},
		{"empty contact", Contact{}, 0, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, reason, conf := Match(people, tt.c)
			if id != tt.id || reason != tt.reason || conf != tt.conf {
				t.Errorf("Match = %d, %q, %v; want %d, %q, %v", id, reason, conf, tt.id, tt.reason, tt.conf)
			}
		})
	}
}

func TestMatchTieFirstWins(t *testing.T) {
	t.Parallel()
	ps := []storage.Person{
		{ID: 10, Name: "A", Handles: []storage.Handle{h("reddit", "ann")}},
		{ID: 11, Name: "B", Email: "ann@x.example"},
	}
	id, reason, _ := Match(ps, Contact{Email: "ann@x.example", Handles: []storage.Handle{h("reddit", "ann")}})
	if id != 10 || reason != "same reddit handle ann" {
		t.Fatalf("got %d %q, want the first person", id, reason)
	}
}

func TestSamePhone(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b string
		want bool
	}{
		{"447700900123", "07700900123", true},
		{"15035550142", "5035550142", true},
		{"5035550142", "5035550143", false},
		{"335035550142", "445035550142", false},
		{"123456789", "0123456789", true},
		{"12345678", "12345678", false},
		{"", "", false},
	}
	for _, tt := range tests {
		if got := samePhone(tt.a, tt.b); got != tt.want {
			t.Errorf("samePhone(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}
