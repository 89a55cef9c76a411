package compose

import (
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Platform IDs. They match the platform names package feed gives mentions.
const (
	PlatformX               = "x"
	PlatformMastodon        = "mastodon"
	PlatformBluesky         = "bluesky"
	PlatformLinkedIn        = "linkedin"
	PlatformLinkedInComment = "linkedin-comment"
	PlatformReddit          = "reddit"
	PlatformEmail           = "email"
	PlatformYouTube         = "youtube"
	PlatformHackerNews      = "hackernews"
	PlatformStackExchange   = "stackexchange"
	PlatformBlog            = "blog"
)

// Count states, for the counter's colour.
const (
	StateOK   = "ok"
	StateNear = "near" // Used ≥ Warn: amber, before the limit is reached
	StateOver = "over" // Used > Limit: red, the platform will refuse the post
)

// Platform is a preset for the composer: its limit and when the counter
// should start warning.
type Platform struct {
	ID, Name string
	// Limit is the most the platform accepts, in its own unit; 0 means none.
	Limit int
	// Warn is the count at which the counter turns amber: the last 10% of
	// the limit but at least the last 20, so there is room to react
	// before the limit rather than after. 0 when there is no limit.
	Warn int
	// Unit names what is counted, for a tooltip ("characters, links count 23").
	Unit string
}

// Length is a draft's length on one platform. (The brief called this type
// Count; Go cannot have a type and a function of the same name, and the
// function reads better at call sites: compose.Count("x", draft).)
type Length struct {
	Used  int // in the platform's unit, never negative
	Limit int // 0: no limit
	Left  int // Limit − Used; negative when over; 0 when there is no limit
	State string
	// Note explains a State that Used and Limit alone do not, such as
	// Bluesky's byte cap.
	Note string
}

// blueskyMaxBytes is the app.bsky.feed.post lexicon's cap on text in UTF-8
// bytes, beside its 300 graphemes. Only emoji-heavy drafts reach it first.
const blueskyMaxBytes = 3000

// How each platform counts. Every rule starts from NFC, as twitter-text
// does, so "e\u0301" is one character everywhere.
//
//   - X: twitter-text v3 (config/v3.json and its conformance tests, which
//     count_test.go replays): code points weigh 1 in Latin and the other
//     ranges in weigh.go and 2 elsewhere (CJK, most symbols); a whole emoji,
//     however many code points (ZWJ sequences, flags, skin tones, keycaps),
//     weighs 2; every link, with or without "https://", weighs 23.
//   - Mastodon: its StatusLengthValidator, which counts grapheme clusters
//     (not code points as the web composer's old `[...text].length` did),
//     with every link that has a scheme as 23 and "@user@domain" as
//     "@user". Instances may raise the 500; pass their limit to CountFor.
//   - Bluesky: grapheme clusters, the app.bsky.feed.post lexicon's
//     maxGraphemes 300, and its 3,000-byte cap. Links count at their full
//     length: the Bluesky app shortens a pasted link's visible text before
//     posting, so this count is an upper bound that never lets a post
//     through that the app would refuse.
//   - LinkedIn, Reddit, email: these publish only a number of characters;
//     we count code points, which is what Reddit's server-side check sees.
//     LinkedIn's limit for comments (1,250) is lower than for posts.
var platforms = []Platform{
	preset(PlatformX, "X (Twitter)", 280, "characters; links count 23, emoji and CJK count 2"),
	preset(PlatformMastodon, "Mastodon", 500, "characters; links count 23"),
	preset(PlatformBluesky, "Bluesky", 300, "characters as you see them (graphemes)"),
	preset(PlatformLinkedIn, "LinkedIn post", 3000, "characters"),
	preset(PlatformLinkedInComment, "LinkedIn comment", 1250, "characters"),
	preset(PlatformReddit, "Reddit comment", 10000, "characters"),
	preset(PlatformYouTube, "YouTube comment", 10000, "characters"),
	preset(PlatformHackerNews, "Hacker News comment", 0, "characters; Hacker News publishes no limit"),
	preset(PlatformStackExchange, "Stack Exchange comment", 600, "characters; at least 15, longer help belongs in an answer"),
	preset(PlatformBlog, "Blog comment", 65525, "characters; WordPress's limit, other blogs differ"),
	preset(PlatformEmail, "Email", 0, "characters"),
}

// preset fills Warn from Limit: the last 10%, but at least the last 20.
func preset(id, name string, limit int, unit string) Platform {
	p := Platform{ID: id, Name: name, Limit: limit, Unit: unit}
	if limit > 0 {
		p.Warn = limit - max(20, limit/10)
	}
	return p
}

// Platforms returns the presets in the order the composer lists them.
func Platforms() []Platform {
	out := make([]Platform, len(platforms))
	copy(out, platforms)
	return out
}

// PlatformByID returns the preset with the given ID.
func PlatformByID(id string) (Platform, bool) {
	for _, p := range platforms {
		if p.ID == id {
			return p, true
		}
	}
	return Platform{}, false
}

// Count measures text for the platform with the given ID. An unknown ID
// counts grapheme clusters with no limit.
func Count(platformID, text string) Length {
	p, ok := PlatformByID(platformID)
	if !ok {
		p = Platform{ID: platformID}
	}
	return CountFor(p, text)
}

// CountFor measures text with p's counting rule (chosen by p.ID) against
// p's Limit and Warn, so a Mastodon instance with a 1,000-character limit
// can pass its own preset.
func CountFor(p Platform, text string) Length {
	text = norm.NFC.String(text)
	var used int
	switch p.ID {
	case PlatformX:
		used = xLength(text)
	case PlatformMastodon:
		used = mastodonLength(text)
	case PlatformLinkedIn, PlatformLinkedInComment, PlatformReddit, PlatformEmail:
		used = utf8.RuneCountInString(text)
	default: // Bluesky and anything unknown: what a person sees as characters
		used = graphemeCount(text)
	}
	c := judge(used, p)
	if p.ID == PlatformBluesky && p.Limit > 0 && len(text) > blueskyMaxBytes {
		c.State = StateOver
		c.Note = "Bluesky also caps a post at 3,000 bytes; emoji take up to 30 each."
	}
	return c
}

// judge turns a length into a Length against p's limits.
func judge(used int, p Platform) Length {
	c := Length{Used: used, Limit: p.Limit, State: StateOK}
	if p.Limit <= 0 {
		c.Limit = 0
		return c
	}
	c.Left = p.Limit - used
	switch {
	case used > p.Limit:
		c.State = StateOver
	case p.Warn > 0 && used >= p.Warn:
		c.State = StateNear
	}
	return c
}
