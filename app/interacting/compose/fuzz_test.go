package compose

import (
	"bytes"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

var fuzzTexts = []string{
	"", "Hello world", "Hi http://test.co", "Visit example.com.", "@ana@mastodon.social thanks",
	"👨\u200d👩\u200d👧 🇬🇧 1\ufe0f\u20e3 e\u0301 故人", "https://" + strings.Repeat("a", 70) + ".com/x",
	"(see https://en.wikipedia.org/wiki/Foo_(bar))", "\xff\xfe broken utf-8 \xc3", "THANK YOU!!! #a #b #c",
}

func FuzzCount(f *testing.F) {
	for _, s := range fuzzTexts {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, p := range Platforms() {
			c := Count(p.ID, text)
			if c.Used < 0 || c.Limit != p.Limit {
				t.Fatalf("Count(%s, %q) = %+v", p.ID, text, c)
			}
			if p.Limit > 0 && c.Left != p.Limit-c.Used {
				t.Fatalf("Count(%s, %q) left = %d", p.ID, text, c.Left)
			}
			if c.Used > p.Limit && p.Limit > 0 && c.State != StateOver {
				t.Fatalf("Count(%s, %q) over but %s", p.ID, text, c.State)
			}
		}
		if got, want := graphemeCount(text), uniseg.GraphemeClusterCount(text); got != want {
			t.Fatalf("graphemeCount(%q) = %d, uniseg says %d", text, got, want)
		}
		if got, want := xTextLength(text), xTextLengthSlow(text); got != want {
			t.Fatalf("xTextLength(%q) = %d, reference says %d", text, got, want)
		}
		for _, u := range findURLs(text, true, nil) {
			if u.start < 0 || u.end > len(text) || u.start >= u.end {
				t.Fatalf("bad url span %v in %q", u, text)
			}
		}
	})
}

// xTextLengthSlow is xTextLength without the ASCII fast path.
func xTextLengthSlow(s string) int {
	n, state := 0, -1
	for s != "" {
		var cluster string
		cluster, s, _, state = uniseg.FirstGraphemeClusterInString(s, state)
		if isEmojiCluster(cluster) {
			n += xEmojiWeight
			continue
		}
		for _, r := range cluster {
			n += xRuneWeight(r)
		}
	}
	return n
}

func TestFastPathsMatchUniseg(t *testing.T) {
	for _, s := range []string{
		"", "a", "ab\r\ncd", "\r\n", "x\r\ny\r", "e\u0301e\u0301", "1\ufe0f\u20e3!", "#\u20e3 *\ufe0f\u20e3",
		"a\u200d👩", "👨\u200d👩\u200d👧x", "🇬🇧🇫🇷🇩", "ok\r\u0301", "\xff\xfe\xc3a", "ग्रा a",
	} {
		if got, want := graphemeCount(s), uniseg.GraphemeClusterCount(s); got != want {
			t.Errorf("graphemeCount(%q) = %d, uniseg says %d", s, got, want)
		}
		if got, want := xTextLength(s), xTextLengthSlow(s); got != want {
			t.Errorf("xTextLength(%q) = %d, reference says %d", s, got, want)
		}
	}
}

func FuzzRender(f *testing.F) {
	f.Add("Hi {first_name}, {{literal}} {frist} {", "Ana {brand}")
	f.Add("{ First Name }}}{{{", "")
	f.Add("¡Hola {today}! 👋 }", "2 May")
	f.Fuzz(func(t *testing.T, tmpl, value string) {
		out, probs := Render(tmpl, Vars{FirstName: value, Brand: value, Today: value})
		for _, p := range probs {
			if p.Start < 0 || p.End > len(out) || p.Start > p.End || p.Message == "" {
				t.Fatalf("bad problem %+v for %q → %q", p, tmpl, out)
			}
		}
		if !strings.ContainsAny(tmpl, "{}") && out != tmpl {
			t.Fatalf("Render(%q) = %q without any braces", tmpl, out)
		}
		if tmpl == "{first_name}" && value != "" && out != value {
			t.Fatalf("value expanded: %q → %q", value, out)
		}
	})
}

func FuzzImportJSON(f *testing.F) {
	var buf bytes.Buffer
	if err := ExportJSON(&buf, DefaultTemplates()); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(`{"format":"rapport-templates","version":1,"templates":[{"name":"a","body":"{x}"},{"name":"A","body":"b"}]}`))
	f.Add([]byte(`{"format":"rapport-templates","version":1,"templates":[{"name":"","body":""},{"platform":"zz"}]}`))
	f.Add([]byte(`{"format":"rapport-templates","version":99}`))
	f.Add([]byte(`[1,2,3]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ts, _, err := ImportJSON(bytes.NewReader(data))
		if err != nil {
			if ts != nil {
				t.Fatal("templates with an error")
			}
			return
		}
		names := map[string]bool{}
		for _, tp := range ts {
			key := strings.ToLower(tp.Name)
			if tp.Name == "" || names[key] || utf8.RuneCountInString(tp.Body) > MaxBodyChars || tp.ID != 0 {
				t.Fatalf("invalid template imported: %+v", tp)
			}
			names[key] = true
		}
		// What was imported exports and imports again unchanged.
		var out bytes.Buffer
		if err := ExportJSON(&out, ts); err != nil {
			t.Fatal(err)
		}
		again, _, err := ImportJSON(&out)
		if err != nil || len(again) != len(ts) {
			t.Fatalf("re-import: %v, %d → %d", err, len(ts), len(again))
		}
	})
}

func FuzzTone(f *testing.F) {
	for _, s := range fuzzTexts {
		f.Add(s)
	}
	f.Add("Leave us a review!! BUY NOW 20% off https://a.example https://b.example")
	a := testAnalyzer()
	f.Fuzz(func(t *testing.T, text string) {
		checkReport(t, text, Tone(text, a))
	})
}

func FuzzMailtoURL(f *testing.F) {
	f.Add("a@example.com", "Hi & welcome", "Line 1\nLine 2 %")
	f.Fuzz(func(t *testing.T, to, subject, body string) {
		if !utf8.ValidString(subject) || !utf8.ValidString(body) {
			t.Skip()
		}
		u, err := url.Parse(MailtoURL(to, subject, body))
		if err != nil {
			t.Fatalf("unparsable: %v", err)
		}
		q := u.Query()
		if q.Get("subject") != subject || q.Get("body") != crlf(body) {
			t.Fatalf("round trip: %q %q", q.Get("subject"), q.Get("body"))
		}
	})
}

func FuzzTelURL(f *testing.F) {
	f.Add("+44 20 7946 0958 ext. 12")
	f.Add("İx1")
	f.Fuzz(func(t *testing.T, number string) {
		got, err := TelURL(number)
		if err != nil {
			return
		}
		if !strings.HasPrefix(got, "tel:") || strings.ContainsAny(got, " -()") {
			t.Fatalf("TelURL(%q) = %q", number, got)
		}
	})
}
