package fetch

import (
	"net/url"
	"strings"
)

// CommonFeedPaths are the addresses, relative to a site's root, where feeds
// usually live (WordPress, Ghost, Hugo, Jekyll, Blogger, Substack, …), most
// likely first. Discover probes them when a page links to no feed.
func CommonFeedPaths() []string {
	return []string{
		"/feed", "/rss", "/feed.xml", "/rss.xml", "/atom.xml", "/index.xml",
		"/feed.json", "/atom", "/index.rss", "/feeds/posts/default", "/blog/feed",
		"/comments/feed",
	}
}

// feedSuffixes are path endings that name a feed by themselves.
var feedSuffixes = []struct{ suffix, kind string }{
	{".rss", "rss"},
	{"/rss.xml", "rss"},
	{"/rss", "rss"},
	{"/rss2", "rss"},
	{".atom", "atom"},
	{"/atom.xml", "atom"},
	{"/atom", "atom"},
	{".rdf", "rdf"},
	{"/feed.json", "json"},
	{"/feed", ""},
	{"/feed.xml", ""},
	{"/index.xml", ""},
	{"/feeds/posts/default", "atom"},
}

// feedLikeURL reports whether an <a> address obviously names a feed, and
// which kind when the address tells.
func feedLikeURL(u *url.URL) (kind string, ok bool) {
	host := strings.ToLower(u.Hostname())
	if host == "feeds.feedburner.com" || host == "feeds2.feedburner.com" {
		return "", true
	}
	path := strings.TrimSuffix(strings.ToLower(u.Path), "/")
	for _, s := range feedSuffixes {
		if strings.HasSuffix(path, s.suffix) {
			return s.kind, true
		}
	}
	q := u.Query() // WordPress ?feed=rss2, Joomla ?format=feed&type=rss
	switch feed := strings.ToLower(q.Get("feed")); {
	case strings.HasPrefix(feed, "rss"):
		return "rss", true
	case strings.HasPrefix(feed, "atom"):
		return "atom", true
	}
	if strings.EqualFold(q.Get("format"), "feed") {
		if t := strings.ToLower(q.Get("type")); t == "rss" || t == "atom" {
			return t, true
		}
		return "", true
	}
	return "", false
}
