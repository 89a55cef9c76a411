package routing

import (
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/storage"
)

var cet = time.FixedZone("CET", 3600)

// sampleMention is deliveryComplaint with everything a hand-off shows.
func sampleMention() storage.Mention {
	m := *deliveryComplaint()
	m.Link = "https://www.reddit.com/r/coffee/comments/abc/why_does_my_order/"
	m.AuthorURL = "https://www.reddit.com/user/sam"
	m.Published = time.Date(2025, 3, 4, 13, 5, 0, 0, time.UTC)
	m.Analysis.Why = "complaint, question · negative · first time"
	m.Analysis.Promise = "at odds"
	return m
}

// text is HandOffText in a fixed time zone.
func text(m storage.Mention, source string, to workspace.TeamMember, from, brand string, watch ...string) (string, string) {
	h := handoff{m: &m, where: place(&m, source), to: to, from: from, brand: brand, watch: watch, loc: cet}
	return h.subject(), h.body(newQuote(h.quoted()), MaxQuote, false)
}

func TestHandOffText(t *testing.T) {
	t.Parallel()
	subject, body := text(sampleMention(), "Reddit", sampleTeam[2], "Dana Reyes", "Ember & Oak Coffee Roasters", "Brand mentions", "Delivery")
	if want := `[Rapport] complaint from @sam on Reddit: "Why does my order take three weeks to arrive?"`; subject != want {
		t.Errorf("subject\n got %q\nwant %q", subject, want)
	}
	want := `Hi Kim,

Could you take this one? Reply to them within the day if you can.

Rapport found this mention of Ember & Oak Coffee Roasters:

Who: @sam (https://www.reddit.com/user/sam)
Where: Reddit
When: Tue 4 Mar 2025 at 14:05 CET

> Why does my order take three weeks to arrive?

Link: https://www.reddit.com/r/coffee/comments/abc/why_does_my_order/

What Rapport read:
- Sentiment: negative (-0.62)
- Intents: complaint, question
- Touch points: delivery/shipping
- Our promise: this goes against it
- Priority: 72 of 100 (complaint, question · negative · first time)
- Watch rules: Brand mentions, Delivery

Thanks,
Dana Reyes
`
	if body != want {
		t.Errorf("body\n%s\nwant\n%s", body, want)
	}
}

func TestHandOffTextLocalTime(t *testing.T) {
	t.Parallel()
	m := sampleMention()
	_, body := HandOffText(m, "Reddit", sampleTeam[2], "Dana", "")
	if when := m.Published.Local().Format("Mon 2 Jan 2006 at 15:04 MST"); !strings.Contains(body, "When: "+when+"\n") {
		t.Errorf("body does not give the local time %q:\n%s", when, body)
	}
}

func TestHandOffSubject(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		edit   func(m *storage.Mention)
		source string
		want   string
	}{
		{"long headline cut at a word", func(m *storage.Mention) {
			m.Text = "Why does my order take three weeks to arrive when the site promises two days?"
		}, "Reddit", `[Rapport] complaint from @sam on Reddit: "Why does my order take three weeks to arrive when…"`},
		{
			"title wins", func(m *storage.Mention) { m.Title = "Order\nlate\t again" }, "Reddit",
			`[Rapport] complaint from @sam on Reddit: "Order late again"`,
		},
		{
			"platform when no source name", func(*storage.Mention) {}, "",
			`[Rapport] complaint from @sam on Reddit: "Why does my order take three weeks to arrive?"`,
		},
		{
			"churn before question", func(m *storage.Mention) { m.Analysis.Intents = []string{"question", "churn"} }, "Reddit",
			`[Rapport] churn risk from @sam on Reddit: "Why does my order take three weeks to arrive?"`,
		},
		{"no intents, author or place", func(m *storage.Mention) {
			m.Analysis.Intents, m.Author, m.Platform, m.Text = nil, "", "", "Hello"
		}, "", `[Rapport] mention: "Hello"`},
		{"quotes and emoji kept whole", func(m *storage.Mention) {
			m.Text = `She said "best beans" 👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦 and we all agreed 🇺🇦🇺🇦 wholeheartedly!`
		}, "Mastodon", `[Rapport] complaint from @sam on Mastodon: "She said "best beans" 👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦 and we all agreed…"`},
		{
			"a row of emoji stays short", func(m *storage.Mention) { m.Text = strings.Repeat("👩‍👩‍👧‍👦", 50) }, "Reddit",
			`[Rapport] complaint from @sam on Reddit: "👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦…"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := sampleMention()
			tt.edit(&m)
			if got, _ := text(m, tt.source, sampleTeam[2], "", ""); got != tt.want {
				t.Errorf("subject\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestHandOffBodyCases(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		edit    func(m *storage.Mention)
		to      workspace.TeamMember
		want    []string
		wantNot []string
	}{
		{"title and text, line breaks normalised", func(m *storage.Mention) {
			m.Title, m.Text = "Late order", "First line\r\n\r\n\r\n\r\nSecond line\rThird\u2028Fourth"
		}, sampleTeam[2], []string{"> Late order\n>\n> First line\n>\n> Second line\n> Third\n> Fourth\n"}, []string{"\r"}},
		{"no text", func(m *storage.Mention) { m.Text = "" }, sampleTeam[2], []string{"(The mention has no text.)"}, []string{"> "}},
		{"not analysed", func(m *storage.Mention) {
			m.Analysis = storage.Analysis{Reason: "not English"}
		}, sampleTeam[2], []string{"- Sentiment: not analysed (not English)\n"}, []string{"Intents:", "Priority:"}},
		{
			"no name, no sender, no brand, no watch rules", func(*storage.Mention) {},
			workspace.TeamMember{Email: "x@y.z"},
			[]string{"Hi,\n", "Rapport found this mention:\n", "Thanks,\n"},
			[]string{"Watch rules", "Dana"},
		},
		{
			"no author", func(m *storage.Mention) { m.Author, m.AuthorURL = "", "" }, sampleTeam[2],
			[]string{"Who: someone (no name given)\n"},
			nil,
		},
		{
			"control characters dropped", func(m *storage.Mention) { m.Text = "bell\a here\x00" }, sampleTeam[2],
			[]string{"> bell here\n"},
			[]string{"\a", "\x00"},
		},
		{
			"micro-moments in words", func(m *storage.Mention) { m.Analysis.Intents = []string{"buy", "go"} }, sampleTeam[2],
			[]string{"- Intents: want-to-buy moment, want-to-go moment\n"},
			nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := sampleMention()
			tt.edit(&m)
			_, body := text(m, "Reddit", tt.to, "", "")
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("body lacks %q:\n%s", w, body)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(body, w) {
					t.Errorf("body has %q:\n%s", w, body)
				}
			}
		})
	}
}

func TestHandOffLongTextTrimmed(t *testing.T) {
	t.Parallel()
	m := sampleMention()
	m.Text = strings.Repeat("The beans arrived stale 😞 again. ", 100) // 3,300 characters
	_, body := text(m, "Reddit", sampleTeam[2], "Dana", "")
	quoted := quotedLines(body)
	if !strings.HasSuffix(quoted, "…") {
		t.Fatalf("long text not marked as cut: …%q", quoted[len(quoted)-40:])
	}
	n := utf8.RuneCountInString(quoted)
	if n > MaxQuote+1 || n < MaxQuote-20 {
		t.Errorf("quoted %d characters, want about %d", n, MaxQuote)
	}
	if !strings.HasPrefix(m.Text, strings.TrimSuffix(quoted, "…")) {
		t.Error("the quote is not the start of the text")
	}
	if !strings.Contains(body, "\nLink: "+m.Link+"\n") {
		t.Error("link missing")
	}
}

// quotedLines returns the "> " lines of body joined, without the marks.
func quotedLines(body string) string {
	var out []string
	for l := range strings.SplitSeq(body, "\n") {
		if l == ">" || strings.HasPrefix(l, "> ") {
			out = append(out, strings.TrimPrefix(strings.TrimPrefix(l, ">"), " "))
		}
	}
	return strings.Join(out, "\n")
}

// decodeMailto splits a mailto: link into its address, subject and body,
// checking it is plain ASCII with nothing left unescaped.
func decodeMailto(t *testing.T, link string) (to, subject, body string) {
	t.Helper()
	for i := 0; i < len(link); i++ {
		c := link[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"'<>\^`+"`{|}+ ", c) >= 0 {
			t.Fatalf("mailto has a raw %q at %d", c, i)
		}
	}
	u, err := url.Parse(link)
	if err != nil || u.Scheme != "mailto" {
		t.Fatalf("not a mailto link: %v", err)
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		t.Fatalf("query: %v", err)
	}
	return u.Opaque, q.Get("subject"), q.Get("body")
}

func TestHandOffMailto(t *testing.T) {
	t.Parallel()
	m := sampleMention()
	m.Title = `"Worst" order & 100% stale ☕️ #fail?`
	m.Text = "Line one 👩‍👩‍👧‍👦\nLine two: a+b=c; x<y>"
	link := HandOff(m, "Reddit", sampleTeam[2], "Dana Reyes", "Ember & Oak")
	to, subject, body := decodeMailto(t, link)
	wantSubject, wantBody := HandOffText(m, "Reddit", sampleTeam[2], "Dana Reyes", "Ember & Oak")
	if to != "kim@emberandoak.coffee" {
		t.Errorf("to %q", to)
	}
	if subject != wantSubject {
		t.Errorf("subject %q, want %q", subject, wantSubject)
	}
	if body != strings.ReplaceAll(wantBody, "\n", "\r\n") {
		t.Errorf("body does not round-trip:\n%q\nwant\n%q", body, wantBody)
	}
	for _, enc := range []string{"%22Worst%22", "%26", "100%25", "%23fail%3F", "%E2%98%95%EF%B8%8F", "%F0%9F%91%A9%E2%80%8D", "%0D%0A%3E%20Line%20two", "a%2Bb%3Dc%3B"} {
		if !strings.Contains(link, enc) {
			t.Errorf("link lacks %s", enc)
		}
	}
}

func TestHandOffMailtoNoEmail(t *testing.T) {
	t.Parallel()
	link := HandOff(sampleMention(), "Reddit", workspace.TeamMember{Name: "Kim Park"}, "Dana", "")
	if !strings.HasPrefix(link, "mailto:?subject=") {
		t.Errorf("link %q", link[:30])
	}
}

func TestHandOffMailtoLongTextFits(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, text string }{
		{"ascii", strings.Repeat("The beans arrived stale again and nobody answered my emails. ", 40)},
		{"emoji", strings.Repeat("😞👩‍👩‍👧‍👦 ", 400)},
		{"japanese", strings.Repeat("注文した豆が届きません。", 200)},
		{"one long word", strings.Repeat("a", 5000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := sampleMention()
			m.Text = tt.text
			link := HandOff(m, "Reddit", sampleTeam[2], "Dana Reyes", "Ember & Oak")
			if len(link) > MaxMailto {
				t.Fatalf("link is %d bytes, over %d", len(link), MaxMailto)
			}
			_, _, body := decodeMailto(t, link)
			if !utf8.ValidString(body) {
				t.Fatal("body cut inside a character")
			}
			quoted := quotedLines(strings.ReplaceAll(body, "\r\n", "\n"))
			if quoted == "" || !strings.HasSuffix(quoted, "…") || !strings.HasPrefix(tt.text, strings.TrimSuffix(quoted, "…")) {
				t.Errorf("quote %q is not a cut start of the text", quoted)
			}
			for _, w := range []string{"Shortened to fit an email link", "Link: " + m.Link, "Could you take this one?", "Dana Reyes"} {
				if !strings.Contains(body, w) {
					t.Errorf("body lacks %q", w)
				}
			}
			// and nearly all the room is used
			if len(link) < MaxMailto-150 {
				t.Errorf("link is only %d bytes", len(link))
			}
		})
	}
}

func TestHandOffMailtoNoRoomForQuote(t *testing.T) {
	t.Parallel()
	m := sampleMention()
	m.Text = strings.Repeat("word ", 500)
	m.Analysis.Why = strings.Repeat("reason · ", 300) // leaves no room at all
	_, _, body := decodeMailto(t, HandOff(m, "Reddit", sampleTeam[2], "Dana", ""))
	if !strings.Contains(body, "(Too long for an email link: read it at the link below.)") || strings.Contains(body, "\r\n> ") {
		t.Errorf("body:\n%s", body)
	}
}

func FuzzHandOff(f *testing.F) {
	f.Add("Late again", "Why does my order take three weeks?\n\nSeriously.", "@sam", 40)
	f.Add("", strings.Repeat("😞 \r\n", 700), "", 0)
	f.Add("\"q\" & %", "a\x00b\u2028c", "@x@y.z", 1500)
	f.Fuzz(func(t *testing.T, title, body, author string, n int) {
		if !utf8.ValidString(title) || !utf8.ValidString(body) || !utf8.ValidString(author) {
			t.Skip()
		}
		m := sampleMention()
		m.Title, m.Text, m.Author = title, body, author
		link := HandOff(m, "Reddit", sampleTeam[2], "Dana", "Ember & Oak")
		_, subject, got := decodeMailto(t, link)
		if strings.ContainsAny(subject, "\r\n") {
			t.Fatalf("subject has a line break: %q", subject)
		}
		if !utf8.ValidString(got) || !strings.Contains(got, "Link: "+m.Link) {
			t.Fatalf("body broken: %q", got)
		}
		if len(link) > MaxMailto && strings.Contains(got, "\r\n> ") && len(author) < 100 {
			t.Fatalf("link is %d bytes though the quote could shrink", len(link))
		}
		q := newQuote(clean(body))
		if s := q.cut(n); n > 0 && q.len() > 0 && !utf8.ValidString(s) {
			t.Fatalf("cut(%d) broke a character", n)
		}
	})
}
