package presets

import "time"

// Common fields.
var (
	keywordField = Field{Name: FieldKeyword, Label: "Keyword", Hint: "your shop's name, or a phrase like cold brew"}
	// optionalKeyword names the source for presets that do not search.
	optionalKeyword = Field{Name: FieldKeyword, Label: "Name (optional)", Hint: "what the feed is about", Optional: true}
)

// table is the data: one row per preset, in the order to offer them.
var table = []Preset{
	{
		ID: "reddit-search", Name: "Reddit search", Kind: "reddit",
		Fields: []Field{keywordField}, Every: 15 * time.Minute, Keyword: true, Rule: true,
		Help:  "New Reddit posts anywhere on Reddit that mention the keyword.",
		build: buildRedditSearch,
	},
	{
		ID: "reddit-subreddit", Name: "Reddit subreddit new posts", Kind: "reddit",
		Fields: []Field{{Name: FieldChannel, Label: "Subreddit", Hint: "coffee or r/coffee"}},
		Every:  30 * time.Minute,
		Help:   "Every new post in one subreddit, such as r/coffee or your town's.",
		build:  buildSubreddit,
	},
	{
		ID: "hn-stories", Name: "Hacker News stories", Kind: "hackernews",
		Fields: []Field{keywordField}, Every: 15 * time.Minute, Keyword: true, Rule: true,
		Help:  "New Hacker News stories that mention the keyword (through hnrss.org).",
		build: hnBuilder("newest"),
	},
	{
		ID: "hn-comments", Name: "Hacker News comments", Kind: "hackernews",
		Fields: []Field{keywordField}, Every: 15 * time.Minute, Keyword: true, Rule: true,
		Help:  "New Hacker News comments that mention the keyword (through hnrss.org).",
		build: hnBuilder("newcomments"),
	},
	{
		ID: "mastodon-tag", Name: "Mastodon hashtag", Kind: "mastodon",
		Fields: []Field{keywordField, {Name: FieldInstance, Label: "Mastodon server", Hint: "mastodon.social", Default: "mastodon.social", Optional: true}},
		Every:  15 * time.Minute, Keyword: true, Rule: true,
		Help:  "Public Mastodon posts with the keyword as a hashtag (#coldbrew), as one server sees them.",
		build: buildMastodonTag, rule: hashtagRule,
	},
	{
		ID: "googlenews-search", Name: "Google News", Kind: "googlenews",
		Fields: []Field{
			keywordField,
			{Name: FieldLang, Label: "Language", Hint: "en-US, en-GB, de, fr, pt-BR", Default: "en-US", Optional: true},
			{Name: FieldRegion, Label: "Country", Hint: "US, GB, DE", Default: "US", Optional: true},
		},
		Every: time.Hour, Keyword: true, Rule: true,
		Help:  "News articles that mention the keyword, from Google News.",
		build: buildGoogleNews,
	},
	{
		ID: "stackexchange-tag", Name: "Stack Exchange tag", Kind: "stackexchange",
		Fields: []Field{keywordField, {Name: FieldSite, Label: "Site", Hint: "coffee, cooking, stackoverflow", Default: "coffee", Optional: true}},
		Every:  time.Hour, Keyword: true,
		Help:  "New questions with the keyword as their tag on a Stack Exchange site, such as coffee.stackexchange.com.",
		build: buildStackExchange,
	},
	{
		ID: "youtube-channel", Name: "YouTube channel", Kind: "youtube",
		Fields: []Field{{Name: FieldChannel, Label: "Channel ID or link", Hint: "UC… or https://www.youtube.com/channel/UC…"}, optionalKeyword},
		Every:  time.Hour,
		Help:   "New videos from one YouTube channel. YouTube's feeds need the channel ID (starts with UC): open the channel's About page → Share → Copy channel ID.",
		build:  buildYouTubeChannel,
	},
	{
		ID: "youtube-playlist", Name: "YouTube playlist", Kind: "youtube",
		Fields: []Field{{Name: FieldURL, Label: "Playlist link or ID", Hint: "https://www.youtube.com/playlist?list=PL…"}, optionalKeyword},
		Every:  time.Hour,
		Help:   "New videos added to one YouTube playlist.",
		build:  buildYouTubePlaylist,
	},
	{
		ID: "bluesky-profile", Name: "Bluesky profile", Kind: "bluesky",
		Fields: []Field{{Name: FieldHandle, Label: "Handle", Hint: "name.bsky.social or yourdomain.com"}},
		Every:  30 * time.Minute,
		Help:   "New posts by one Bluesky account.",
		build:  buildBluesky,
	},
	{
		ID: "blog-post-comments", Name: "Blog post comments", Kind: "blog",
		Fields: []Field{{Name: FieldURL, Label: "Blog post address", Hint: "https://yourblog.com/2024/05/our-new-roast/"}},
		Every:  time.Hour,
		Help:   "New comments on one WordPress blog post. If the blog is not WordPress, paste the post's address as a new source instead: Rapport will look for its feeds.",
		build:  buildPostComments,
	},
	{
		ID: "blog-comments", Name: "Blog comments", Kind: "blog",
		Fields: []Field{{Name: FieldURL, Label: "Blog address", Hint: "https://yourblog.com"}},
		Every:  time.Hour,
		Help:   "New comments on all posts of a WordPress blog. If the blog is not WordPress or lives in a sub-folder, paste its address as a new source instead: Rapport will look for its feeds.",
		build:  buildBlogComments,
	},
	{
		ID: "google-alerts", Name: "Google Alerts", Kind: "googlealerts",
		Fields: []Field{{Name: FieldURL, Label: "Alert feed link", Hint: "https://www.google.com/alerts/feeds/…/…"}, optionalKeyword},
		Every:  time.Hour,
		Help:   "A Google Alert delivered as a feed. In Google Alerts, choose Deliver to: RSS feed, then copy the feed link.",
		build:  buildGoogleAlerts,
	},
}
