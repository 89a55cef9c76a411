package feed

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"golang.org/x/text/transform"
)

// cleaned is what the XML cleaner makes of s, read through r's wrapper.
func cleaned(t testing.TB, s string, wrap func(io.Reader) io.Reader) string {
	t.Helper()
	out, err := io.ReadAll(wrap(newXMLCleaner(wrap(strings.NewReader(s)))))
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func same(r io.Reader) io.Reader { return r }

func TestXMLCleaner(t *testing.T) {
	long := strings.Repeat("x", maxContentBytes+100)
	tests := []struct{ name, in, want string }{
		{"clean", `<rss v="2"><a>x &amp; y</a><b/></rss>`, `<rss v="2"><a>x &amp; y</a><b/></rss>`},
		{"prolog dropped", `<?xml version="1.0" encoding="latin1"?><!DOCTYPE rss [<!ENTITY a "b">]><!-- c --><rss>x</rss>`, `<rss>x</rss>`},
		{"stray <", `<rss>3<4 < 10 <5</rss>`, `<rss>3&lt;4 &lt; 10 &lt;5</rss>`},
		{"invalid UTF-8", "<rss>a\x93b\xc3</rss>", "<rss>a\uFFFDb\uFFFD</rss>"},
		{"controls", "<rss>a\x00\x01\x0cb\uFFFEc\t</rss>", "<rss>abc\t</rss>"},
		{"cut off", `<rss><channel><item><title>x</title></item><item><title>y`, `<rss><channel><item><title>x</title></item><item><title>y</title></item></channel></rss>`},
		{"cut in a tag", `<rss><channel><item a="b`, `<rss><channel><item a="b"/></channel></rss>`},
		{"cut in CDATA", `<rss><d><![CDATA[a]`, `<rss><d><![CDATA[a]]]></d></rss>`},
		{"after the root", `<rss>x</rss><img src=x><?xml version="1.0"?><rss>y</rss>`, `<rss>x</rss>`},
		{"CDATA", `<rss><![CDATA[a[b[0]]]]><![CDATA[>c <p>]]></rss>`, `<rss><![CDATA[a[b[0]]]]><![CDATA[>c <p>]]></rss>`},
		{"mismatched end tags", `<rss><p><br></p></rss>`, `<rss><p><br></p></rss>`},
		{"text before the root", "Warning: x\n<rss>y</rss>", " \n<rss>y</rss>"},
		{"long text cut", `<rss><a>` + long + `</a><b>z</b></rss>`, `<rss><a>` + long[:maxContentBytes] + `</a><b>z</b></rss>`},
		{"long CDATA cut", `<rss><a><![CDATA[` + long + `]]></a></rss>`, `<rss><a><![CDATA[` + long[:maxContentBytes] + `]]></a></rss>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, wrap := range []func(io.Reader) io.Reader{same, iotest.OneByteReader, iotest.HalfReader} {
				if got := cleaned(t, tt.in, wrap); got != tt.want {
					t.Fatalf("got  %.300q\nwant %.300q", got, tt.want)
				}
			}
		})
	}
}

func FuzzXMLCleaner(f *testing.F) {
	for _, s := range []string{
		`<rss><a>x &amp; y</a><b/></rss>`, "<rss>3<4\x93\x00</rss>", `<rss><![CDATA[a]]]]><![CDATA[>]]>`,
		`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "]>">]><rss a='<'>é</rss>`, "<a><b>\xe2\x82", "<!--->-->",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		whole := cleaned(t, s, same)
		if !utf8.ValidString(whole) {
			t.Fatalf("invalid UTF-8 out: %q", whole)
		}
		for _, r := range whole {
			if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
				t.Fatalf("character XML forbids (%U) out: %q", r, whole)
			}
		}
		// How the input arrives and how the output is taken must not matter.
		for _, wrap := range []func(io.Reader) io.Reader{iotest.OneByteReader, iotest.HalfReader} {
			if got := cleaned(t, s, wrap); got != whole {
				t.Fatalf("read in pieces: %q, at once: %q", got, whole)
			}
		}
	})
}

// fixed is what the JSON fixer makes of s.
func fixed(t testing.TB, s string, wrap func(io.Reader) io.Reader) string {
	t.Helper()
	out, err := io.ReadAll(wrap(transform.NewReader(wrap(strings.NewReader(s)), &jsonFixer{})))
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestJSONFixer(t *testing.T) {
	long := strings.Repeat("é", maxContentBytes)
	tests := []struct{ name, in, want string }{
		{"valid", `{"a": [1, "x,]", {"b": "\"}"}]}`, `{"a": [1, "x,]", {"b": "\"}"}]}`},
		{"trailing commas", "{\"a\": [1, 2, ],\n}", "{\"a\": [1, 2 ]\n}"},
		{"raw line breaks", "{\"a\": \"x\ny\tz\x01\"}", `{"a": "x\ny\tz"}`},
		{"long string cut", `{"a": "` + long + `", "b": 1}`, `{"a": "` + long[:maxContentBytes] + `", "b": 1}`},
		{"cut before an escape", `{"a": "` + long[:maxContentBytes-1] + `x\u00e9\"y", "b": 1}`, `{"a": "` + long[:maxContentBytes-1] + `x", "b": 1}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, wrap := range []func(io.Reader) io.Reader{same, iotest.OneByteReader} {
				if got := fixed(t, tt.in, wrap); got != tt.want {
					t.Fatalf("got  %.200q\nwant %.200q", got, tt.want)
				}
			}
		})
	}
}

func FuzzJSONFixer(f *testing.F) {
	for _, s := range []string{`{"a": [1, "x,]", {"b": "\"}"}]}`, "{\"a\": [1, 2, ],\n}", "{\"a\": \"x\ny\\u00e9\"}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := fixed(t, s, same)
		if json.Valid([]byte(s)) && got != s {
			t.Fatalf("valid JSON changed: %q → %q", s, got)
		}
		if pieces := fixed(t, s, iotest.OneByteReader); pieces != got {
			t.Fatalf("read in pieces: %q, at once: %q", pieces, got)
		}
	})
}

func TestLookupLabel(t *testing.T) {
	tests := []struct{ label, want string }{
		{"UTF-8", "utf-8"},
		{"utf8", "utf-8"},
		{`"UTF8"`, "utf-8"},
		{"ISO-8859-1", "windows-1252"},
		{"latin1", "windows-1252"},
		{"Latin-1", "windows-1252"},
		{"win-1252", "windows-1252"},
		{"cp1252", "windows-1252"},
		{"windows1251", "windows-1251"},
		{"iso8859_2", "iso-8859-2"},
		{"x-sjis", "shift_jis"},
		{"Windows-31J", "shift_jis"},
		{"gb2312", "gbk"},
		{"macintosh", "macintosh"},
		{"unicode", "utf-16le"},
		{"UTF-32", "utf-32be"},
		{"nonsense", ""},
	}
	for _, tt := range tests {
		_, name, ok := lookupLabel(tt.label)
		if name != tt.want || ok != (tt.want != "") {
			t.Errorf("lookupLabel(%q) = %q, %v; want %q", tt.label, name, ok, tt.want)
		}
	}
}

func FuzzPrepare(f *testing.F) {
	f.Add([]byte("\xff\xfe<\x00r\x00"), "text/xml; charset=utf-16")
	f.Add([]byte(`<?xml version="1.0" encoding="koi8-r"?><rss>`+"\xf6"), "")
	f.Add([]byte("\x1f\x8b\x08\x00"), "application/rss+xml")
	f.Add([]byte("\xef\xbb\xbf{\"items\":[]}"), "application/json; charset=latin1")
	f.Fuzz(func(t *testing.T, b []byte, contentType string) {
		in, err := prepare(bytes.NewReader(b), contentType, 1<<20)
		if err != nil {
			return
		}
		if _, err := io.Copy(io.Discard, in.r); err != nil && !strings.Contains(err.Error(), "gzip") {
			t.Logf("read: %v", err) // damaged compressed data may fail late; never a panic
		}
	})
}

func FuzzReadJSON(f *testing.F) {
	for _, s := range []string{
		`{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{"id":1,"tags":"x","authors":{"name":"a"},"content_text":"<p>"}]}`,
		`{"items":[{"title":{"rendered":"x"}},3,null],"author":"b",}`,
		`{"items":{"a":[1,{"b":2}]}}`, `[1]`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		gf, plain, err := readJSON(strings.NewReader(s))
		if err != nil {
			return
		}
		if len(plain) != len(gf.Items) {
			t.Fatalf("%d plain flags for %d items", len(plain), len(gf.Items))
		}
	})
}
