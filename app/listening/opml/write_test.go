package opml

import (
	"bytes"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestWriteExact(t *testing.T) {
	t.Parallel()
	feeds := []Feed{
		{Title: "Zed", URL: "https://zed.example/feed"},
		{Title: "r/espresso", URL: "https://www.reddit.com/r/espresso/new/.rss", Folder: "Social/Reddit", Kind: "reddit", Every: 30 * time.Minute},
		{Title: `Reddit search: "cold brew"`, URL: "https://www.reddit.com/search.rss?q=%22cold+brew%22&sort=new", Folder: "Social/Reddit", Kind: "reddit", Rule: `"cold brew" -<spam> & 'x'`, Every: 15 * time.Minute},
		{Title: "Café & Co", URL: "https://cafe.example/feed", HTMLURL: "https://cafe.example/", Folder: "Coffee", Every: 90 * time.Minute},
		{Title: "", URL: "https://untitled.example/feed", Folder: " Social / "},
		{Title: "apple", URL: "https://apple.example/feed"},
	}
	want := `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0" xmlns:rapport="https://rapport.app/opml">
  <head>
    <title>Maria&#39;s &lt;sources&gt;</title>
  </head>
  <body>
    <outline text="Coffee" title="Coffee">
      <outline type="rss" text="Café &amp; Co" title="Café &amp; Co" xmlUrl="https://cafe.example/feed" htmlUrl="https://cafe.example/" rapport:every="1h30m"/>
    </outline>
    <outline text="Social" title="Social">
      <outline text="Reddit" title="Reddit">
        <outline type="rss" text="r/espresso" title="r/espresso" xmlUrl="https://www.reddit.com/r/espresso/new/.rss" rapport:kind="reddit" rapport:every="30m"/>
        <outline type="rss" text="Reddit search: &#34;cold brew&#34;" title="Reddit search: &#34;cold brew&#34;" xmlUrl="https://www.reddit.com/search.rss?q=%22cold+brew%22&amp;sort=new" rapport:kind="reddit" rapport:every="15m" rapport:rule="&#34;cold brew&#34; -&lt;spam&gt; &amp; &#39;x&#39;"/>
      </outline>
      <outline type="rss" text="https://untitled.example/feed" title="https://untitled.example/feed" xmlUrl="https://untitled.example/feed"/>
    </outline>
    <outline type="rss" text="apple" title="apple" xmlUrl="https://apple.example/feed"/>
    <outline type="rss" text="Zed" title="Zed" xmlUrl="https://zed.example/feed"/>
  </body>
</opml>
`
	var b bytes.Buffer
	if err := Write(&b, "Maria's <sources>", feeds); err != nil {
		t.Fatal(err)
	}
	if b.String() != want {
		t.Errorf("Write:\n%s\nwant:\n%s", b.String(), want)
	}
	// The same feeds in another order give the same bytes.
	slices.Reverse(feeds)
	var again bytes.Buffer
	if err := Write(&again, "Maria's <sources>", feeds); err != nil {
		t.Fatal(err)
	}
	if again.String() != b.String() {
		t.Error("output depends on the order of the feeds")
	}
}

func TestWriteNamespaceOnlyWhenNeeded(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := Write(&b, "Plain", []Feed{{Title: "A", URL: "https://a.example/f"}}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "rapport") {
		t.Errorf("plain export mentions rapport:\n%s", b.String())
	}
}

func TestWriteErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		feeds []Feed
		want  string
	}{
		{"no address", []Feed{{Title: "A"}}, `write OPML: feed 1 ("A") has no address`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			err := Write(&b, "t", tt.feeds)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
			if b.Len() != 0 {
				t.Error("wrote something despite the error")
			}
		})
	}
	errDisk := errors.New("disk full")
	err := Write(failingWriter{errDisk}, "t", nil)
	if !errors.Is(err, errDisk) || !strings.HasPrefix(err.Error(), "write OPML: ") {
		t.Errorf("err = %v, want wrapped %v", err, errDisk)
	}
}

type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) { return 0, w.err }

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	feeds := []Feed{
		{Title: `Reddit search: "cold brew"`, URL: "https://www.reddit.com/search.rss?q=%22cold+brew%22&sort=new", Folder: "Social/Reddit", Kind: "reddit", Rule: `"cold brew" OR coldbrew`, Every: 15 * time.Minute},
		{Title: "HN: café", URL: "https://hnrss.org/newest?q=caf%C3%A9", Folder: "Social", Kind: "hackernews", Rule: "café", Every: time.Hour},
		{Title: "Tom & Jerry's <news>", URL: "https://tom.example/rss?x=1&y=2", HTMLURL: "https://tom.example/"},
		{Title: "☕ Coffee 😀", URL: "https://emoji.example/feed", Folder: "Ünïcode/Földer", Kind: "blog", Every: 24 * time.Hour},
		{Title: "Deep", URL: "https://deep.example/feed", Folder: strings.TrimSuffix(strings.Repeat("d/", MaxDepth-1), "/")},
		{Title: "Deeper", URL: "https://deeper.example/feed", Folder: strings.TrimSuffix(strings.Repeat("e/", 2*MaxDepth), "/")},
		{Title: "Rule with everything", URL: "https://rule.example/feed", Rule: `(latte OR "flat white") -site:pinterest.com title:/caf[eé]/i NEAR/3 'x' & <y>`},
	}
	var b bytes.Buffer
	if err := Write(&b, "Round trip", feeds); err != nil {
		t.Fatal(err)
	}
	o, err := Parse(&b)
	if err != nil {
		t.Fatalf("Parse(Write(…)): %v\n%s", err, b.String())
	}
	if o.Title != "Round trip" || len(o.Skipped) != 0 {
		t.Errorf("Title %q, Skipped %#v", o.Title, o.Skipped)
	}
	byURL := func(a, b Feed) int { return strings.Compare(a.URL, b.URL) }
	got, want := slices.SortedFunc(slices.Values(o.Feeds), byURL), slices.SortedFunc(slices.Values(feeds), byURL)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip:\n got %#v\nwant %#v", got, want)
	}
}

// A second Write of what Parse read gives the same bytes: exports are
// stable.
func TestRoundTripStable(t *testing.T) {
	t.Parallel()
	o, err := parseFile(t, "inoreader.opml")
	if err != nil {
		t.Fatal(err)
	}
	var first, second bytes.Buffer
	if err := Write(&first, o.Title, o.Feeds); err != nil {
		t.Fatal(err)
	}
	o2, err := Parse(bytes.NewReader(first.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := Write(&second, o2.Title, o2.Feeds); err != nil {
		t.Fatal(err)
	}
	if first.String() != second.String() {
		t.Errorf("export changed on the second round:\n%s\n---\n%s", first.String(), second.String())
	}
}

func TestFormatEvery(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   time.Duration
		want string
	}{
		{15 * time.Minute, "15m"},
		{time.Hour, "1h"},
		{90 * time.Minute, "1h30m"},
		{24 * time.Hour, "24h"},
		{90 * time.Second, "1m30s"},
		{time.Hour + time.Second, "1h0m1s"},
	}
	for _, tt := range tests {
		got := formatEvery(tt.in)
		if got != tt.want {
			t.Errorf("formatEvery(%v) = %q, want %q", tt.in, got, tt.want)
		}
		if back, err := time.ParseDuration(got); err != nil || back != tt.in {
			t.Errorf("ParseDuration(%q) = %v, %v", got, back, err)
		}
	}
}
