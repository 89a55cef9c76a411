package fetch

import (
	"strings"
	"testing"
	"unicode/utf16"
)

// utf16Bytes encodes s as UTF-16 with a byte-order mark.
func utf16Bytes(s string, bigEndian bool) []byte {
	out := []byte{0xff, 0xfe}
	if bigEndian {
		out = []byte{0xfe, 0xff}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"rss", rssDoc, "rss"},
		{"rss no prolog", `<rss version="2.0"><channel/></rss>`, "rss"},
		{"rss with BOM and space", "\xef\xbb\xbf\n  <?xml version=\"1.0\"?>\n<rss>", "rss"},
		{"rss with stylesheet and comment", `<?xml version="1.0"?><?xml-stylesheet href="s.xsl"?>
<!-- licence
  <feed> inside a comment does not count -->
<rss version="2.0">`, "rss"},
		{"rss 0.91 doctype", `<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91">`, "rss"},
		{"doctype with subset", `<!DOCTYPE rss [<!ENTITY nbsp "&#160;">]><rss>`, "rss"},
		{"atom", atomDoc, "atom"},
		{"atom prefixed", `<atom:feed xmlns:atom="http://www.w3.org/2005/Atom">`, "atom"},
		{"rdf", `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">`, "rdf"},
		{"json feed", jsonFeedDoc, "json"},
		{"json feed 1.0 http", `{"title":"x","version":"http://jsonfeed.org/version/1"}`, "json"},
		{"json feed escaped slashes", `{"version":"https:\/\/jsonfeed.org\/version\/1.1"}`, "json"},
		{"json feed spaced", "{\n  \"version\" :\n \"https://jsonfeed.org/version/1.1\"\n}", "json"},
		{"utf-16le rss", string(utf16Bytes(`<?xml version="1.0" encoding="UTF-16"?><rss>`, false)), "rss"},
		{"utf-16be atom", string(utf16Bytes(`<feed xmlns="http://www.w3.org/2005/Atom">`, true)), "atom"},
		{"other json", `{"version":"1.0","data":[]}`, ""},
		{"json array", `[{"version":"https://jsonfeed.org/version/1"}]`, ""},
		{"html", `<!DOCTYPE html><html><head><link rel="alternate" type="application/rss+xml" href="/feed"></head></html>`, ""},
		{"xhtml", `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">`, ""},
		{"sitemap", `<?xml version="1.0"?><urlset>`, ""},
		{"feedback element", `<feedback>`, ""},
		{"plain text", "hello <rss>", ""},
		{"empty", "", ""},
		{"only prolog", `<?xml version="1.0"?>`, ""},
		{"unterminated comment", `<!-- <rss>`, ""},
		{"lone bracket", "<", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sniff([]byte(tt.body)); got != tt.want {
				t.Errorf("Sniff = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLooksLikeHTML(t *testing.T) {
	page := `<!DOCTYPE html><html lang="en"><body>Shop</body></html>`
	tests := []struct {
		name, contentType, body string
		want                    bool
	}{
		{"html page", "text/html; charset=utf-8", page, true},
		{"html content type, empty body", "text/html", "", true},
		{"xhtml", "application/xhtml+xml", `<html xmlns="http://www.w3.org/1999/xhtml">`, true},
		{"html served as xml", "application/xml", page, true},
		{"html without content type", "", "\n\n<html><body>", true},
		{"upper-case doctype", "", "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\"><HTML>", true},
		{"feed served as html", "text/html", rssDoc, false},
		{"rss", "application/rss+xml", rssDoc, false},
		{"atom as text/xml", "text/xml", atomDoc, false},
		{"json feed", "application/json", jsonFeedDoc, false},
		{"other json", "application/json", `{"a":1}`, false},
		{"bad content type", "text/html;;;=", page, true},
		{"plain text", "text/plain", "hello", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LooksLikeHTML(tt.contentType, []byte(tt.body)); got != tt.want {
				t.Errorf("LooksLikeHTML = %v, want %v", got, tt.want)
			}
		})
	}
}

func FuzzSniff(f *testing.F) {
	for _, s := range []string{
		rssDoc, atomDoc, jsonFeedDoc, `<rdf:RDF>`, `<!DOCTYPE html><html>`,
		`<!DOCTYPE x [<!ENTITY a "]>">]><rss>`, "\xef\xbb\xbf<rss>", "\xff\xfe<\x00r\x00", `{"version":`, "<!--", "<?",
	} {
		f.Add([]byte(s))
	}
	valid := map[string]bool{"": true, "rss": true, "atom": true, "rdf": true, "json": true}
	f.Fuzz(func(t *testing.T, body []byte) {
		kind := Sniff(body)
		if !valid[kind] {
			t.Fatalf("Sniff = %q", kind)
		}
		if kind != Sniff(body) {
			t.Fatal("Sniff is not deterministic")
		}
		if kind != "" && LooksLikeHTML("text/html", body) {
			t.Fatalf("a %s feed looks like HTML", kind)
		}
	})
}

func BenchmarkSniff(b *testing.B) {
	long := []byte(`<?xml version="1.0"?><!-- ` + strings.Repeat("licence text ", 500) + ` -->` + rssDoc)
	for b.Loop() {
		Sniff(long)
	}
}
