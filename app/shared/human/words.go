package human

import "strings"

// Count writes n with its noun in the right number: "1 person",
// "2 people", "0 sources", "1,204 mentions". many is the plural.
func Count(n int, one, many string) string {
	if n == 1 || n == -1 {
		return Int(n) + " " + one
	}
	return Int(n) + " " + many
}

// Were is "1 was" or "2 were", for sentences like "1 was already
// watched".
func Were(n int) string {
	if n == 1 {
		return "1 was"
	}
	return Int(n) + " were"
}

// platforms names the kinds of source and the platforms of handles as
// their owners write them.
var platforms = map[string]string{
	"reddit": "Reddit", "hackernews": "Hacker News", "mastodon": "Mastodon", "bluesky": "Bluesky",
	"youtube": "YouTube", "stackexchange": "Stack Exchange", "googlenews": "Google News",
	"googlealerts": "Google Alerts", "jsonfeed": "JSON Feed", "rss": "RSS", "atom": "Atom",
	"blog": "Blog", "web": "Web", "news": "News", "email": "Email", "phone": "Phone", "in person": "in person",
	"twitter": "Twitter", "x": "X", "instagram": "Instagram", "facebook": "Facebook",
	"linkedin": "LinkedIn", "tiktok": "TikTok", "github": "GitHub", "threads": "Threads",
}

// Platform names a source kind or a handle's platform as people read it:
// "jsonfeed" is "JSON Feed", "hackernews" "Hacker News". A kind it does
// not know is shown with a capital letter ("lemmy" → "Lemmy"); "" stays "".
func Platform(kind string) string {
	k := strings.ToLower(strings.TrimSpace(kind))
	if name, ok := platforms[k]; ok {
		return name
	}
	if k == "" {
		return ""
	}
	return strings.ToUpper(k[:1]) + k[1:]
}

// Platforms names several, joined with ", ".
func Platforms(kinds []string) string {
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = Platform(k)
	}
	return strings.Join(names, ", ")
}
