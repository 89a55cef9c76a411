package compose

import (
	"reflect"
	"testing"
)

// Most cases come from twitter-text's conformance suite (validate.yml,
// extract.yml).
func TestFindURLs(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"http://example.com", []string{"http://example.com"}},
		{"https://example.com/path/to/resource?search=foo&lang=en", []string{"https://example.com/path/to/resource?search=foo&lang=en"}},
		{"HTTPS://www.ExaMPLE.COM/index.html", []string{"HTTPS://www.ExaMPLE.COM/index.html"}},
		{"http://user:PASSW0RD@example.com:8080/login.php", []string{"http://user:PASSW0RD@example.com:8080/login.php"}},
		{"http://192.168.0.1/index.html?src=asdf", []string{"http://192.168.0.1/index.html?src=asdf"}},
		{"http://test_underscore.twitter.com", []string{"http://test_underscore.twitter.com"}},
		{"http://example.com/Русские_слова", []string{"http://example.com/Русские_слова"}},
		{"https://www.youtube.com/playlist?list=PL0ZPu8XSRTB7wZzn0mLHMvyzVFeRxbWn-", []string{"https://www.youtube.com/playlist?list=PL0ZPu8XSRTB7wZzn0mLHMvyzVFeRxbWn-"}},
		{"(see https://en.wikipedia.org/wiki/Foo_(bar)) ok", []string{"https://en.wikipedia.org/wiki/Foo_(bar)"}},
		{"Menu: https://northside.example/menu.", []string{"https://northside.example/menu"}},
		{"Is it https://example.com/faq?", []string{"https://example.com/faq"}},
		{"Visit example.com, or www.example.com!", []string{"example.com", "www.example.com"}},
		{"t.co foo.co.jp bbc.co.uk", []string{"t.co", "foo.co.jp", "bbc.co.uk"}},
		{"hello.it/menu", []string{"hello.it/menu"}},
		{"日本example.com", []string{"example.com"}},
		{"ftp://www.example.com/", nil},
		{"http://domain-dash_2314352345_dfasd.foo-cow_4352.com", nil},
		{"http://www.-domain4352.com/", nil},
		{"http://www.domain4352-.com/", nil},
		{"http://256.1.2.3/", nil},
		{"bob@example.com", nil},
		{"$example.com #example.com", nil},
		{"example.com@foo", nil},
		{"e.g. i.e. U.S. node.js index.html 3.14 v1.2.3 hello.it script.py", nil},
		{"Mr.Smith said hi.There", nil},
	}
	for _, c := range cases {
		var got []string
		for _, s := range findURLs(c.text, true, nil) {
			got = append(got, c.text[s.start:s.end])
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("findURLs(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestFindURLsSchemeOnly(t *testing.T) {
	text := "example.com and https://example.com/a"
	got := findURLs(text, false, nil)
	if len(got) != 1 || text[got[0].start:got[0].end] != "https://example.com/a" {
		t.Errorf("got %v", got)
	}
}
