package opml

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// parseFile parses a file from testdata.
func parseFile(t *testing.T, name string) (*Outline, error) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return Parse(f)
}

func TestParseFiles(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file    string
		title   string
		feeds   []Feed
		skipped []Skip
	}{
		{
			file:  "feedly.opml",
			title: "Maria subscriptions in feedly Cloud",
			feeds: []Feed{
				{Title: "Sprudge", URL: "https://sprudge.com/feed", HTMLURL: "https://sprudge.com", Folder: "Coffee"},
				{Title: "Perfect Daily Grind", URL: "https://perfectdailygrind.com/feed/", HTMLURL: "https://perfectdailygrind.com", Folder: "Coffee"},
				{Title: "r/Coffee", URL: "https://www.reddit.com/r/Coffee/.rss", HTMLURL: "https://www.reddit.com/r/Coffee/", Folder: "Coffee"},
				{Title: "Springfield Gazette", URL: "https://www.springfieldgazette.example/rss/local.xml", HTMLURL: "https://www.springfieldgazette.example/", Folder: "Local"},
				{Title: "Hacker News", URL: "https://news.ycombinator.com/rss", HTMLURL: "https://news.ycombinator.com/", Folder: "Uncategorized"},
			},
		},
		{
			file:  "inoreader.opml",
			title: "Subscriptions from Inoreader [https://www.inoreader.com]",
			feeds: []Feed{
				{Title: "cold brew - Reddit search", URL: "https://www.reddit.com/search.rss?q=%22cold+brew%22&sort=new", HTMLURL: "https://www.reddit.com/search?q=%22cold+brew%22", Folder: "Social/Reddit"},
				{Title: "r/espresso", URL: "https://www.reddit.com/r/espresso/new/.rss", HTMLURL: "https://www.reddit.com/r/espresso/", Folder: "Social/Reddit"},
				{Title: "#coffee", URL: "https://mastodon.social/tags/coffee.rss", HTMLURL: "https://mastodon.social/tags/coffee", Folder: "Social/Mastodon"},
				{Title: "Fosstodon #coffee", URL: "https://fosstodon.org/tags/coffee.rss", HTMLURL: "https://fosstodon.org/tags/coffee", Folder: "Social/Mastodon/Deep"},
				{Title: "Google News - cold brew", URL: "https://news.google.com/rss/search?q=%22cold+brew%22&hl=en-US&gl=US&ceid=US:en", HTMLURL: "https://news.google.com/search?q=%22cold+brew%22", Folder: "News"},
				{Title: "Daily Coffee News", URL: "https://dailycoffeenews.com/feed/", HTMLURL: "https://dailycoffeenews.com"},
			},
		},
		{
			file:  "netnewswire.opml",
			title: "Subscriptions-OnMyMac.opml",
			feeds: []Feed{
				{Title: "Daring Fireball", URL: "https://daringfireball.net/feeds/main", HTMLURL: "https://daringfireball.net/"},
				{Title: "Seth's Blog", URL: "https://seths.blog/feed/", HTMLURL: "https://seths.blog", Folder: "Business"},
				{Title: "Small Business Trends", URL: "https://feeds2.feedburner.com/SmallBusinessTrends", HTMLURL: "https://smallbiztrends.com/", Folder: "Business"},
				{Title: "NetNewsWire", URL: "https://netnewswire.blog/feed.xml", HTMLURL: "https://netnewswire.blog/"},
			},
			skipped: []Skip{{Line: 14, Text: "Empty folder", Reason: "it has no feed address (xmlUrl)"}},
		},
		{
			file:  "minimal-1.0.opml",
			title: "mySubscriptions.opml",
			feeds: []Feed{
				{Title: "Scripting News", URL: "http://www.scripting.com/rss.xml"},
				{Title: "CNET News.com", URL: "http://news.com.com/2547-1_3-0-5.xml", HTMLURL: "http://news.com.com/"},
			},
		},
		{
			file:  "latin1.opml",
			title: "Café list",
			feeds: []Feed{{Title: "Café Crème", URL: "https://cafe.example/feed"}},
		},
		{
			file:  "entities.opml",
			title: "Ben & Jerry’s — feeds",
			feeds: []Feed{
				{Title: "Café & Bakery", URL: "https://cafe.example/feed?a=1&b=2"},
				{Title: "Tom & Jerry's", URL: "https://tom.example/rss?x=1&y=2"},
				{Title: "<b>Bold</b> news today", URL: "https://bold.example/feed"},
				{Title: "AT&T Newsroom", URL: "https://att.example/feed"},
				{Title: "Emoji ☕ ☕", URL: "https://emoji.example/feed"},
				{Title: "Bad ref \uFFFD and \uFFFD", URL: "https://badref.example/feed"},
			},
		},
		{
			file:  "duplicates.opml",
			title: "Duplicates",
			feeds: []Feed{{Title: "Sprudge", URL: "https://sprudge.com/feed", Folder: "Coffee"}},
			skipped: []Skip{
				{Line: 9, Text: "Sprudge again", Reason: "the same feed is listed earlier, on line 6"},
				{Line: 10, Text: "Sprudge fragment", Reason: "the same feed is listed earlier, on line 6"},
				{Line: 11, Text: "Sprudge over http", Reason: "the same feed is listed earlier, on line 6"},
				{Line: 13, Text: "Sprudge feed scheme", Reason: "the same feed is listed earlier, on line 6"},
			},
		},
		{
			file:  "skipped.opml",
			title: "Odds and ends",
			feeds: []Feed{
				{Title: "Old style", URL: "https://oldstyle.example/rss"},
				{Title: "Feed scheme", URL: "http://feedscheme.example/rss"},
			},
			skipped: []Skip{
				{Line: 5, Text: "Mail me", Reason: `only web feeds (http or https) can be followed, not "mailto" addresses`},
				{Line: 6, Text: "Script", Reason: `only web feeds (http or https) can be followed, not "javascript" addresses`},
				{Line: 7, Text: "Relative", Reason: "its address is not a full web address (it should start with https://)"},
				{Line: 8, Text: "Just a note", Reason: "it has no feed address (xmlUrl)"},
				{Line: 9, Text: "A web page", Reason: "it is a link to a web page, not a feed"},
				{Line: 10, Text: "Blogroll", Reason: "it includes another OPML file, which Rapport does not fetch; import that file separately"},
				{Line: 14, Text: "FTP", Reason: `only web feeds (http or https) can be followed, not "ftp" addresses`},
			},
		},
		{
			file:  "rapport.opml",
			title: "Rapport sources",
			feeds: []Feed{
				{Title: `Reddit search: "cold brew"`, URL: "https://www.reddit.com/search.rss?q=%22cold+brew%22&sort=new", Folder: "Social", Kind: "reddit", Rule: `"cold brew"`, Every: 15 * time.Minute},
				{Title: "Other prefix", URL: "https://other.example/feed", Kind: "blog", Every: 2 * time.Hour},
				{Title: "Bad values", URL: "https://bad.example/feed"},
			},
		},
		{
			// encoding/xml does not expand DOCTYPE entities or fetch
			// external ones: the references stay literal text.
			file:  "billion-laughs.opml",
			title: "&lol9;",
			feeds: []Feed{
				{Title: "&lol9;", URL: "https://laughs.example/feed"},
				{Title: "&xxe;", URL: "https://xxe.example/feed"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			o, err := parseFile(t, tt.file)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if o.Title != tt.title {
				t.Errorf("Title = %q, want %q", o.Title, tt.title)
			}
			if !reflect.DeepEqual(o.Feeds, tt.feeds) {
				t.Errorf("Feeds:\n got %#v\nwant %#v", o.Feeds, tt.feeds)
			}
			if !reflect.DeepEqual(o.Skipped, tt.skipped) {
				t.Errorf("Skipped:\n got %#v\nwant %#v", o.Skipped, tt.skipped)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		input string
		is    error  // errors.Is target, or nil
		line  int    // SyntaxError line, or 0
		want  string // part of the message
	}{
		{name: "empty", input: "", is: ErrNotOPML, want: "the file is empty"},
		{name: "blank", input: " \n\t", is: ErrNotOPML, want: "the file is empty"},
		{name: "rss", input: "<rss version=\"2.0\"><channel/></rss>", is: ErrNotOPML, want: "a feed itself (<rss>)"},
		{name: "atom", input: `<feed xmlns="http://www.w3.org/2005/Atom"/>`, is: ErrNotOPML, want: "a feed itself (<feed>)"},
		{name: "html", input: "<html><body>hi</body></html>", is: ErrNotOPML, want: "a web page"},
		{name: "other root", input: "<foo/>", is: ErrNotOPML, want: "starts with <foo>"},
		{name: "text", input: "just some text", is: ErrNotOPML, want: "the file is empty"},
		{name: "mismatched", input: "<opml>\n<body>\n<outline text=\"a\">\n</body></opml>", line: 4, want: "element <outline> closed by </body>"},
		{name: "truncated", input: "<opml>\n<body>\n<outline text=\"a\"", line: 3, want: "unexpected EOF"},
		{name: "unclosed root", input: "<opml><body></body>", line: 1, want: "unexpected EOF"},
		{name: "bad attribute", input: "<opml>\n<body>\n<outline text=\"a\" <<< /></body></opml>", line: 3, want: "attribute"},
		{name: "control character", input: "<opml><head><title>a\x01b</title></head></opml>", line: 1, want: "illegal character"},
		{name: "unknown encoding", input: `<?xml version="1.0" encoding="x-klingon"?><opml/>`, line: 1, want: `"x-klingon" is not supported`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.input))
			if err == nil {
				t.Fatal("Parse succeeded, want an error")
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v is not %v", err, tt.is)
			}
			if tt.line > 0 {
				var se *SyntaxError
				if !errors.As(err, &se) {
					t.Fatalf("error %v is not a *SyntaxError", err)
				}
				if se.Line != tt.line {
					t.Errorf("line = %d, want %d (%v)", se.Line, tt.line, err)
				}
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
		})
	}
}

func TestParseBrokenFiles(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file string
		want string
	}{
		{"broken.opml", "read OPML: line 7: element <outline> closed by </body>"},
		{"truncated.opml", "read OPML: line 7: unexpected EOF"},
		{"not-opml.xml", "read OPML: this is not an OPML feed list: this file is a feed itself (<rss>), not a list of feeds; add its address as a source instead"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := parseFile(t, tt.file)
			if err == nil || err.Error() != tt.want {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestParseUTF16(t *testing.T) {
	t.Parallel()
	doc := `<?xml version="1.0" encoding="UTF-16"?><opml><body><outline text="Café" xmlUrl="https://cafe.example/feed"/></body></opml>`
	for _, bigEndian := range []bool{false, true} {
		o, err := Parse(strings.NewReader(utf16Bytes(doc, bigEndian)))
		if err != nil {
			t.Fatalf("bigEndian=%v: %v", bigEndian, err)
		}
		want := []Feed{{Title: "Café", URL: "https://cafe.example/feed"}}
		if !reflect.DeepEqual(o.Feeds, want) {
			t.Errorf("bigEndian=%v: Feeds = %#v", bigEndian, o.Feeds)
		}
	}
}

// utf16Bytes encodes an ASCII-or-BMP string as UTF-16 with a byte order mark.
func utf16Bytes(s string, bigEndian bool) string {
	var b []byte
	for _, r := range "\ufeff" + s {
		hi, lo := byte(r>>8), byte(r)
		if bigEndian {
			b = append(b, hi, lo)
		} else {
			b = append(b, lo, hi)
		}
	}
	return string(b)
}

func TestParseOddButValid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		input string
		feeds []Feed
	}{
		{
			name:  "upper-case names and attributes",
			input: `<OPML><BODY><OUTLINE TEXT="A" XMLURL="https://a.example/feed"/></BODY></OPML>`,
			feeds: []Feed{{Title: "A", URL: "https://a.example/feed"}},
		},
		{
			name:  "title fallback and address fallback",
			input: `<opml><body><outline title="T" xmlUrl="https://t.example/f"/><outline xmlUrl="https://u.example/f"/></body></opml>`,
			feeds: []Feed{{Title: "T", URL: "https://t.example/f"}, {Title: "https://u.example/f", URL: "https://u.example/f"}},
		},
		{
			name:  "feed inside a feed is its sibling",
			input: `<opml><body><outline text="F"><outline text="P" xmlUrl="https://p.example/f"><outline text="C" xmlUrl="https://c.example/f"/></outline></outline></body></opml>`,
			feeds: []Feed{{Title: "P", URL: "https://p.example/f", Folder: "F"}, {Title: "C", URL: "https://c.example/f", Folder: "F"}},
		},
		{
			name:  "unnamed folder is flattened away and names are cleaned",
			input: `<opml><body><outline><outline text="  Social  &#10; Media "><outline text="A/B"><outline text="x" xmlUrl="https://x.example/f"/></outline></outline></outline></body></opml>`,
			feeds: []Feed{{Title: "x", URL: "https://x.example/f", Folder: "Social Media/A/B"}},
		},
		{
			name:  "outlines outside body and under unknown elements are ignored",
			input: `<opml><head><outline text="h" xmlUrl="https://h.example/f"/></head><body><group><outline text="g" xmlUrl="https://g.example/f"/></group><outline text="b" xmlUrl="https://b.example/f"/></body></opml>`,
			feeds: []Feed{{Title: "b", URL: "https://b.example/f"}},
		},
		{
			name:  "trailing content after the root is ignored",
			input: `<opml><body><outline text="a" xmlUrl="https://a.example/f"/></body></opml><garbage`,
			feeds: []Feed{{Title: "a", URL: "https://a.example/f"}},
		},
		{
			name:  "byte order mark, scheme and host case, undeclared rapport prefix",
			input: "\ufeff<opml><body><outline text=\"a\" xmlUrl=\" HTTPS://A.Example/Feed?Q=1 \" rapport:every=\"1h30m\" rapport:kind=\"mastodon\"/></body></opml>",
			feeds: []Feed{{Title: "a", URL: "https://a.example/Feed?Q=1", Kind: "mastodon", Every: 90 * time.Minute}},
		},
		{
			name:  "long title is cut",
			input: `<opml><body><outline text="` + strings.Repeat("é", MaxTitleLen+50) + `" xmlUrl="https://a.example/f"/></body></opml>`,
			feeds: []Feed{{Title: strings.Repeat("é", MaxTitleLen), URL: "https://a.example/f"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := Parse(strings.NewReader(tt.input))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(o.Feeds, tt.feeds) {
				t.Errorf("Feeds:\n got %#v\nwant %#v", o.Feeds, tt.feeds)
			}
		})
	}
}
