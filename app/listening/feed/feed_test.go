package feed

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
)

var now = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

func TestHTMLToText(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"plain &amp; simple", "plain & simple"},
		{"<p>One</p><p>Two</p>", "One\n\nTwo"},
		{"a<br>b", "a\nb"},
		{"<script>alert(1)</script>safe", "safe"},
		{"<style>p{}</style><b>bold</b> text", "bold text"},
		{`<a href="javascript:alert(1)">click</a>`, "click"},
		{"<ul><li>x</li><li>y</li></ul>", "x\ny"},
		{"  lots   of\t\tspace  ", "lots of space"},
		{"<img src=x onerror=alert(1)>", ""},
		{"&lt;b&gt;escaped&lt;/b&gt;", "<b>escaped</b>"},
		{"<p>unclosed", "unclosed"},
		{"café ☕ &#x1F600;", "café ☕ 😀"},
	}
	for _, tt := range tests {
		if got := HTMLToText(tt.in); got != tt.want {
			t.Errorf("HTMLToText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormalizeURL(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"https://www.Example.com/a/", "https://example.com/a"},
		{"http://example.com:80/a?utm_source=x&b=2&a=1", "https://example.com/a?a=1&b=2"},
		{"https://example.com:8443/a", "https://example.com:8443/a"},
		{"https://blog.example/p/#comment-12", "https://blog.example/p#comment-12"},
		{"ftp://example.com/a", ""},
		{"javascript:alert(1)", ""},
		{"not a url", ""},
	}
	for _, tt := range tests {
		if got := NormalizeURL(tt.in); got != tt.want {
			t.Errorf("NormalizeURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestUnwrapRedirect(t *testing.T) {
	t.Parallel()
	g := "https://www.google.com/url?rct=j&sa=t&url=https://www.yelp.com/biz/x%3Fa%3D1&ct=ga"
	if got := unwrapRedirect(g); got != "https://www.yelp.com/biz/x?a=1" {
		t.Errorf("unwrapRedirect = %q", got)
	}
	if got := unwrapRedirect("https://www.google.com/url?url=javascript:alert(1)"); !strings.HasPrefix(got, "https://www.google.com") {
		t.Errorf("followed a non-http target: %q", got)
	}
}

func TestIdentityKeys(t *testing.T) {
	t.Parallel()
	a := Entry{GUID: "t3_1pbwiy1xx", Link: "https://www.reddit.com/r/x/comments/1/", Title: "t", Text: "The very same text posted on two networks, word for word."}
	b := Entry{GUID: "at://did:plc:1/app.bsky.feed.post/2", Link: "https://bsky.app/profile/x/post/2", Text: "The very same text posted on two networks, word for word! #coffee"}
	c := Entry{GUID: "42", Link: "https://reddit.com/r/x/comments/1"}
	ka, kb, kc := identityKeys(&a), identityKeys(&b), identityKeys(&c)
	if !shares(ka, kc, KeyIdentity) {
		t.Error("the same link (www., trailing slash) did not give a shared identity key")
	}
	if len(kc) != 1 {
		t.Errorf("a short per-feed GUID should not be an identity key: %d keys", len(kc))
	}
	if shares(ka, kb, KeyIdentity) {
		t.Error("different posts share an identity key")
	}
	if !shares(ka, kb, KeyGroup) {
		t.Error("a repost of the same text is not grouped")
	}
	none := Entry{Title: "no link", Text: "no guid"}
	if k := identityKeys(&none); len(k) != 1 || k[0][0] != KeyIdentity {
		t.Errorf("an entry without GUID and link needs a content key: %v", k)
	}
}

// Cross-posts where the brand is a name on one network and a handle on
// the other share a near key and are Similar; posts that only share a
// boilerplate ending share a near key but are not Similar.
func TestNearKeysAndSimilar(t *testing.T) {
	t.Parallel()
	kim := Entry{Link: "https://mas.to/@jo/1", Text: "Update: Kim from Ember & Oak replied within the hour, refunded the duplicate and explained it was a payment processor retry bug. This is how you do customer service."}
	kim2 := Entry{Link: "https://bsky.app/profile/jo/post/2", Text: "Update: Kim from @emberandoak replied within the hour, refunded the duplicate and explained it was a payment processor retry bug. This is how you do customer service. #emberandoak"}
	ka, kb := identityKeys(&kim), identityKeys(&kim2)
	if shares(ka, kb, KeyGroup) {
		t.Fatal("the fixture is meant to differ in its group key")
	}
	if !shares(ka, kb, KeyNear) || !Similar(kim.Text, kim2.Text) {
		t.Errorf("the cross-post is not found: near key shared %v, similar %v", shares(ka, kb, KeyNear), Similar(kim.Text, kim2.Text))
	}
	const outro = " Subscribe for a new coffee video every Tuesday and follow along on Instagram for behind the scenes."
	v1 := Entry{Link: "https://youtube.com/watch?v=1", Text: "I blind-taste five Portland roasters and rank them." + outro}
	v2 := Entry{Link: "https://youtube.com/watch?v=2", Text: "Dialing in a washed Kenyan on the V60, three recipes compared." + outro}
	if !shares(identityKeys(&v1), identityKeys(&v2), KeyNear) {
		t.Fatal("the fixture is meant to share the ending's near key")
	}
	if Similar(v1.Text, v2.Text) {
		t.Error("two videos with the same outro are taken for copies")
	}
	short := Entry{Link: "https://e.com/1", Text: "Short post, no near keys at all."}
	if shares(identityKeys(&short), identityKeys(&short), KeyNear) {
		t.Error("a short text has near keys")
	}
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"", "", false},
		{"same words here", "Same words, here!", true},
		{"one two three four five six seven eight nine ten", "one two three four five six seven eight nine eleven", true},
		{"one two three four five six seven eight nine ten", "one two three four five six seven alpha beta gamma", false},
	} {
		if got := Similar(tt.a, tt.b); got != tt.want {
			t.Errorf("Similar(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func shares(a, b [][]byte, kind byte) bool {
	for _, x := range a {
		for _, y := range b {
			if x[0] == kind && bytes.Equal(x, y) {
				return true
			}
		}
	}
	return false
}

func TestAuthorsPerPlatform(t *testing.T) {
	t.Parallel()
	tests := []struct {
		kind, file, author, handle string
	}{
		{"reddit", "reddit-search.atom", "u/latte_lucia", "latte_lucia"},
		{"mastodon", "mastodon-tag.rss", "@wanderingcup@mas.to", "@wanderingcup@mas.to"},
		{"bluesky", "bluesky.rss", "samokafor.bsky.social", "samokafor.bsky.social"},
		{"hackernews", "hackernews.rss", "cascadia_dev", "cascadia_dev"},
		{"googlealerts", "google-alerts.atom", "yelp.com", "yelp.com"},
		{"googlenews", "google-news.rss", "Willamette Week", "Willamette Week"},
		{"youtube", "youtube-channel.atom", "Home Roast Hannah", "Home Roast Hannah"},
		{"blog", "blog-comments.rss", "Nate Hollis", "Nate Hollis"},
	}
	for _, tt := range tests {
		f := parseSample(t, tt.file, tt.kind)
		e := f.Entries[0]
		if e.Author != tt.author || e.Handle != tt.handle {
			t.Errorf("%s: author %q handle %q, want %q %q", tt.kind, e.Author, e.Handle, tt.author, tt.handle)
		}
	}
}

func parseSample(t *testing.T, name, kind string) *Feed {
	t.Helper()
	r, err := os.Open(filepath.Join("..", "..", "..", "assets", "sample", "feeds", name))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	f, err := Parse(r, Options{Kind: kind, Now: now})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return f
}

func TestSampleDetails(t *testing.T) {
	t.Parallel()
	alerts := parseSample(t, "google-alerts.atom", "googlealerts")
	if strings.Contains(alerts.Entries[0].Title, "<b>") {
		t.Errorf("HTML left in title: %q", alerts.Entries[0].Title)
	}
	if strings.Contains(alerts.Entries[0].Link, "google.com/url") {
		t.Errorf("redirect not unwrapped: %q", alerts.Entries[0].Link)
	}
	reddit := parseSample(t, "reddit-search.atom", "reddit")
	if strings.Contains(reddit.Entries[0].Text, "submitted by") {
		t.Errorf("reddit footer left in text: %q", reddit.Entries[0].Text)
	}
	yt := parseSample(t, "youtube-channel.atom", "youtube")
	if yt.Entries[0].Reach == 0 || yt.Entries[0].Text == "" {
		t.Errorf("youtube views/description not read: %+v", yt.Entries[0])
	}
}

func TestDates(t *testing.T) {
	t.Parallel()
	feed := func(date string) string {
		return `<rss version="2.0"><channel><title>x</title><item><title>a</title><link>https://e.com/a</link><pubDate>` + date + `</pubDate></item></channel></rss>`
	}
	tests := []struct {
		date string
		want time.Time
	}{
		{"Fri, 20 Nov 2026 11:40:01 +0000", time.Date(2026, 11, 20, 11, 40, 1, 0, time.UTC)},
		{"20 Nov 2026 11:15 +0000", time.Date(2026, 11, 20, 11, 15, 0, 0, time.UTC)},
		{"Fri, 6 Nov 2026 2:50:33 -0800", time.Date(2026, 11, 6, 10, 50, 33, 0, time.UTC)},
		{"Mon, 01 Jan 2035 00:00:00 +0000", time.Time{}}, // in the future: not believed
		{"Thu, 01 Jan 1970 00:00:00 +0000", time.Time{}}, // before feeds existed
		{"someday", time.Time{}},
		{"", time.Time{}},
	}
	for _, tt := range tests {
		f, err := Parse(strings.NewReader(feed(tt.date)), Options{Now: now})
		if err != nil {
			t.Fatalf("%q: %v", tt.date, err)
		}
		if got := f.Entries[0].Published; !got.Equal(tt.want) {
			t.Errorf("%q: published %v, want %v", tt.date, got, tt.want)
		}
	}
}

func TestHostileBadInput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		max  int64
		want error
	}{
		{"html page", "<!doctype html><html><body>hi</body></html>", 0, ErrNotFeed},
		{"empty", "", 0, ErrNotFeed},
		{"garbage", "\x00\x01\x02", 0, ErrNotFeed},
		{"broken xml", "<rss><channel><item><title>x</ti", 0, nil},
		{"too large", `<rss version="2.0"><channel>` + strings.Repeat("<item><title>x</title></item>", 1000) + "</channel></rss>", 1000, ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.in), Options{MaxBytes: tt.max, Now: now})
			if tt.want == nil {
				return // any outcome but a panic is fine
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "assets", "sample", "feeds", "*"))
	for _, file := range files[:min(len(files), 4)] {
		b, _ := os.ReadFile(file)
		f.Add(b[:min(len(b), 4096)])
	}
	// The ill-formed and mis-encoded feeds of the hostile-input corpus.
	wild, _ := filepath.Glob(filepath.Join("..", "..", "..", "testdata", "wildfeeds", "[0-9]*"))
	for _, file := range wild {
		b, _ := os.ReadFile(file)
		f.Add(b[:min(len(b), 8192)])
	}
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","content_html":"<p>x"}]}`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="html">&lt;b&gt;x</title></entry></feed>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		fd, err := Parse(bytes.NewReader(b), Options{Now: now, MaxBytes: 1 << 20})
		if err != nil {
			return
		}
		for _, e := range fd.Entries {
			if len(e.Keys) == 0 {
				t.Fatal("entry without identity")
			}
			if strings.ContainsAny(e.Title, "\n") {
				t.Fatalf("title spans lines: %q", e.Title)
			}
		}
	})
}

func FuzzHTMLToText(f *testing.F) {
	f.Add("<p>a<b>b</b></p><script>x</script>")
	f.Add("&amp;&lt;&#0;&#xFFFFFF;")
	f.Fuzz(func(t *testing.T, s string) {
		out := HTMLToText(s)
		if len(out) > maxTextBytes+len(s)+16 {
			t.Fatalf("text grew unboundedly: %d", len(out))
		}
	})
}

func BenchmarkParse(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "assets", "sample", "feeds", "reddit-search.atom"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(bytes.NewReader(data), Options{Kind: "reddit", Now: now}); err != nil {
			b.Fatal(err)
		}
	}
}

// tidyLines is the line-by-line definition of tidy.
func tidyLines(s string) string {
	var out []string
	blank := true
	for _, l := range strings.Split(s, "\n") {
		l = strings.Join(strings.FieldsFunc(l, unicode.IsSpace), " ")
		if l == "" {
			if !blank {
				out = append(out, "")
			}
			blank = true
			continue
		}
		out = append(out, l)
		blank = false
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

func TestTidyMatchesItsDefinition(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", " ", "\n", "a", " a  b \n\n\n c\t\r\nd \n \n", "\n\n x\u00a0y\u2028z \n", "é  ü\n\n", "a\n \n\t\nb\n\n"} {
		if got, want := tidy(s), tidyLines(s); got != want {
			t.Errorf("tidy(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzTidy(f *testing.F) {
	f.Add(" a  b \n\n\n c\t\r\nd \n \n")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := tidy(s), tidyLines(s); got != want {
			t.Errorf("tidy(%q) = %q, want %q", s, got, want)
		}
	})
}

// FuzzHTMLToTextWithoutTags checks the tokenizer-free path for text with
// entities but no tags against the tokenizer.
// first is the first of two results.
func first[T, U any](t T, _ U) T { return t }

func FuzzHTMLToTextWithoutTags(f *testing.F) {
	for _, s := range []string{"Ember & Oak", "a &amp; b&lt;i&gt;\r\nc", "&#0; &notit; &#x1F600;", "x\r\r\ny &"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.Contains(s, "<") || !strings.Contains(s, "&") || len(s) > 1000 {
			return
		}
		if got, want := HTMLToText(s), first(tokensToText(s)); got != want {
			t.Errorf("HTMLToText(%q) = %q, the tokenizer gives %q", s, got, want)
		}
	})
}
