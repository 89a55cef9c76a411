package fetch

import (
	"errors"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"
)

func mustURL(t testing.TB, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestDiscoverLinks(t *testing.T) {
	tests := []struct {
		name, html string
		want       []FeedLink
	}{
		{"alternates of every type, relative and absolute", `<html><head>
<link rel="alternate" type="application/rss+xml" title="Posts (RSS)" href="/feed/">
<link rel="alternate" type="application/atom+xml" title="Posts (Atom)" href="atom.xml">
<link rel="alternate" type="application/feed+json" title="JSON" href="https://cdn.example.net/feed.json">
<link rel="alternate" type="application/json" href="../all.json">
<link rel="alternate" type="application/rdf+xml" href="//example.com/index.rdf">
</head></html>`, []FeedLink{
			{URL: "https://example.com/feed/", Title: "Posts (RSS)", Type: "rss"},
			{URL: "https://example.com/blog/atom.xml", Title: "Posts (Atom)", Type: "atom"},
			{URL: "https://cdn.example.net/feed.json", Title: "JSON", Type: "json"},
			{URL: "https://example.com/all.json", Type: "json"},
			{URL: "https://example.com/index.rdf", Type: "rdf"},
		}},
		{"duplicates removed, fragments ignored", `
<link rel="alternate" type="application/rss+xml" href="/feed">
<link rel="alternate" type="application/rss+xml" href="https://example.com/feed#top">
<link rel=alternate type="application/rss+xml" href="/feed">
<a href="/feed">RSS</a>`, []FeedLink{{URL: "https://example.com/feed", Type: "rss"}}},
		{"rel and type spelling", `
<LINK REL="Alternate Feed" TYPE="Application/RSS+XML; charset=utf-8" HREF="/a.xml">
<link rel="feed" type="application/atom+xml" href="/b.xml">
<link rel="stylesheet" type="application/rss+xml" href="/not-a-feed">
<link rel="alternate" type="text/html" href="/fr/">
<link rel="alternate" type="application/json+oembed" href="/oembed">
<link rel="alternate" type="application/rss+xml">
<link rel="alternate" type="application/rss+xml" href="">`, []FeedLink{
			{URL: "https://example.com/a.xml", Type: "rss"},
			{URL: "https://example.com/b.xml", Type: "atom"},
		}},
		{"unsafe schemes dropped", `
<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
<link rel="alternate" type="application/rss+xml" href="file:///etc/passwd">
<link rel="alternate" type="application/rss+xml" href="ftp://example.com/feed.xml">
<a href="feed:javascript:alert(1)">x</a>
<a href="data:text/xml,<rss/>">data</a>`, nil},
		{"feed: pseudo-scheme", `<a href="feed://example.com/rss.xml">subscribe</a>
<a href="FEED:http://example.org/atom.xml">atom</a>`, []FeedLink{
			{URL: "https://example.com/rss.xml", Title: "subscribe", Type: "rss"},
			{URL: "http://example.org/atom.xml", Title: "atom", Type: "atom"},
		}},
		{
			"wordpress REST API is not a feed", `
<link rel="alternate" type="application/json" href="https://example.com/wp-json/wp/v2/pages/2">
<link rel="alternate" type="application/rss+xml" title="Shop &raquo; Feed" href="https://example.com/feed/">`,
			[]FeedLink{{URL: "https://example.com/feed/", Title: "Shop » Feed", Type: "rss"}},
		},
		{
			"base href", `<head><base href="https://static.example.org/site/"><link rel="alternate" type="application/atom+xml" href="atom.xml"></head>`,
			[]FeedLink{{URL: "https://static.example.org/site/atom.xml", Type: "atom"}},
		},
		{"anchors that name feeds come after alternates", `<body>
<a href="/about">About</a>
<a href="/blog/rss.xml">  Subscribe
   via <b>RSS</b> </a>
<a href="https://feeds.feedburner.com/example">FeedBurner</a>
<a href="/?feed=rss2" title="WordPress feed">x</a>
<a href="/podcast.atom"><img src="atom.png"></a>
<a href="/data" type="application/feed+json">JSON Feed</a>
<a href="/index.php?format=feed&type=atom">Joomla</a>
<a href="/feedback">Feedback</a>
<a href="/rss-guide.html">How to use RSS</a>
</body><head><link rel="alternate" type="application/rss+xml" href="/main.xml"></head>`, []FeedLink{
			{URL: "https://example.com/main.xml", Type: "rss"},
			{URL: "https://example.com/blog/rss.xml", Title: "Subscribe via RSS", Type: "rss"},
			{URL: "https://feeds.feedburner.com/example", Title: "FeedBurner"},
			{URL: "https://example.com/?feed=rss2", Title: "WordPress feed", Type: "rss"},
			{URL: "https://example.com/podcast.atom", Type: "atom"},
			{URL: "https://example.com/data", Title: "JSON Feed", Type: "json"},
			{URL: "https://example.com/index.php?format=feed&type=atom", Title: "Joomla", Type: "atom"},
		}},
		{"unclosed anchor at end", `<a href="/feed.xml">Feed`, []FeedLink{{URL: "https://example.com/feed.xml", Title: "Feed"}}},
		{"no links", `<html><body><p>Just a page</p></body></html>`, nil},
		{"not html at all", "\x00\x01garbage<<<>>>", nil},
	}
	base := mustURL(t, "https://example.com/blog/post.html")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DiscoverLinks(base, strings.NewReader(tt.html))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("DiscoverLinks =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

func TestDiscoverLinksLimits(t *testing.T) {
	var b strings.Builder
	for i := range 500 {
		b.WriteString(`<a href="/f` + strings.Repeat("x", i) + `.rss">` + strings.Repeat("long title ", 50) + `</a>`)
	}
	got, err := DiscoverLinks(mustURL(t, "https://example.com/"), strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != maxLinks {
		t.Errorf("got %d links, want %d", len(got), maxLinks)
	}
	if len(got[0].Title) > maxTitle {
		t.Errorf("title of %d bytes", len(got[0].Title))
	}
}

func TestDiscoverLinksReadError(t *testing.T) {
	r := iotest.TimeoutReader(strings.NewReader(`<link rel="alternate" type="application/rss+xml" href="/feed">` + strings.Repeat(" ", 8192)))
	got, err := DiscoverLinks(mustURL(t, "https://example.com/"), r)
	if !errors.Is(err, iotest.ErrTimeout) {
		t.Errorf("err = %v, want the read error", err)
	}
	if len(got) != 1 {
		t.Errorf("links found before the error = %+v", got)
	}
}

func TestCleanTitle(t *testing.T) {
	long := strings.Repeat("é", 150) // 300 bytes
	got := cleanTitle(long)
	if len(got) > maxTitle || !strings.HasPrefix(long, got) || len(got) != 200 {
		t.Errorf("cleanTitle cut to %d bytes: %q", len(got), got)
	}
	if got := cleanTitle("  a \n\t b  "); got != "a b" {
		t.Errorf("cleanTitle = %q", got)
	}
	if got := cleanTitle("caf\xe9 " + strings.Repeat("x", 300)); !strings.HasPrefix(got, "caf\uFFFD x") || len(got) > maxTitle {
		t.Errorf("cleanTitle with invalid UTF-8 = %q", got)
	}
}

func TestCommonFeedPaths(t *testing.T) {
	paths := CommonFeedPaths()
	for _, want := range []string{"/feed", "/rss", "/rss.xml", "/atom.xml", "/feed.xml", "/index.xml", "/feed.json", "/comments/feed"} {
		found := false
		for _, p := range paths {
			found = found || p == want
		}
		if !found {
			t.Errorf("CommonFeedPaths lacks %s", want)
		}
	}
	paths[0] = "changed"
	if CommonFeedPaths()[0] != "/feed" {
		t.Error("CommonFeedPaths shares its slice")
	}
}

func FuzzDiscoverLinks(f *testing.F) {
	for _, s := range []string{
		`<link rel="alternate" type="application/rss+xml" href="/feed">`,
		`<base href="http://x/y/"><a href="rss.xml">t</a>`,
		`<a href="/?feed=rss2">`, `<link rel=alternate type=application/json href=//h/wp-json/>`,
		`<a href="javascript:x">`, `<a href="%zz">`, "<a href='/feed'>\xff\xfe</a>",
	} {
		f.Add(s)
	}
	base := mustURL(f, "https://example.com/dir/page")
	f.Fuzz(func(t *testing.T, html string) {
		links, err := DiscoverLinks(base, strings.NewReader(html))
		if err != nil {
			t.Fatal(err)
		}
		if len(links) > maxLinks {
			t.Fatalf("%d links", len(links))
		}
		seen := map[string]bool{}
		for _, l := range links {
			u, err := url.Parse(l.URL)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Fragment != "" {
				t.Fatalf("bad link %q (%v)", l.URL, err)
			}
			if seen[l.URL] {
				t.Fatalf("duplicate %q", l.URL)
			}
			seen[l.URL] = true
			if len(l.Title) > maxTitle || !utf8.ValidString(l.Title) {
				t.Fatalf("bad title %q", l.Title)
			}
			switch l.Type {
			case "", "rss", "atom", "rdf", "json":
			default:
				t.Fatalf("type %q", l.Type)
			}
		}
	})
}

func BenchmarkDiscoverLinks(b *testing.B) {
	page := `<!DOCTYPE html><html><head><title>Shop</title>
<link rel="stylesheet" href="/s.css"><script>` + strings.Repeat("var x = 1;\n", 2000) + `</script>
<link rel="alternate" type="application/rss+xml" title="Feed" href="/feed/">
</head><body>` + strings.Repeat(`<p><a href="/product/1">Product</a> text text text</p>`, 500) +
		`<a href="/comments/feed/">Comments RSS</a></body></html>`
	base := mustURL(b, "https://example.com/")
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if _, err := DiscoverLinks(base, strings.NewReader(page)); err != nil {
			b.Fatal(err)
		}
	}
}
