package opml

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`<opml><body><outline text="a" xmlUrl="https://a.example/?a=1&b=2" rapport:every="5m"/></body></opml>`))
	f.Add([]byte("<opml><body>" + strings.Repeat("<outline>", 40) + "</body></opml>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		o, err := Parse(bytes.NewReader(data))
		if err != nil {
			if o != nil {
				t.Fatal("an outline and an error")
			}
			return
		}
		checkOutline(t, o)
		// What Parse accepts, Write can write and Parse reads back the same.
		var b bytes.Buffer
		if err := Write(&b, o.Title, o.Feeds); err != nil {
			t.Fatalf("Write: %v", err)
		}
		o2, err := Parse(&b)
		if err != nil {
			t.Fatalf("Parse(Write(…)): %v\n%s", err, b.String())
		}
		if len(o2.Feeds) != len(o.Feeds) {
			t.Fatalf("round trip: %d feeds, then %d", len(o.Feeds), len(o2.Feeds))
		}
	})
}

// checkOutline checks the promises Parse makes about what it returns.
func checkOutline(t *testing.T, o *Outline) {
	t.Helper()
	if len(o.Feeds) > MaxFeeds || len(o.Skipped) > MaxSkipped+1 {
		t.Fatalf("%d feeds, %d skipped", len(o.Feeds), len(o.Skipped))
	}
	seen := map[string]bool{}
	for _, f := range o.Feeds {
		u, err := url.Parse(f.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			t.Fatalf("bad feed URL %q: %v", f.URL, err)
		}
		if key := dedupKey(f.URL); seen[key] {
			t.Fatalf("duplicate %q", f.URL)
		} else {
			seen[key] = true
		}
		if f.Title == "" || utf8.RuneCountInString(f.Title) > MaxTitleLen && f.Title != f.URL {
			t.Fatalf("bad title %q", f.Title)
		}
		if strings.Count(f.Folder, "/") >= MaxDepth {
			t.Fatalf("folder too deep: %q", f.Folder)
		}
		if f.Every != 0 && (f.Every < MinEvery || f.Every > MaxEvery) {
			t.Fatalf("every %v out of range", f.Every)
		}
		if len(f.Rule) > MaxRuleLen {
			t.Fatalf("rule of %d bytes", len(f.Rule))
		}
	}
}
