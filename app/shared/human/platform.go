package human

import "strings"

// platformNames spells the services Rapport listens to (a source's kind, a
// mention's platform) as people write them.
var platformNames = map[string]string{
	"reddit": "Reddit", "hackernews": "Hacker News", "mastodon": "Mastodon", "bluesky": "Bluesky",
	"youtube": "YouTube", "stackexchange": "Stack Exchange", "x": "X", "twitter": "X", "linkedin": "LinkedIn",
	"googlenews": "Google News", "googlealerts": "Google Alerts", "blog": "Blog", "web": "Web page",
	"jsonfeed": "JSON Feed", "rss": "RSS feed", "atom": "Atom feed", "rdf": "RSS feed", "news": "News",
}

// Platform names a service for people: "hackernews" → "Hacker News",
// "jsonfeed" → "JSON Feed"; an id it does not know is capitalised.
func Platform(id string) string {
	id = strings.ToLower(strings.TrimSpace(id))
	if name, ok := platformNames[id]; ok {
		return name
	}
	if id == "" {
		return ""
	}
	return strings.ToUpper(id[:1]) + id[1:]
}
