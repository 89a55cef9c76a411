package feed

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/rapportapp/rapport/app/shared/human"
)

// DefaultMaxBytes caps a feed read from a file or a response body.
const DefaultMaxBytes = 20 << 20

// MaxEntries bounds how many entries one feed may yield; real feeds carry
// tens to a few hundred. A longer feed keeps its first MaxEntries and says
// so (Feed.Total, Feed.CutWarning).
const MaxEntries = 5000

// ErrNotFeed reports input that is not RSS, Atom or JSON Feed.
var ErrNotFeed = errors.New("this is not an RSS, Atom or JSON feed")

// ErrTooLarge reports input over the size cap.
var ErrTooLarge = errors.New("the feed is too large")

// Options tune Parse.
type Options struct {
	// Kind names the service the feed comes from (reddit, mastodon, …);
	// it decides how authors are read. Empty means "guess from links".
	Kind string
	// MaxBytes caps the input (default DefaultMaxBytes).
	MaxBytes int64
	// Now is the time of fetching (default time.Now); entries dated more
	// than a day after it are treated as undated.
	Now time.Time
	// ContentType is the HTTP Content-Type the feed was served with, if
	// any; its charset decides the encoding unless the bytes start with a
	// byte order mark.
	ContentType string
}

// Feed is a parsed feed.
type Feed struct {
	Title   string
	Link    string
	Lang    string
	Type    string // rss, atom or json
	Entries []Entry
	// Total is how many items the feed had; more than len(Entries) when
	// it had more than MaxEntries.
	Total int
}

// CutWarning says, for the source's health, that the feed had more items
// than Rapport reads; "" when it did not.
func (f *Feed) CutWarning() string {
	if f.Total <= MaxEntries {
		return ""
	}
	return fmt.Sprintf("read the first %s of the feed's %s items (Rapport reads at most %s per check)",
		human.Int(MaxEntries), human.Int(f.Total), human.Int(MaxEntries))
}

// Entry is one item of a feed, normalised.
type Entry struct {
	GUID      string
	Link      string
	Title     string
	Text      string // plain text
	Author    string // display name
	Handle    string // the author's handle on Platform, for matching people
	AuthorURL string
	Platform  string
	Published time.Time // zero when the feed gave no believable date
	Lang      string
	Reach     int // views or followers where the feed tells
	Keys      [][]byte
}

// Parse reads one feed from r: RSS, Atom or JSON Feed, in any encoding
// (see prepare), forgiving what real feeds get wrong (see xmlCleaner and
// readJSON), with bounded memory: at most MaxBytes are read, and a piece of
// text costs at most what maxContentBytes allows.
func Parse(r io.Reader, opt Options) (f *Feed, err error) {
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = DefaultMaxBytes
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	lr := &capReader{r: r, left: opt.MaxBytes}
	defer func() {
		// gofeed has panicked on hostile input in the past; one bad feed
		// must not take the app down.
		if p := recover(); p != nil {
			f, err = nil, fmt.Errorf("%w (the parser failed: %v)", ErrNotFeed, p)
		}
	}()
	in, err := prepare(lr, opt.ContentType, opt.MaxBytes)
	if err != nil {
		return nil, err
	}
	gf, plain, err := in.parse()
	if lr.over || in.over() {
		return nil, fmt.Errorf("%w: more than %d MB", ErrTooLarge, opt.MaxBytes>>20)
	}
	switch {
	case errors.Is(err, gofeed.ErrFeedTypeNotDetected):
		return nil, ErrNotFeed
	case errors.Is(err, ErrNotFeed):
		return nil, err
	case err != nil:
		return nil, fmt.Errorf("%w: %v", ErrNotFeed, err)
	}
	return convert(gf, plain, opt), nil
}

// convert turns gofeed's feed into ours; plain[i] is set when item i's
// content is plain text (a JSON Feed's content_text), not HTML.
func convert(gf *gofeed.Feed, plain []bool, opt Options) *Feed {
	f := &Feed{Title: cutTitle(clean(gf.Title)), Link: gf.Link, Lang: strings.ToLower(gf.Language), Type: gf.FeedType}
	items := gf.Items
	f.Total = len(items)
	if len(items) > MaxEntries {
		items = items[:MaxEntries]
	}
	for i, it := range items {
		if it == nil {
			continue
		}
		e := convertItem(it, i < len(plain) && plain[i], opt)
		if e.Lang == "" {
			e.Lang = f.Lang
		}
		e.Keys = identityKeys(&e)
		f.Entries = append(f.Entries, e)
	}
	return f
}

func convertItem(it *gofeed.Item, plain bool, opt Options) Entry {
	e := Entry{
		GUID:  strings.TrimSpace(it.GUID),
		Link:  unwrapRedirect(strings.TrimSpace(it.Link)),
		Title: cutTitle(clean(HTMLToText(it.Title))),
	}
	body := it.Content
	if strings.TrimSpace(body) == "" {
		body = it.Description
	}
	text, cut := htmlToText(body)
	if plain {
		text, cut = plainText(body)
	}
	if text == "" {
		text = mediaDescription(it) // plain text, cut by cutText
	}
	e.Platform = platformOf(opt.Kind, e.Link)
	e.Text = cutText(trimBoilerplate(e.Platform, text), cut)
	e.Title = trimTitle(e.Platform, e.Title)
	e.Published = believableDate(it, opt.Now)
	setAuthor(&e, it)
	e.Reach = reachOf(it)
	return e
}

// believableDate picks the published (else updated) date, and drops one
// that lies more than a day in the future or before feeds existed.
func believableDate(it *gofeed.Item, now time.Time) time.Time {
	var t time.Time
	switch {
	case it.PublishedParsed != nil:
		t = *it.PublishedParsed
	case it.UpdatedParsed != nil:
		t = *it.UpdatedParsed
	default:
		if p, ok := parseOddDate(it.Published); ok {
			t = p
		}
	}
	if t.IsZero() || t.After(now.Add(24*time.Hour)) || t.Year() < 1995 {
		return time.Time{}
	}
	return t.UTC()
}

// parseOddDate reads a few date shapes seen in the wild that gofeed misses.
func parseOddDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"Mon, 2 Jan 2006 15:04:05 -0700", "2 Jan 2006 15:04 -0700", "2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// newParser is gofeed's parser without the scan of each RSS item's HTML
// for a first <img> (a full HTML parse per item, gofeed's own option for
// large feeds): Rapport shows no item images, and a hostile description
// should cost as little as possible.
func newParser() *gofeed.Parser {
	p := gofeed.NewParser()
	p.RSSTranslator = &gofeed.DefaultRSSTranslator{DisableContentImageScan: true}
	return p
}

// capReader reads at most left bytes and records whether the input had
// more.
type capReader struct {
	r    io.Reader
	left int64
	over bool
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		var one [1]byte
		if n, _ := c.r.Read(one[:]); n > 0 {
			c.over = true
		}
		return 0, io.EOF
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}
