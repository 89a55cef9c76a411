package presets

import (
	"net/url"
	"regexp"
	"strings"
)

// The builders of presets for one place the owner names.

var subredditRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_]{1,20}$`)

func buildSubreddit(in Input) (string, string, error) {
	name, ok := subredditName(in.Channel)
	if !ok {
		return "", "", &Error{Field: FieldChannel, Msg: "Type the subreddit's name, such as coffee or r/coffee (letters, numbers and _ only, up to 21 characters)."}
	}
	return "https://www.reddit.com/r/" + name + "/new/.rss", "r/" + name, nil
}

// subredditName finds the name in "coffee", "r/coffee", "/r/coffee/" or
// a link such as https://www.reddit.com/r/coffee/top/.
func subredditName(s string) (string, bool) {
	s = strings.TrimSpace(s)
	link := false
	if i := strings.Index(strings.ToLower(s), "reddit.com/"); i >= 0 {
		s, link = s[i+len("reddit.com/"):], true
	}
	s = strings.TrimLeft(s, "/")
	if strings.HasPrefix(strings.ToLower(s), "r/") {
		s = s[2:]
	} else if link {
		return "", false // a user page, a search, …
	}
	s, _, _ = strings.Cut(s, "/")
	s, _, _ = strings.Cut(s, "?")
	return s, subredditRe.MatchString(s)
}

var (
	channelIDRe  = regexp.MustCompile(`^UC[A-Za-z0-9_-]{22}$`)
	playlistIDRe = regexp.MustCompile(`^[A-Za-z0-9_-]{12,64}$`)
)

const channelHowTo = "YouTube's feeds need the channel ID (starts with UC); open the channel's About page → Share → Copy channel ID."

func buildYouTubeChannel(in Input) (string, string, error) {
	id, err := youtubeChannelID(strings.TrimSpace(in.Channel))
	if err != nil {
		return "", "", err
	}
	return "https://www.youtube.com/feeds/videos.xml?channel_id=" + id, labelOr(in.Keyword, id), nil
}

// youtubeChannelID finds the channel ID in an ID, a channel link or a
// channel feed link.
func youtubeChannelID(s string) (string, error) {
	if channelIDRe.MatchString(s) {
		return s, nil
	}
	if u := youtubeLink(s); u != nil {
		if id := u.Query().Get("channel_id"); channelIDRe.MatchString(id) {
			return id, nil
		}
		seg := strings.Split(strings.Trim(u.Path, "/"), "/")
		if seg[0] == "channel" && len(seg) > 1 && channelIDRe.MatchString(seg[1]) {
			return seg[1], nil
		}
		if strings.HasPrefix(seg[0], "@") || seg[0] == "c" || seg[0] == "user" {
			return "", &Error{Field: FieldChannel, Msg: channelHowTo}
		}
	}
	if strings.HasPrefix(s, "@") {
		return "", &Error{Field: FieldChannel, Msg: channelHowTo}
	}
	return "", &Error{Field: FieldChannel, Msg: "That doesn't look like a YouTube channel ID or link. " + channelHowTo}
}

func buildYouTubePlaylist(in Input) (string, string, error) {
	s := strings.TrimSpace(in.URL)
	id := ""
	if u := youtubeLink(s); u != nil {
		id = u.Query().Get("list")
	} else {
		id = s
	}
	switch {
	case channelIDRe.MatchString(id):
		return "", "", &Error{Field: FieldURL, Msg: "That is a channel ID, not a playlist; use the YouTube channel source for it."}
	case !playlistIDRe.MatchString(id):
		return "", "", &Error{Field: FieldURL, Msg: "That doesn't look like a YouTube playlist. Open the playlist on YouTube and copy its address (it contains list=…)."}
	}
	return "https://www.youtube.com/feeds/videos.xml?playlist_id=" + id, labelOr(in.Keyword, id), nil
}

// youtubeLink parses s as a YouTube link (the https:// may be missing),
// or returns nil.
func youtubeLink(s string) *url.URL {
	u := parseLink(s)
	if u == nil {
		return nil
	}
	switch strings.ToLower(u.Hostname()) {
	case "youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com", "youtu.be":
		return u
	}
	return nil
}

// parseLink parses a web address, adding https:// when no scheme is
// given. It returns nil for anything that is not an http(s) address with
// a host, and for addresses with a user name, which pasted links never
// need and tricks such as https://www.google.com@evil.example use.
func parseLink(s string) *url.URL {
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return nil
	}
	return u
}

var didPLCRe = regexp.MustCompile(`^did:plc:[a-z2-7]{24}$`)

func buildBluesky(in Input) (string, string, error) {
	h := strings.TrimSpace(in.Handle)
	if i := strings.Index(strings.ToLower(h), "bsky.app/profile/"); i >= 0 {
		h = h[i+len("bsky.app/profile/"):]
		h, _, _ = strings.Cut(h, "/")
		h, _, _ = strings.Cut(h, "?")
	}
	h = strings.ToLower(strings.TrimPrefix(h, "@"))
	handle, err := blueskyHandle(h)
	if err != nil {
		return "", "", err
	}
	label := "@" + handle
	if strings.HasPrefix(handle, "did:") {
		label = handle
	}
	return "https://bsky.app/profile/" + url.PathEscape(handle) + "/rss", label, nil
}

// blueskyHandle checks a handle (a domain name) or a DID.
func blueskyHandle(h string) (string, error) {
	switch {
	case h == "":
		return "", &Error{Field: FieldHandle, Msg: "Type the Bluesky handle, such as maria.bsky.social."}
	case didPLCRe.MatchString(h):
		return h, nil
	case strings.HasPrefix(h, "did:web:") && validHostname(h[len("did:web:"):]):
		return h, nil
	case strings.HasPrefix(h, "did:"):
		return "", &Error{Field: FieldHandle, Msg: "That is not a Bluesky handle: use letters, numbers, hyphens and dots, such as maria.bsky.social."}
	case !strings.Contains(h, "."):
		return "", &Error{Field: FieldHandle, Msg: "A Bluesky handle has a dot in it, such as maria.bsky.social or yourdomain.com; if you typed only the name, add .bsky.social."}
	}
	if a, ok := asciiHost(h); ok {
		return a, nil
	}
	return "", &Error{Field: FieldHandle, Msg: "That is not a Bluesky handle: use letters, numbers, hyphens and dots, such as maria.bsky.social."}
}

// blogLink checks a blog address and makes it https (feed addresses
// must be), without query or fragment: WordPress's feed addresses hang off
// the path.
func blogLink(s string) (*url.URL, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, &Error{Field: FieldURL, Msg: "Paste the blog's address, such as https://yourblog.com."}
	}
	u := parseLink(s)
	if u == nil || u.Port() != "" && !isDigits(u.Port()) {
		return nil, &Error{Field: FieldURL, Msg: "That doesn't look like a web address; copy it from the browser's address bar."}
	}
	host, ok := asciiHost(strings.ToLower(u.Hostname()))
	if !ok {
		return nil, &Error{Field: FieldURL, Msg: "That doesn't look like a web address; copy it from the browser's address bar."}
	}
	if p := u.Port(); p != "" {
		host += ":" + p
	}
	return &url.URL{Scheme: "https", Host: host, Path: u.Path}, nil
}

func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

func buildPostComments(in Input) (string, string, error) {
	u, err := blogLink(in.URL)
	if err != nil {
		return "", "", err
	}
	p := strings.TrimSuffix(strings.TrimSuffix(u.Path, "/"), "/feed")
	if strings.Trim(p, "/") == "" {
		return "", "", &Error{Field: FieldURL, Msg: "Paste the address of one blog post, not the blog's home page. For comments on all posts, use Blog comments."}
	}
	u.Path = p + "/feed/"
	return u.String(), u.Host + p, nil
}

func buildBlogComments(in Input) (string, string, error) {
	u, err := blogLink(in.URL)
	if err != nil {
		return "", "", err
	}
	return "https://" + u.Host + "/comments/feed/", u.Host, nil
}

var alertPathRe = regexp.MustCompile(`^/alerts/feeds/([0-9]{1,30})/([0-9]{1,30})/?$`)

const alertHowTo = "In Google Alerts, choose Deliver to: RSS feed, then copy the feed link."

func buildGoogleAlerts(in Input) (string, string, error) {
	s := strings.TrimSpace(in.URL)
	if s == "" {
		return "", "", &Error{Field: FieldURL, Msg: "Paste the alert's feed link. " + alertHowTo}
	}
	u := parseLink(s)
	if u == nil {
		return "", "", &Error{Field: FieldURL, Msg: "That is not a Google Alerts feed link. " + alertHowTo}
	}
	host := strings.ToLower(u.Host)
	m := alertPathRe.FindStringSubmatch(u.Path)
	if (host != "www.google.com" && host != "google.com") || m == nil {
		return "", "", &Error{Field: FieldURL, Msg: "That is not a Google Alerts feed link (they start with https://www.google.com/alerts/feeds/). " + alertHowTo}
	}
	return "https://www.google.com/alerts/feeds/" + m[1] + "/" + m[2], labelOr(in.Keyword, "alert "+m[2]), nil
}

// labelOr returns label, or fallback when label is empty.
func labelOr(label, fallback string) string {
	if label != "" {
		return label
	}
	return fallback
}
