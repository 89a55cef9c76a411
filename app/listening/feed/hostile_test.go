package feed

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// TestHostileLongPostsAreCut checks that one post adds at most 64 KB of
// text (and 1 KB of title) to the store and its word index, whatever the
// content type, and that the mention says it was cut.
func TestHostileLongPostsAreCut(t *testing.T) {
	long := strings.Repeat("lorem ipsum dolor sit amet ", 10_000) // 270 KB
	tests := []struct{ name, doc string }{
		{"rss plain text", `<rss version="2.0"><channel><item><title>` + long + `</title><link>https://e.com/1</link><description>` + long + `</description></item></channel></rss>`},
		{"rss entities", `<rss version="2.0"><channel><item><title>` + long + `</title><link>https://e.com/1</link><description>` + strings.ReplaceAll(long, "amet", "&amp;") + `</description></item></channel></rss>`},
		{"rss html", `<rss version="2.0"><channel><item><title>x</title><link>https://e.com/1</link><description><![CDATA[<p>` + long + `</p>]]></description></item></channel></rss>`},
		{"atom text", `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>urn:x:1</id><title>` + long + `</title><content type="text">` + long + `</content></entry></feed>`},
		{"json content_text", `{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{"id":"1","title":"` + long + `","content_text":"` + long + `"}]}`},
		{"json content_html", `{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{"id":"1","content_html":"<p>` + long + `</p>"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse(strings.NewReader(tt.doc), Options{Now: now})
			if err != nil {
				t.Fatal(err)
			}
			e := f.Entries[0]
			if len(e.Text) > maxTextBytes+len(cutNote) {
				t.Errorf("text is %d bytes, want at most %d", len(e.Text), maxTextBytes+len(cutNote))
			}
			if !strings.HasSuffix(e.Text, cutNote) {
				t.Errorf("text does not say it was cut: …%q", e.Text[max(0, len(e.Text)-80):])
			}
			if len(e.Title) > maxTitleBytes+len("…") {
				t.Errorf("title is %d bytes, want at most %d", len(e.Title), maxTitleBytes)
			}
		})
	}
}

// TestHostileHugeFeedsSayHowManyItemsTheyHad checks that a feed with more
// items than Rapport reads keeps the first MaxEntries and says how many
// there were.
func TestHostileHugeFeedsSayHowManyItemsTheyHad(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<rss version="2.0"><channel><title>huge</title>`)
	for i := range 50_000 {
		fmt.Fprintf(&b, `<item><link>https://e.com/%d</link></item>`, i)
	}
	b.WriteString(`</channel></rss>`)
	f, err := Parse(strings.NewReader(b.String()), Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Entries) != MaxEntries || f.Total != 50_000 || f.Entries[0].Link != "https://e.com/0" {
		t.Fatalf("%d entries of %d, first %q; want the first %d of 50000", len(f.Entries), f.Total, f.Entries[0].Link, MaxEntries)
	}
	if got, want := f.CutWarning(), "read the first 5,000 of the feed's 50,000 items (Rapport reads at most 5,000 per check)"; got != want {
		t.Errorf("CutWarning() = %q, want %q", got, want)
	}
}

// TestHostileFeedBillionLaughs reads a feed whose DOCTYPE declares the
// "billion laughs" entities and an external one: declarations are dropped
// unread, so nothing expands or is fetched, and the references stay text.
func TestHostileFeedBillionLaughs(t *testing.T) {
	var decl strings.Builder
	decl.WriteString(`<!ENTITY lol "lol"><!ENTITY xxe SYSTEM "file:///etc/passwd">`)
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&decl, `<!ENTITY lol%d "%s">`, i, strings.Repeat(fmt.Sprintf("&lol%d;", i-1), 10))
	}
	doc := `<?xml version="1.0"?><!DOCTYPE rss [` + strings.ReplaceAll(decl.String(), "&lol0;", "&lol;") + `]>` +
		`<rss version="2.0"><channel><title>&lol9;</title><item><title>&xxe;</title><link>https://e.com/1</link></item></channel></rss>`
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f, err := Parse(strings.NewReader(doc), Options{Now: now})
	runtime.ReadMemStats(&after)
	if err != nil || f.Title != "&lol9;" || f.Entries[0].Title != "&xxe;" {
		t.Fatalf("%+v, %v", f, err)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 4<<20 {
		t.Errorf("parsing allocated %d bytes", n)
	}
}
