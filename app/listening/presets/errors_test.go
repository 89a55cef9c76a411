package presets

import (
	"errors"
	"strings"
	"testing"
)

const (
	msgEmpty     = "Type a word or phrase to listen for, such as your shop's name."
	msgNoLetters = "The keyword needs at least one letter, number or emoji."
	msgChannel   = "YouTube's feeds need the channel ID (starts with UC); open the channel's About page → Share → Copy channel ID."
	msgAlert     = "That is not a Google Alerts feed link (they start with https://www.google.com/alerts/feeds/). In Google Alerts, choose Deliver to: RSS feed, then copy the feed link."
	msgBlogAddr  = "That doesn't look like a web address; copy it from the browser's address bar."
	msgSubreddit = "Type the subreddit's name, such as coffee or r/coffee (letters, numbers and _ only, up to 21 characters)."
	msgInstance  = "Type only the Mastodon server's name, such as mastodon.social (no @name and no /path)."
	msgSite      = "Type the Stack Exchange site's short name as in its address, such as coffee for coffee.stackexchange.com, or stackoverflow."
	msgHandleDot = "A Bluesky handle has a dot in it, such as maria.bsky.social or yourdomain.com; if you typed only the name, add .bsky.social."
	msgHandleBad = "That is not a Bluesky handle: use letters, numbers, hyphens and dots, such as maria.bsky.social."
	msgPlaylist  = "That doesn't look like a YouTube playlist. Open the playlist on YouTube and copy its address (it contains list=…)."
)

func TestBuildErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		id    string
		in    Input
		field string
		msg   string
	}{
		{"reddit-search", Input{}, FieldKeyword, msgEmpty},
		{"reddit-search", Input{Keyword: " \t\n "}, FieldKeyword, msgEmpty},
		{"reddit-search", Input{Keyword: `"" “”`}, FieldKeyword, msgEmpty},
		{"hn-stories", Input{Keyword: "!!! ???"}, FieldKeyword, msgNoLetters},
		{"hn-comments", Input{Keyword: strings.Repeat("é", 201)}, FieldKeyword, "The keyword is too long (201 characters). Keep it under 200: a name or a short phrase works best."},
		{"googlenews-search", Input{Keyword: "x\x00\x01"}, "", ""}, // control characters are dropped: fine
		{"googlenews-search", Input{Keyword: "tea", Lang: "english"}, FieldLang, "Type the language as a code such as en-US, en-GB, de or fr."},
		{"googlenews-search", Input{Keyword: "tea", Lang: "en&x=1"}, FieldLang, "Type the language as a code such as en-US, en-GB, de or fr."},
		{"googlenews-search", Input{Keyword: "tea", Region: "USA"}, FieldRegion, "Type the country as a two-letter code such as US, GB or DE."},
		{"mastodon-tag", Input{Keyword: "☕"}, FieldKeyword, "A Mastodon hashtag needs letters or numbers; type a word such as coffee."},
		{"mastodon-tag", Input{Keyword: "coffee", Instance: "@maria@mastodon.social"}, FieldInstance, msgInstance},
		{"mastodon-tag", Input{Keyword: "coffee", Instance: "https://mastodon.social/tags/x"}, FieldInstance, msgInstance},
		{"mastodon-tag", Input{Keyword: "coffee", Instance: "mastodon.social:8080"}, FieldInstance, msgInstance},
		{"mastodon-tag", Input{Keyword: "coffee", Instance: "localhost"}, FieldInstance, msgInstance},
		{"mastodon-tag", Input{Keyword: "coffee", Instance: "10.0.0.1"}, FieldInstance, msgInstance},
		{"mastodon-tag", Input{Keyword: "coffee", Instance: "evil.com/../x"}, FieldInstance, msgInstance},
		{"stackexchange-tag", Input{Keyword: "☕"}, FieldKeyword, "A Stack Exchange tag needs letters or numbers; type the tag, such as espresso."},
		{"stackexchange-tag", Input{Keyword: "a very long tag name that goes on and on"}, FieldKeyword, `Stack Exchange tags are at most 35 characters; "a-very-long-tag-name-that-goes-on-and-on" is longer. Use the tag's name, such as cold-brew.`},
		{"stackexchange-tag", Input{Keyword: "x", Site: "example.com"}, FieldSite, msgSite},
		{"stackexchange-tag", Input{Keyword: "x", Site: "coffee/evil"}, FieldSite, msgSite},
		{"reddit-subreddit", Input{}, FieldChannel, msgSubreddit},
		{"reddit-subreddit", Input{Channel: "r/coffee+tea"}, FieldChannel, msgSubreddit},
		{"reddit-subreddit", Input{Channel: "https://www.reddit.com/user/maria"}, FieldChannel, msgSubreddit},
		{"reddit-subreddit", Input{Channel: "a_name_that_is_much_too_long"}, FieldChannel, msgSubreddit},
		{"youtube-channel", Input{}, FieldChannel, "That doesn't look like a YouTube channel ID or link. " + msgChannel},
		{"youtube-channel", Input{Channel: "@mariasroastery"}, FieldChannel, msgChannel},
		{"youtube-channel", Input{Channel: "https://www.youtube.com/@mariasroastery"}, FieldChannel, msgChannel},
		{"youtube-channel", Input{Channel: "https://youtube.com/c/MariasRoastery"}, FieldChannel, msgChannel},
		{"youtube-channel", Input{Channel: "https://www.youtube.com/user/maria"}, FieldChannel, msgChannel},
		{"youtube-channel", Input{Channel: "UCshort"}, FieldChannel, "That doesn't look like a YouTube channel ID or link. " + msgChannel},
		{"youtube-channel", Input{Channel: "https://vimeo.com/channel/UC_x5XG1OV2P6uZZ5FSM9Ttw"}, FieldChannel, "That doesn't look like a YouTube channel ID or link. " + msgChannel},
		{"youtube-playlist", Input{URL: "UC_x5XG1OV2P6uZZ5FSM9Ttw"}, FieldURL, "That is a channel ID, not a playlist; use the YouTube channel source for it."},
		{"youtube-playlist", Input{URL: "https://www.youtube.com/watch?v=dQw4w9WgXcQ"}, FieldURL, msgPlaylist},
		{"youtube-playlist", Input{URL: "PL<script>"}, FieldURL, msgPlaylist},
		{"bluesky-profile", Input{}, FieldHandle, "Type the Bluesky handle, such as maria.bsky.social."},
		{"bluesky-profile", Input{Handle: "@maria"}, FieldHandle, msgHandleDot},
		{"bluesky-profile", Input{Handle: "maria_b.bsky.social"}, FieldHandle, msgHandleBad},
		{"bluesky-profile", Input{Handle: "maria.bsky.social/../x"}, FieldHandle, msgHandleBad},
		{"bluesky-profile", Input{Handle: "did:plc:short"}, FieldHandle, msgHandleBad},
		{"blog-post-comments", Input{}, FieldURL, "Paste the blog's address, such as https://yourblog.com."},
		{"blog-post-comments", Input{URL: "https://yourblog.com/"}, FieldURL, "Paste the address of one blog post, not the blog's home page. For comments on all posts, use Blog comments."},
		{"blog-post-comments", Input{URL: "ftp://yourblog.com/post/"}, FieldURL, msgBlogAddr},
		{"blog-comments", Input{URL: "javascript:alert(1)"}, FieldURL, msgBlogAddr},
		{"blog-comments", Input{URL: "https://localhost/"}, FieldURL, msgBlogAddr},
		{"blog-comments", Input{URL: "https://exa mple.com/"}, FieldURL, msgBlogAddr},
		{"google-alerts", Input{}, FieldURL, "Paste the alert's feed link. In Google Alerts, choose Deliver to: RSS feed, then copy the feed link."},
		{"google-alerts", Input{URL: "https://www.google.com/alerts?hl=en"}, FieldURL, msgAlert},
		{"google-alerts", Input{URL: "https://www.google.com/alerts/feeds/123/abc"}, FieldURL, msgAlert},
		{"google-alerts", Input{URL: "https://evil.example/alerts/feeds/123/456"}, FieldURL, msgAlert},
		{"google-alerts", Input{URL: "https://www.google.com/alerts/feeds/123/456/789"}, FieldURL, msgAlert},
		{"google-alerts", Input{URL: "https://www.google.com@evil.example/alerts/feeds/1/2"}, FieldURL, "That is not a Google Alerts feed link. In Google Alerts, choose Deliver to: RSS feed, then copy the feed link."},
		{"blog-comments", Input{URL: "https://user:pass@yourblog.com/"}, FieldURL, msgBlogAddr},
		{"google-alerts", Input{URL: "mailto:x@google.com"}, FieldURL, "That is not a Google Alerts feed link. In Google Alerts, choose Deliver to: RSS feed, then copy the feed link."},
	}
	for _, tt := range tests {
		t.Run(tt.id+"/"+tt.msg, func(t *testing.T) {
			p, _ := Get(tt.id)
			src, err := p.Build(tt.in)
			if tt.msg == "" {
				if err != nil {
					t.Fatalf("Build(%+v): %v", tt.in, err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Build(%+v) = %+v, want an error", tt.in, src)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is a %T, not *Error", err, err)
			}
			if e.Preset != tt.id || e.Field != tt.field || e.Msg != tt.msg {
				t.Errorf("Build(%+v) error\n got %+v\nwant {Preset:%s Field:%s Msg:%s}", tt.in, *e, tt.id, tt.field, tt.msg)
			}
		})
	}
}

func TestBuildZeroPreset(t *testing.T) {
	t.Parallel()
	_, err := Preset{}.Build(Input{Keyword: "x"})
	if err == nil || err.Error() != "This is not one of Rapport's source types; pick one from the list." {
		t.Errorf("err = %v", err)
	}
}
