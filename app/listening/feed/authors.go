package feed

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/mmcdole/gofeed"
	ext "github.com/mmcdole/gofeed/extensions"
)

// platformOf names the platform of an entry: the source's kind when known,
// else a guess from the link's host.
func platformOf(kind, link string) string {
	if kind != "" {
		return kind
	}
	u, err := url.Parse(link)
	if err != nil {
		return "web"
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	switch {
	case host == "reddit.com" || strings.HasSuffix(host, ".reddit.com"):
		return "reddit"
	case host == "news.ycombinator.com":
		return "hackernews"
	case host == "bsky.app":
		return "bluesky"
	case host == "youtube.com" || host == "youtu.be" || host == "m.youtube.com":
		return "youtube"
	case strings.HasSuffix(host, "stackexchange.com") || host == "stackoverflow.com":
		return "stackexchange"
	case strings.HasPrefix(u.Path, "/@"):
		return "mastodon"
	}
	return "web"
}

// setAuthor fills Author, Handle and AuthorURL the way each platform names
// people (assets/sample/README.md shows each format).
func setAuthor(e *Entry, it *gofeed.Item) {
	name, uri := authorOf(it)
	e.Author, e.AuthorURL = name, uri
	switch e.Platform {
	case "reddit":
		e.Handle = strings.TrimPrefix(strings.TrimPrefix(name, "/"), "u/")
		if e.Handle != "" {
			e.Author = "u/" + e.Handle
		}
	case "mastodon":
		if h := mastodonHandle(e.Link); h != "" {
			e.Handle = h
			if e.Author == "" {
				e.Author = h
			}
		}
	case "bluesky":
		if h := blueskyHandle(e.Link); h != "" {
			e.Handle = h
			if e.Author == "" {
				e.Author = h
			}
		}
	case "googlenews":
		if e.Author == "" {
			e.Author = publisherOf(it)
		}
		e.Handle = e.Author
	case "googlealerts":
		if e.Author == "" {
			e.Author = hostOf(e.Link)
		}
		e.Handle = e.Author
	default:
		e.Handle = name
	}
	e.Handle = strings.TrimSpace(e.Handle)
}

func authorOf(it *gofeed.Item) (name, uri string) {
	for _, p := range it.Authors {
		if p != nil && strings.TrimSpace(p.Name) != "" {
			return clean(p.Name), authorURI(it)
		}
	}
	if dc := it.DublinCoreExt; dc != nil && len(dc.Creator) > 0 {
		return clean(dc.Creator[0]), ""
	}
	return "", authorURI(it)
}

// authorURI reads the Atom <author><uri>, which gofeed keeps only in the
// extensions of some formats.
func authorURI(it *gofeed.Item) string {
	if a, ok := it.Extensions["atom"]["author"]; ok && len(a) > 0 {
		if u := a[0].Children["uri"]; len(u) > 0 {
			return u[0].Value
		}
	}
	return ""
}

// mastodonHandle reads @user@instance from https://instance/@user/123.
func mastodonHandle(link string) string {
	u, err := url.Parse(link)
	if err != nil || !strings.HasPrefix(u.Path, "/@") {
		return ""
	}
	user := strings.SplitN(strings.TrimPrefix(u.Path, "/@"), "/", 2)[0]
	if user == "" {
		return ""
	}
	return "@" + user + "@" + strings.ToLower(u.Hostname())
}

// blueskyHandle reads the handle from https://bsky.app/profile/HANDLE/post/ID.
func blueskyHandle(link string) string {
	u, err := url.Parse(link)
	if err != nil || !strings.HasPrefix(u.Path, "/profile/") {
		return ""
	}
	return strings.SplitN(strings.TrimPrefix(u.Path, "/profile/"), "/", 2)[0]
}

// publisherOf reads the publisher of a Google News item: the <source>
// element, else the " - Publisher" end of the title.
func publisherOf(it *gofeed.Item) string {
	if s, ok := it.Extensions["rss"]["source"]; ok && len(s) > 0 {
		return clean(s[0].Value)
	}
	if i := strings.LastIndex(it.Title, " - "); i > 0 {
		return clean(it.Title[i+3:])
	}
	return ""
}

func hostOf(link string) string {
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// unwrapRedirect returns the target of a Google redirect link
// (https://www.google.com/url?...&url=TARGET), which Google Alerts uses for
// every entry, so that the alert and the page itself de-duplicate.
func unwrapRedirect(link string) string {
	u, err := url.Parse(link)
	if err != nil || !strings.HasSuffix(u.Hostname(), "google.com") || u.Path != "/url" {
		return link
	}
	for _, k := range []string{"url", "q"} {
		if t := u.Query().Get(k); strings.HasPrefix(t, "http://") || strings.HasPrefix(t, "https://") {
			return t
		}
	}
	return link
}

// reachOf reads views from YouTube's media:statistics.
func reachOf(it *gofeed.Item) int {
	for _, g := range it.Extensions["media"]["group"] {
		for _, c := range g.Children["community"] {
			if n := statViews(c.Children["statistics"]); n > 0 {
				return n
			}
		}
	}
	return 0
}

func statViews(stats []ext.Extension) int {
	for _, s := range stats {
		if n, err := strconv.Atoi(s.Attrs["views"]); err == nil {
			return n
		}
	}
	return 0
}

// mediaDescription reads media:group/media:description, where YouTube puts
// a video's text.
func mediaDescription(it *gofeed.Item) string {
	for _, g := range it.Extensions["media"]["group"] {
		for _, d := range g.Children["description"] {
			return tidy(d.Value)
		}
	}
	return ""
}
