package routing

import (
	"strconv"
	"strings"
	"time"

	"github.com/rapportapp/rapport/app/interacting/compose"
	"github.com/rapportapp/rapport/app/shared/human"
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/storage"
)

// Limits of a hand-off email.
const (
	// MaxQuote is how much of the mention an email quotes, in characters
	// as people count them (grapheme clusters); longer text ends in "…"
	// and the link has the rest.
	MaxQuote = 1500
	// MaxMailto is the longest mailto: link HandOff builds, in bytes.
	// Mail programs on Windows are reported to refuse or cut links longer
	// than about 2,000 characters (Outlook near 2,046), so links are kept
	// under that everywhere, by quoting less: percent-encoding makes one
	// character take 3 to 12 bytes, or far more for a family emoji.
	MaxMailto = 2000
	// A subject quotes up to this many characters of the headline, and
	// no more bytes than this: a row of emoji must not fill the link.
	maxSubjectQuote, maxSubjectBytes = 50, 120
	// Names in a subject are kept to this many characters and bytes.
	maxName, maxNameBytes = 40, 80
)

// The polite ask every hand-off makes.
const ask = "Could you take this one? Reply to them within the day if you can."

// HandOff builds a mailto: link that opens an email to the team member to
// with the mention filled in (see HandOffText). sourceName is where it was
// found ("Reddit"; "" uses the platform), from signs the email, brand is
// the business's name, and watchRules name the watch rules that matched.
// The link stays within MaxMailto by quoting less of the mention; the
// email then says the rest is at the mention's link. Escaping follows RFC
// 6068 (compose.MailtoURL). A member without an email address gives a
// link with no recipient, which mail programs let the user fill in.
func HandOff(m storage.Mention, sourceName string, to workspace.TeamMember, from, brand string, watchRules ...string) (mailto string) {
	h := handoff{m: &m, where: place(&m, sourceName), to: to, from: from, brand: brand, watch: watchRules, loc: time.Local}
	return h.mailto(MaxMailto)
}

// HandOffText is the subject and body of HandOff's email, quoting up to
// MaxQuote characters of the mention: for copying into any program, and
// for tests. Times are in the computer's time zone.
//
// The body greets the member, makes a short polite ask, says who wrote
// the mention, where and when, quotes it, gives its link and what Rapport
// read (sentiment, intents, touch points, priority and why, watch rules),
// and is signed by from.
func HandOffText(m storage.Mention, sourceName string, to workspace.TeamMember, from, brand string, watchRules ...string) (subject, body string) {
	h := handoff{m: &m, where: place(&m, sourceName), to: to, from: from, brand: brand, watch: watchRules, loc: time.Local}
	q := newQuote(h.quoted())
	return h.subject(), h.body(q, MaxQuote, false)
}

// handoff is one hand-off email being written.
type handoff struct {
	m           *storage.Mention
	where       string
	to          workspace.TeamMember
	from, brand string
	watch       []string
	loc         *time.Location
}

// place is where the mention was found, as people name it.
func place(m *storage.Mention, sourceName string) string {
	if s := oneLine(sourceName); s != "" {
		return s
	}
	switch p := strings.ToLower(oneLine(m.Platform)); p {
	case "web":
		return "the web"
	case "blog":
		return "a blog"
	default:
		return human.Platform(p)
	}
}

// mailto builds the link, quoting as much of the mention as fits in
// limit bytes (all of MaxQuote when it fits).
func (h handoff) mailto(limit int) string {
	subject, q := h.subject(), newQuote(h.quoted())
	build := func(n int) string {
		return compose.MailtoURL(h.to.Email, subject, h.body(q, n, n < min(MaxQuote, q.len())))
	}
	if u := build(MaxQuote); len(u) <= limit {
		return u
	}
	// The longest quote that fits: links grow with the quote, so search.
	lo, hi := 0, min(MaxQuote, q.len()) // build(lo) is the fallback; build(hi) is too long
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if len(build(mid)) <= limit {
			lo = mid
		} else {
			hi = mid
		}
	}
	return build(lo)
}

// subject is "[Rapport] complaint from @sam on Reddit: "Why does my…"".
func (h handoff) subject() string {
	var b strings.Builder
	b.WriteString("[Rapport] " + h.kind())
	if a := short(oneLine(h.m.Author), maxName, maxNameBytes); a != "" {
		b.WriteString(" from " + a)
	}
	if h.where != "" {
		b.WriteString(" on " + short(h.where, maxName, maxNameBytes))
	}
	if hl := short(oneLine(h.m.Headline()), maxSubjectQuote, maxSubjectBytes); hl != "" {
		b.WriteString(`: "` + hl + `"`)
	}
	return b.String()
}

// urgency orders intents for the subject: what needs a person first.
var urgency = []string{"complaint", "churn", "question", "purchase", "buy", "referral", "praise", "know", "go", "do"}

// kind names the mention by its most pressing intent.
func (h handoff) kind() string {
	for _, u := range urgency {
		for _, in := range h.m.Analysis.Intents {
			if strings.EqualFold(in, u) {
				return intentSingular(u)
			}
		}
	}
	return "mention"
}

// quoted is the mention's title and text, cleaned for an email.
func (h handoff) quoted() string {
	title, text := clean(h.m.Title), clean(h.m.Text)
	switch {
	case title == "" || strings.HasPrefix(text, title):
		return text
	case text == "":
		return title
	}
	return title + "\n\n" + text
}

// body writes the email, quoting n characters of q; short says the quote
// was shortened to fit a link rather than for length.
func (h handoff) body(q quote, n int, short bool) string {
	var b strings.Builder
	line := func(s ...string) {
		for _, p := range s {
			b.WriteString(p)
		}
		b.WriteByte('\n')
	}
	greet := "Hi,"
	if first, _, _ := strings.Cut(strings.TrimSpace(h.to.Name), " "); first != "" {
		greet = "Hi " + first + ","
	}
	line(greet)
	line()
	line(ask)
	line()
	if brand := oneLine(h.brand); brand != "" {
		line("Rapport found this mention of ", brand, ":")
	} else {
		line("Rapport found this mention:")
	}
	line()
	h.writeFacts(line)
	line()
	h.writeQuote(line, q, n, short)
	line()
	if link := oneLine(h.m.Link); link != "" {
		line("Link: ", link)
		line()
	}
	h.writeReading(line)
	line("Thanks,")
	if from := oneLine(h.from); from != "" {
		line(from)
	}
	return b.String()
}

// writeFacts writes who said it, where and when.
func (h handoff) writeFacts(line func(...string)) {
	who := oneLine(h.m.Author)
	if who == "" {
		who = "someone (no name given)"
	}
	if u := oneLine(h.m.AuthorURL); u != "" {
		who += " (" + u + ")"
	}
	line("Who: ", who)
	if h.where != "" {
		line("Where: ", h.where)
	}
	if t := h.m.Time(); !t.IsZero() {
		line("When: ", t.In(h.loc).Format("Mon 2 Jan 2006 at 15:04 MST"))
	}
}

// writeQuote quotes n characters of q, mail style ("> ").
func (h handoff) writeQuote(line func(...string), q quote, n int, short bool) {
	text := q.cut(n)
	if strings.TrimSpace(strings.TrimSuffix(text, "…")) == "" {
		text = ""
	}
	switch {
	case q.len() == 0:
		line("(The mention has no text.)")
		return
	case text == "":
		line("(Too long for an email link: read it at the link below.)")
		return
	}
	for l := range strings.SplitSeq(text, "\n") {
		if l = strings.TrimRight(l, " \t"); l == "" {
			line(">")
		} else {
			line("> ", l)
		}
	}
	if short && h.m.Link != "" {
		line()
		line("(Shortened to fit an email link: the rest is at the link below.)")
	}
}

// writeReading lists what Rapport read in the mention.
func (h handoff) writeReading(line func(...string)) {
	a := &h.m.Analysis
	line("What Rapport read:")
	switch {
	case a.Analysed && a.Polarity != "":
		line("- Sentiment: ", a.Polarity, " (", strconv.FormatFloat(a.Sentiment, 'f', 2, 64), ")")
	case a.Reason != "":
		line("- Sentiment: not analysed (", oneLine(a.Reason), ")")
	default:
		line("- Sentiment: not analysed")
	}
	if len(a.Intents) > 0 {
		line("- Intents: ", joinWith(a.Intents, intentSingular))
	}
	if len(a.TouchPoints) > 0 {
		line("- Touch points: ", joinWith(a.TouchPoints, oneLine))
	}
	switch a.Promise {
	case "at odds":
		line("- Our promise: this goes against it")
	case "in line":
		line("- Our promise: this is in line with it")
	}
	if a.Priority > 0 || a.Why != "" {
		p := "- Priority: " + strconv.FormatFloat(a.Priority, 'f', -1, 64) + " of 100"
		if why := oneLine(a.Why); why != "" {
			p += " (" + why + ")"
		}
		line(p)
	}
	if len(h.watch) > 0 {
		if w := joinWith(h.watch, oneLine); w != "" {
			line("- Watch rules: ", w)
		}
	}
	line()
}

// joinWith joins the non-empty words of items with ", ".
func joinWith(items []string, word func(string) string) string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		if w := word(it); w != "" {
			out = append(out, w)
		}
	}
	return strings.Join(out, ", ")
}
