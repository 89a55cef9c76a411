package contactio

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rapportapp/rapport/storage"
)

// platformAliases maps the names address books use for a service (in
// X-SOCIALPROFILE types, IMPP service types, X-… property names and CSV
// headers) to Rapport's platform names.
var platformAliases = map[string]string{
	"reddit": "reddit", "mastodon": "mastodon", "fediverse": "mastodon", "bluesky": "bluesky",
	"bsky": "bluesky", "youtube": "youtube", "hackernews": "hackernews", "hn": "hackernews",
	"ycombinator": "hackernews", "twitter": "twitter", "x": "twitter", "instagram": "instagram",
	"facebook": "facebook", "linkedin": "linkedin", "github": "github", "tiktok": "tiktok",
	"threads": "threads", "medium": "medium", "skype": "skype", "jabber": "xmpp", "xmpp": "xmpp",
	"aim": "aim", "icq": "icq", "msn": "msn", "yahoo": "yahoo", "ymsgr": "yahoo",
	"googletalk": "googletalk", "gtalk": "googletalk", "qq": "qq", "gadugadu": "gadugadu",
	"telegram": "telegram", "signal": "signal", "whatsapp": "whatsapp", "matrix": "matrix",
	"stackexchange": "stackexchange", "stackoverflow": "stackexchange", "blog": "blog", "web": "web",
}

// separatorDropper removes what service names put between words.
var separatorDropper = strings.NewReplacer(" ", "", "-", "", "_", "")

// platformOf maps a service name to a platform, "" when unknown.
func platformOf(name string) string {
	n := separatorDropper.Replace(strings.ToLower(strings.TrimSpace(name)))
	n = strings.TrimSuffix(n, "username")
	return platformAliases[n]
}

// isUserName says whether s is a user name of the platforms that address
// profiles by name (1 to 100 letters, digits, ".", "_" or "-"), so that
// handles such as "Theo Brews Coffee" get no address. A loop, not the
// regular expression it was: `[\p{L}\p{N}._-]{1,100}` compiled into a
// hundred copies of two Unicode tables, 20 ms at the start of every command.
func isUserName(s string) bool {
	if s == "" || !utf8.ValidString(s) || utf8.RuneCountInString(s) > 100 {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsNumber(r) && r != '.' && r != '_' && r != '-' {
			return false
		}
	}
	return true
}

// handleFromURL infers the platform and handle of a profile address:
// reddit.com/user/x → reddit "x", https://mastodon.social/@x → mastodon
// "@x@mastodon.social", bsky.app/profile/x → bluesky "x", youtube.com/@x
// → youtube "@x", news.ycombinator.com/user?id=x → hackernews "x", and so
// on; any other http(s) address → web, the address itself. It reports
// false for text that is not a web address.
func handleFromURL(raw string) (storage.Handle, bool) {
	raw = strings.TrimSpace(raw)
	s := raw
	if !strings.Contains(s, "://") && strings.Contains(s, ".") && !strings.ContainsAny(s, " @") {
		s = "https://" + s // "reddit.com/user/x" as people type it
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
		return storage.Handle{}, false
	}
	full := strings.ToLower(u.Hostname())
	host := full
	for _, p := range []string{"www.", "m.", "mobile.", "old.", "new."} {
		host = strings.TrimPrefix(host, p)
	}
	segs := strings.FieldsFunc(u.Path, func(r rune) bool { return r == '/' })
	if h, ok := knownProfile(host, segs, u.Query()); ok && h.Handle != "" {
		return h, true
	}
	if len(segs) > 0 && strings.HasPrefix(segs[0], "@") && len(segs[0]) > 1 && !strings.Contains(segs[0][1:], "@") {
		return storage.Handle{Platform: "mastodon", Handle: segs[0] + "@" + full}, true
	}
	return storage.Handle{Platform: "web", Handle: raw}, true
}

// knownProfile reads a handle from the address of a profile on a
// platform Rapport knows.
func knownProfile(host string, segs []string, q url.Values) (storage.Handle, bool) {
	seg := func(i int) string {
		if i < len(segs) {
			return segs[i]
		}
		return ""
	}
	at := func(p string) (storage.Handle, bool) { // /@name
		return storage.Handle{Platform: p, Handle: strings.TrimPrefix(seg(0), "@")}, strings.HasPrefix(seg(0), "@")
	}
	switch {
	case host == "reddit.com" || strings.HasSuffix(host, ".reddit.com"):
		return storage.Handle{Platform: "reddit", Handle: seg(1)}, seg(0) == "user" || seg(0) == "u"
	case host == "news.ycombinator.com":
		return storage.Handle{Platform: "hackernews", Handle: q.Get("id")}, seg(0) == "user"
	case host == "bsky.app":
		return storage.Handle{Platform: "bluesky", Handle: seg(1)}, seg(0) == "profile"
	case host == "youtube.com" || host == "youtu.be":
		return youtubeHandle(seg(0), seg(1))
	case host == "twitter.com" || host == "x.com":
		return storage.Handle{Platform: "twitter", Handle: seg(0)}, len(segs) > 0 && !twitterPages[seg(0)]
	case host == "instagram.com" || host == "github.com" || host == "facebook.com":
		p := strings.TrimSuffix(host, ".com")
		if p == "facebook" && seg(0) == "profile.php" {
			return storage.Handle{Platform: p, Handle: q.Get("id")}, true
		}
		return storage.Handle{Platform: p, Handle: seg(0)}, len(segs) == 1
	case host == "linkedin.com":
		return storage.Handle{Platform: "linkedin", Handle: seg(1)}, seg(0) == "in"
	case host == "tiktok.com" || host == "medium.com":
		return at(strings.TrimSuffix(host, ".com"))
	case host == "threads.net" || host == "threads.com":
		return at("threads")
	}
	return storage.Handle{}, false
}

// twitterPages are x.com paths that are not profiles.
var twitterPages = map[string]bool{"home": true, "i": true, "intent": true, "share": true, "search": true, "hashtag": true}

func youtubeHandle(s0, s1 string) (storage.Handle, bool) {
	switch {
	case strings.HasPrefix(s0, "@") && len(s0) > 1:
		return storage.Handle{Platform: "youtube", Handle: s0}, true
	case s0 == "channel" || s0 == "c" || s0 == "user":
		return storage.Handle{Platform: "youtube", Handle: s1}, true
	}
	return storage.Handle{}, false
}

// canonicalHandle writes a handle the way Rapport's feeds do
// (assets/sample/README.md): Reddit without "u/", Mastodon as
// "@user@instance", Bluesky, Twitter and the like without "@".
func canonicalHandle(h storage.Handle) storage.Handle {
	s := strings.TrimSpace(h.Handle)
	switch h.Platform {
	case "reddit":
		s = strings.TrimPrefix(strings.TrimPrefix(s, "/"), "u/")
	case "mastodon":
		if strings.Count(s, "@") == 1 && !strings.HasPrefix(s, "@") {
			s = "@" + s
		}
	case "bluesky", "twitter", "instagram", "tiktok", "threads", "github", "medium", "hackernews":
		s = strings.TrimPrefix(s, "@")
	}
	return storage.Handle{Platform: h.Platform, Handle: s}
}

// handleURL is the address of a handle's profile, for other address books
// to show; it reports false when the handle has none (a YouTube channel
// name, a blog author's name, an IM account).
func handleURL(h storage.Handle) (string, bool) {
	s := h.Handle
	if h.Platform == "mastodon" {
		user, inst, ok := strings.Cut(strings.TrimPrefix(s, "@"), "@")
		if !ok || !isUserName(user) || !isUserName(inst) || !strings.Contains(inst, ".") {
			return "", false
		}
		return "https://" + inst + "/@" + user, true
	}
	if strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://") {
		if _, err := url.Parse(s); err != nil || strings.ContainsAny(s, " \t") {
			return "", false
		}
		return s, true
	}
	name := strings.TrimPrefix(s, "@")
	if !isUserName(name) {
		return "", false
	}
	switch h.Platform {
	case "reddit":
		return "https://www.reddit.com/user/" + strings.TrimPrefix(name, "u/"), true
	case "hackernews":
		return "https://news.ycombinator.com/user?id=" + url.QueryEscape(name), true
	case "bluesky":
		return "https://bsky.app/profile/" + name, true
	case "youtube":
		if strings.HasPrefix(s, "@") {
			return "https://www.youtube.com/" + s, true
		}
		if strings.HasPrefix(s, "UC") && len(s) == 24 {
			return "https://www.youtube.com/channel/" + s, true
		}
	case "twitter":
		return "https://x.com/" + name, true
	case "instagram", "github", "facebook":
		return "https://" + h.Platform + ".com/" + name, true
	case "linkedin":
		return "https://www.linkedin.com/in/" + name, true
	case "tiktok", "medium":
		return "https://www." + h.Platform + ".com/@" + name, true
	case "threads":
		return "https://www.threads.net/@" + name, true
	}
	return "", false
}
