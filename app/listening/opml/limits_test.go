package opml

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
)

// generated writes an OPML file with n feeds spread over folders.
func generated(n int) []byte {
	var b bytes.Buffer
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n<head><title>Big</title></head>\n<body>\n")
	for i := range n {
		if i%100 == 0 {
			if i > 0 {
				b.WriteString("</outline>\n")
			}
			fmt.Fprintf(&b, "<outline text=\"Folder %d\">\n", i/100)
		}
		fmt.Fprintf(&b, "  <outline type=\"rss\" text=\"Feed %d &amp; co\" xmlUrl=\"https://feeds%d.example/rss?id=%d&amp;x=y\" htmlUrl=\"https://feeds%d.example/\"/>\n", i, i%37, i, i%37)
	}
	if n > 0 {
		b.WriteString("</outline>\n")
	}
	b.WriteString("</body>\n</opml>\n")
	return b.Bytes()
}

func TestParseGenerated(t *testing.T) {
	t.Parallel()
	o, err := Parse(bytes.NewReader(generated(5000)))
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Feeds) != 5000 || len(o.Skipped) != 0 {
		t.Fatalf("got %d feeds, %d skipped", len(o.Feeds), len(o.Skipped))
	}
	if f := o.Feeds[4321]; f.Title != "Feed 4321 & co" || f.Folder != "Folder 43" || f.URL != "https://feeds29.example/rss?id=4321&x=y" {
		t.Errorf("feed 4321 = %#v", f)
	}
}

func TestHostileOPMLLimits(t *testing.T) {
	t.Parallel()
	nested := func(depth int) string {
		return "<opml><body>" + strings.Repeat(`<outline text="f">`, depth-1) +
			`<outline text="a" xmlUrl="https://a.example/f"/>` + strings.Repeat("</outline>", depth-1) + "</body></opml>"
	}
	deepUnknown := "<opml><body>" + strings.Repeat("<x>", MaxDepth+1) + strings.Repeat("</x>", MaxDepth+1) + "</body></opml>"
	tests := []struct {
		name  string
		input io.Reader
		is    error
		want  string
	}{
		{"too large", io.MultiReader(strings.NewReader("<opml><body>"), strings.NewReader(strings.Repeat(" ", MaxSize))), ErrTooLarge, "the limit is 10 MB"},
		{"too deep", strings.NewReader(nested(MaxDepth + 1)), ErrTooDeep, "more than 32 levels at line 1"},
		{"too deep, unknown elements", strings.NewReader(deepUnknown), ErrTooDeep, "more than 32 levels"},
		{"too deep, attack", strings.NewReader(strings.Repeat("<opml>", 1_000_000)), ErrTooDeep, ""},
		{"too many feeds", bytes.NewReader(generated(MaxFeeds + 1)), ErrTooManyFeeds, "the limit is 10000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.input)
			if !errors.Is(err, tt.is) {
				t.Fatalf("err = %v, want %v", err, tt.is)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
		})
	}
	t.Run("at the limits", func(t *testing.T) {
		o, err := Parse(strings.NewReader(nested(MaxDepth)))
		if err != nil || len(o.Feeds) != 1 || strings.Count(o.Feeds[0].Folder, "/") != MaxDepth-2 {
			t.Fatalf("depth %d: %v, %#v", MaxDepth, err, o)
		}
		o, err = Parse(bytes.NewReader(generated(MaxFeeds)))
		if err != nil || len(o.Feeds) != MaxFeeds {
			t.Fatalf("%d feeds: %v", MaxFeeds, err)
		}
	})
}

func TestParseSkippedCap(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("<opml><body>")
	for range MaxSkipped + 250 {
		b.WriteString(`<outline text="note"/>`)
	}
	b.WriteString("</body></opml>")
	o, err := Parse(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Skipped) != MaxSkipped+1 {
		t.Fatalf("len(Skipped) = %d, want %d", len(o.Skipped), MaxSkipped+1)
	}
	if last := o.Skipped[MaxSkipped]; last.Line != 0 || last.Reason != "250 more outlines were skipped" {
		t.Errorf("summary = %#v", last)
	}
}

func TestFixAmpersands(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"no ampersand", "no ampersand"},
		{"a=1&b=2", "a=1&amp;b=2"},
		{"&amp; &lt; &gt; &quot; &apos;", "&amp; &lt; &gt; &quot; &apos;"},
		{"&eacute; &nbsp;", "&eacute; &nbsp;"},
		{"&#233; &#xE9; &#x1F600;", "&#233; &#xE9; &#x1F600;"},
		{"&#0; &#xD800; &#xFFFE; &#x110000; &#-1; &#x; &#;", "&amp;#0; &amp;#xD800; &amp;#xFFFE; &amp;#x110000; &amp;#-1; &amp;#x; &amp;#;"},
		{"&lol9; &xxe;", "&amp;lol9; &amp;xxe;"},
		{"&", "&amp;"},
		{"AT&T &", "AT&amp;T &amp;"},
		{"&" + strings.Repeat("a", 60) + ";", "&amp;" + strings.Repeat("a", 60) + ";"},
	}
	for _, tt := range tests {
		if got := string(fixAmpersands([]byte(tt.in))); got != tt.want {
			t.Errorf("fixAmpersands(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestHostileOPMLBillionLaughs parses a file whose DOCTYPE declares the
// "billion laughs" entities: the references stay literal text, and reading
// it costs no more than a small file.
func TestHostileOPMLBillionLaughs(t *testing.T) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	o, err := parseFile(t, "billion-laughs.opml")
	runtime.ReadMemStats(&after)
	if err != nil || o.Title != "&lol9;" {
		t.Fatalf("title %q, %v", o.Title, err)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
		t.Errorf("parsing allocated %d bytes", n)
	}
}
