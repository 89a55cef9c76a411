package advocates

import (
	"net/url"
	"slices"
	"strings"

	"github.com/rapportapp/rapport/storage"
)

// Intent names from package analyze, repeated here so this package stays
// pure logic without the analyser's lexicons.
const (
	intentPraise    = "praise"
	intentReferral  = "referral"
	intentComplaint = "complaint"
	intentChurn     = "churn"
)

// reading is what one mention says about its author, with the owner's
// corrections applied.
type reading struct {
	positive, negative bool
	referral           bool // they told others to try us
}

// read reads a mention.
//
// The owner's corrections win: a corrected polarity is final, and
// corrected intents (when not nil) replace the analyser's, as in package
// understand. Without a corrected polarity a mention is negative when the
// analyser reads it negative or finds a complaint or a churn intent (a
// complaint said kindly is still a complaint: sentiment lexicons often
// read "great, charged twice" as positive), and positive when it is not
// negative and reads positive, or praises or recommends us.
func read(m *storage.Mention) reading {
	pol, intents, owner := m.Analysis.Polarity, m.Analysis.Intents, false
	if c := m.Corrected; c != nil {
		if c.Polarity != "" {
			pol, owner = c.Polarity, true
		}
		if c.Intents != nil {
			intents = c.Intents
		}
	}
	has := func(i string) bool { return slices.Contains(intents, i) }
	var r reading
	if owner {
		r.positive, r.negative = pol == "positive", pol == "negative"
	} else {
		r.negative = pol == "negative" || has(intentComplaint) || has(intentChurn)
		r.positive = !r.negative && (pol == "positive" || has(intentPraise) || has(intentReferral))
	}
	r.referral = r.positive && has(intentReferral)
	return r
}

// place is where a mention was said: its conversation, platform and
// format, read from one parse of its link.
type place struct {
	thread   string // "" when the mention has no group and no usable link
	platform string
	format   string
}

// placeOf reads a mention's place.
func placeOf(m *storage.Mention) place {
	var host, path, query, frag string
	if u, err := url.Parse(m.Link); err == nil {
		host = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		path, query, frag = strings.TrimSuffix(u.EscapedPath(), "/"), u.RawQuery, strings.ToLower(u.Fragment)
	}
	pl := place{platform: platformOf(m)}
	pl.thread = threadKey(m.GroupID, host, path, query)
	pl.format = formatOf(pl.platform, host, path, frag)
	return pl
}

// threadKey names the conversation a mention took part in, so two comments
// under one post count as one audience. Near-duplicates (same GroupID) are
// one piece of content. Otherwise the key is the link's host (without
// "www.") and path, with the query kept (news.ycombinator.com/item?id=…)
// and the fragment dropped (a blog's #comment-12 belongs to the post);
// Reddit links are cut to the post (/r/sub/comments/id). Without either
// the key is "" and the caller makes the mention its own thread.
func threadKey(group uint64, host, path, query string) string {
	switch {
	case group != 0:
		return "g" + u64(group)
	case host == "":
		return ""
	case isReddit(host):
		path = redditPost(path)
	}
	if query != "" {
		return host + path + "?" + query
	}
	return host + path
}

func isReddit(host string) bool {
	return host == "reddit.com" || strings.HasSuffix(host, ".reddit.com")
}

// redditPost cuts /r/sub/comments/id/slug/comment to /r/sub/comments/id.
func redditPost(path string) string {
	segs := strings.Split(strings.TrimPrefix(path, "/"), "/")
	if len(segs) > 4 && segs[2] == "comments" {
		return "/" + strings.Join(segs[:4], "/")
	}
	return path
}

// isRedditComment says whether a path is /r/sub/comments/id/slug/comment.
func isRedditComment(path string) bool {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	return len(segs) >= 6 && segs[2] == "comments"
}

// platformOf is the mention's platform, lower case; "web" when unknown.
func platformOf(m *storage.Mention) string {
	if p := strings.ToLower(strings.TrimSpace(m.Platform)); p != "" {
		return p
	}
	return "web"
}

// articlePlatforms publish articles rather than posts: news, alerts, blogs
// and review sites (which reach Rapport as JSON Feed).
var articlePlatforms = set("googlenews", "googlealerts", "blog", "jsonfeed", "web", "news", "rss")

// formatOf infers the format of a mention from its platform and link:
// "video" (YouTube, Vimeo, TikTok), "comment" (Hacker News, a Reddit
// comment, a link to #comment…), "article" (news, blogs, review sites) or
// "post" (everything else: Reddit posts, Mastodon, Bluesky, Q&A).
func formatOf(platform, host, path, frag string) string {
	switch {
	case platform == "youtube" || host == "youtube.com" || host == "youtu.be" || host == "vimeo.com" || host == "tiktok.com":
		return "video"
	case platform == "hackernews" || strings.Contains(frag, "comment"):
		return "comment"
	case isReddit(host) && isRedditComment(path):
		return "comment"
	case articlePlatforms[platform]:
		return "article"
	}
	return "post"
}

// normKind normalises an interaction kind: lower case, spaces and
// underscores as hyphens ("Thank you" → "thank-you").
func normKind(k string) string {
	k = strings.ToLower(strings.TrimSpace(k))
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '_' {
			return '-'
		}
		return r
	}, k)
}

// Kinds of gets that count as advocacy (they raise "more than once"), that
// send us business (referrals), that are purchases, and gives that are a
// thank-you. All are normalised kinds.
var (
	advocacyKinds = set("referral", "review", "recommend", "recommendation")
	referralKinds = set("referral", "recommend", "recommendation")
	purchaseKinds = set("purchase", "bought", "order")
	thankKinds    = set("thank", "thanks", "thank-you", "gift")
)

func set(ks ...string) map[string]bool {
	m := make(map[string]bool, len(ks))
	for _, k := range ks {
		m[k] = true
	}
	return m
}

// wayOf is the platform and format of an advocacy get: its channel ("in
// person", "email"; "direct" when not given) and "review" for a review,
// "word of mouth" for a referral or recommendation.
func wayOf(in *storage.Interaction) (platform, format string) {
	platform = strings.ToLower(strings.TrimSpace(in.Channel))
	if platform == "" {
		platform = "direct"
	}
	if normKind(in.Kind) == "review" {
		return platform, "review"
	}
	return platform, "word of mouth"
}
