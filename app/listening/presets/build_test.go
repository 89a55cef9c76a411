package presets

import (
	"testing"
	"time"
)

func TestBuild(t *testing.T) {
	t.Parallel()
	tests := []struct {
		id   string
		in   Input
		want Source
	}{
		// Reddit search.
		{"reddit-search", Input{Keyword: "cold brew"}, Source{Name: `Reddit search: "cold brew"`, URL: "https://www.reddit.com/search.rss?q=%22cold+brew%22&sort=new", Rule: `"cold brew"`}},
		{"reddit-search", Input{Keyword: "coffee"}, Source{Name: `Reddit search: "coffee"`, URL: "https://www.reddit.com/search.rss?q=coffee&sort=new", Rule: "coffee"}},
		{"reddit-search", Input{Keyword: "  Café \t Olé  "}, Source{Name: `Reddit search: "Café Olé"`, URL: "https://www.reddit.com/search.rss?q=%22Caf%C3%A9+Ol%C3%A9%22&sort=new", Rule: `"Café Olé"`}},
		{"reddit-search", Input{Keyword: "Cafe\u0301"}, Source{Name: `Reddit search: "Café"`, URL: "https://www.reddit.com/search.rss?q=Caf%C3%A9&sort=new", Rule: "Café"}}, // NFD typed, NFC sent
		{"reddit-search", Input{Keyword: "AT&T"}, Source{Name: `Reddit search: "AT&T"`, URL: "https://www.reddit.com/search.rss?q=%22AT%26T%22&sort=new", Rule: `"AT&T"`}},
		{"reddit-search", Input{Keyword: `Joe's "best" coffee`}, Source{Name: `Reddit search: "Joe's best coffee"`, URL: "https://www.reddit.com/search.rss?q=%22Joe%27s+best+coffee%22&sort=new", Rule: `"Joe's best coffee"`}},
		{"reddit-search", Input{Keyword: "“Straßen” Café"}, Source{Name: `Reddit search: "Straßen Café"`, URL: "https://www.reddit.com/search.rss?q=%22Stra%C3%9Fen+Caf%C3%A9%22&sort=new", Rule: `"Straßen Café"`}},
		{"reddit-search", Input{Keyword: "☕"}, Source{Name: `Reddit search: "☕"`, URL: "https://www.reddit.com/search.rss?q=%22%E2%98%95%22&sort=new", Rule: `"☕"`}},
		{"reddit-search", Input{Keyword: "NOT"}, Source{Name: `Reddit search: "NOT"`, URL: "https://www.reddit.com/search.rss?q=%22NOT%22&sort=new", Rule: `"NOT"`}},
		{"reddit-search", Input{Keyword: "50% off + free"}, Source{Name: `Reddit search: "50% off + free"`, URL: "https://www.reddit.com/search.rss?q=%2250%25+off+%2B+free%22&sort=new", Rule: `"50% off + free"`}},
		// Subreddit.
		{"reddit-subreddit", Input{Channel: "Coffee"}, Source{Name: "Reddit subreddit new posts: r/Coffee", URL: "https://www.reddit.com/r/Coffee/new/.rss"}},
		{"reddit-subreddit", Input{Channel: " r/espresso "}, Source{Name: "Reddit subreddit new posts: r/espresso", URL: "https://www.reddit.com/r/espresso/new/.rss"}},
		{"reddit-subreddit", Input{Channel: "/r/de/"}, Source{Name: "Reddit subreddit new posts: r/de", URL: "https://www.reddit.com/r/de/new/.rss"}},
		{"reddit-subreddit", Input{Channel: "https://old.reddit.com/r/Coffee/top/?t=week"}, Source{Name: "Reddit subreddit new posts: r/Coffee", URL: "https://www.reddit.com/r/Coffee/new/.rss"}},
		{"reddit-subreddit", Input{Channel: "www.reddit.com/r/pour_over"}, Source{Name: "Reddit subreddit new posts: r/pour_over", URL: "https://www.reddit.com/r/pour_over/new/.rss"}},
		// Hacker News.
		{"hn-stories", Input{Keyword: "cold brew"}, Source{Name: `Hacker News stories: "cold brew"`, URL: "https://hnrss.org/newest?q=%22cold+brew%22", Rule: `"cold brew"`}},
		{"hn-stories", Input{Keyword: "ümlaut"}, Source{Name: `Hacker News stories: "ümlaut"`, URL: "https://hnrss.org/newest?q=%C3%BCmlaut", Rule: "ümlaut"}},
		{"hn-comments", Input{Keyword: "cold brew"}, Source{Name: `Hacker News comments: "cold brew"`, URL: "https://hnrss.org/newcomments?q=%22cold+brew%22", Rule: `"cold brew"`}},
		{"hn-comments", Input{Keyword: "a&b=c"}, Source{Name: `Hacker News comments: "a&b=c"`, URL: "https://hnrss.org/newcomments?q=%22a%26b%3Dc%22", Rule: `"a&b=c"`}},
		// Mastodon.
		{"mastodon-tag", Input{Keyword: "Cold Brew!"}, Source{Name: "Mastodon hashtag: #coldbrew on mastodon.social", URL: "https://mastodon.social/tags/coldbrew.rss", Rule: `"Cold Brew!" OR #coldbrew`}},
		{"mastodon-tag", Input{Keyword: "coffee", Instance: " HTTPS://Fosstodon.org/ "}, Source{Name: "Mastodon hashtag: #coffee on fosstodon.org", URL: "https://fosstodon.org/tags/coffee.rss", Rule: "coffee"}},
		{"mastodon-tag", Input{Keyword: "Café", Instance: "mastodon.café"}, Source{Name: "Mastodon hashtag: #café on mastodon.xn--caf-dma", URL: "https://mastodon.xn--caf-dma/tags/caf%C3%A9.rss", Rule: "Café"}},
		{"mastodon-tag", Input{Keyword: "cold_brew 2024 ☕"}, Source{Name: "Mastodon hashtag: #coldbrew2024 on mastodon.social", URL: "https://mastodon.social/tags/coldbrew2024.rss", Rule: `"cold_brew 2024 ☕" OR #coldbrew2024`}},
		// Google News.
		{"googlenews-search", Input{Keyword: "cold brew"}, Source{Name: `Google News: "cold brew"`, URL: "https://news.google.com/rss/search?q=%22cold+brew%22&hl=en-US&gl=US&ceid=US:en", Rule: `"cold brew"`}},
		{"googlenews-search", Input{Keyword: "Bäckerei", Lang: "de", Region: "de"}, Source{Name: `Google News: "Bäckerei" (de, DE)`, URL: "https://news.google.com/rss/search?q=B%C3%A4ckerei&hl=de&gl=DE&ceid=DE:de", Rule: "Bäckerei"}},
		{"googlenews-search", Input{Keyword: "café", Lang: "pt_br", Region: "BR"}, Source{Name: `Google News: "café" (pt-BR, BR)`, URL: "https://news.google.com/rss/search?q=caf%C3%A9&hl=pt-BR&gl=BR&ceid=BR:pt", Rule: "café"}},
		{"googlenews-search", Input{Keyword: "tea", Lang: "en-gb", Region: "GB"}, Source{Name: `Google News: "tea" (en-GB, GB)`, URL: "https://news.google.com/rss/search?q=tea&hl=en-GB&gl=GB&ceid=GB:en", Rule: "tea"}},
		// Stack Exchange.
		{"stackexchange-tag", Input{Keyword: "Cold Brew"}, Source{Name: "Stack Exchange tag: [cold-brew] on coffee.stackexchange.com", URL: "https://coffee.stackexchange.com/feeds/tag/cold-brew"}},
		{"stackexchange-tag", Input{Keyword: "C#", Site: "stackoverflow"}, Source{Name: "Stack Exchange tag: [c#] on stackoverflow.com", URL: "https://stackoverflow.com/feeds/tag/c%23"}},
		{"stackexchange-tag", Input{Keyword: "c++", Site: "https://stackoverflow.com/"}, Source{Name: "Stack Exchange tag: [c++] on stackoverflow.com", URL: "https://stackoverflow.com/feeds/tag/c++"}},
		{"stackexchange-tag", Input{Keyword: "sourdough", Site: "Cooking"}, Source{Name: "Stack Exchange tag: [sourdough] on cooking.stackexchange.com", URL: "https://cooking.stackexchange.com/feeds/tag/sourdough"}},
		{"stackexchange-tag", Input{Keyword: "asp.net", Site: "ru.stackoverflow.com"}, Source{Name: "Stack Exchange tag: [asp.net] on ru.stackoverflow.com", URL: "https://ru.stackoverflow.com/feeds/tag/asp.net"}},
		{"stackexchange-tag", Input{Keyword: "grub", Site: "askubuntu"}, Source{Name: "Stack Exchange tag: [grub] on askubuntu.com", URL: "https://askubuntu.com/feeds/tag/grub"}},
		{"stackexchange-tag", Input{Keyword: "espresso", Site: "coffee.meta.stackexchange.com"}, Source{Name: "Stack Exchange tag: [espresso] on coffee.meta.stackexchange.com", URL: "https://coffee.meta.stackexchange.com/feeds/tag/espresso"}},
		// YouTube.
		{"youtube-channel", Input{Channel: "UC_x5XG1OV2P6uZZ5FSM9Ttw"}, Source{Name: "YouTube channel: UC_x5XG1OV2P6uZZ5FSM9Ttw", URL: "https://www.youtube.com/feeds/videos.xml?channel_id=UC_x5XG1OV2P6uZZ5FSM9Ttw"}},
		{"youtube-channel", Input{Channel: "https://www.youtube.com/channel/UC_x5XG1OV2P6uZZ5FSM9Ttw/videos", Keyword: "Google for Developers"}, Source{Name: "YouTube channel: Google for Developers", URL: "https://www.youtube.com/feeds/videos.xml?channel_id=UC_x5XG1OV2P6uZZ5FSM9Ttw"}},
		{"youtube-channel", Input{Channel: "youtube.com/channel/UC_x5XG1OV2P6uZZ5FSM9Ttw"}, Source{Name: "YouTube channel: UC_x5XG1OV2P6uZZ5FSM9Ttw", URL: "https://www.youtube.com/feeds/videos.xml?channel_id=UC_x5XG1OV2P6uZZ5FSM9Ttw"}},
		{"youtube-channel", Input{Channel: "https://www.youtube.com/feeds/videos.xml?channel_id=UC_x5XG1OV2P6uZZ5FSM9Ttw"}, Source{Name: "YouTube channel: UC_x5XG1OV2P6uZZ5FSM9Ttw", URL: "https://www.youtube.com/feeds/videos.xml?channel_id=UC_x5XG1OV2P6uZZ5FSM9Ttw"}},
		{"youtube-playlist", Input{URL: "https://www.youtube.com/playlist?list=PLOU2XLYxmsIJGErt5rrCqaSGTMyyqNt2H"}, Source{Name: "YouTube playlist: PLOU2XLYxmsIJGErt5rrCqaSGTMyyqNt2H", URL: "https://www.youtube.com/feeds/videos.xml?playlist_id=PLOU2XLYxmsIJGErt5rrCqaSGTMyyqNt2H"}},
		{"youtube-playlist", Input{URL: "https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PLOU2XLYxmsIJGErt5rrCqaSGTMyyqNt2H&index=2"}, Source{Name: "YouTube playlist: PLOU2XLYxmsIJGErt5rrCqaSGTMyyqNt2H", URL: "https://www.youtube.com/feeds/videos.xml?playlist_id=PLOU2XLYxmsIJGErt5rrCqaSGTMyyqNt2H"}},
		{"youtube-playlist", Input{URL: " PLOU2XLYxmsIJGErt5rrCqaSGTMyyqNt2H ", Keyword: "Roasting tips"}, Source{Name: "YouTube playlist: Roasting tips", URL: "https://www.youtube.com/feeds/videos.xml?playlist_id=PLOU2XLYxmsIJGErt5rrCqaSGTMyyqNt2H"}},
		// Bluesky.
		{"bluesky-profile", Input{Handle: "@Maria.bsky.social"}, Source{Name: "Bluesky profile: @maria.bsky.social", URL: "https://bsky.app/profile/maria.bsky.social/rss"}},
		{"bluesky-profile", Input{Handle: "mariasbakery.com"}, Source{Name: "Bluesky profile: @mariasbakery.com", URL: "https://bsky.app/profile/mariasbakery.com/rss"}},
		{"bluesky-profile", Input{Handle: "https://bsky.app/profile/maria.bsky.social/post/3k2"}, Source{Name: "Bluesky profile: @maria.bsky.social", URL: "https://bsky.app/profile/maria.bsky.social/rss"}},
		{"bluesky-profile", Input{Handle: "did:plc:z72i7hdynmk6r22z27h6tvur"}, Source{Name: "Bluesky profile: did:plc:z72i7hdynmk6r22z27h6tvur", URL: "https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur/rss"}},
		// Blogs.
		{"blog-post-comments", Input{URL: "https://yourblog.com/2024/05/our-new-roast/"}, Source{Name: "Blog post comments: yourblog.com/2024/05/our-new-roast", URL: "https://yourblog.com/2024/05/our-new-roast/feed/"}},
		{"blog-post-comments", Input{URL: "http://YourBlog.com/2024/05/our-new-roast?utm_source=x#comments"}, Source{Name: "Blog post comments: yourblog.com/2024/05/our-new-roast", URL: "https://yourblog.com/2024/05/our-new-roast/feed/"}},
		{"blog-post-comments", Input{URL: "yourblog.com/caf%C3%A9-opening/feed"}, Source{Name: "Blog post comments: yourblog.com/café-opening", URL: "https://yourblog.com/caf%C3%A9-opening/feed/"}},
		{"blog-post-comments", Input{URL: "https://blog.example.com:8443/a b/"}, Source{Name: "Blog post comments: blog.example.com:8443/a b", URL: "https://blog.example.com:8443/a%20b/feed/"}},
		{"blog-comments", Input{URL: "https://yourblog.com/2024/05/our-new-roast/"}, Source{Name: "Blog comments: yourblog.com", URL: "https://yourblog.com/comments/feed/"}},
		{"blog-comments", Input{URL: "www.yourblog.com"}, Source{Name: "Blog comments: www.yourblog.com", URL: "https://www.yourblog.com/comments/feed/"}},
		// Google Alerts.
		{"google-alerts", Input{URL: "https://www.google.com/alerts/feeds/01234567890123456789/9876543210987654321"}, Source{Name: "Google Alerts: alert 9876543210987654321", URL: "https://www.google.com/alerts/feeds/01234567890123456789/9876543210987654321"}},
		{"google-alerts", Input{URL: " http://google.com/alerts/feeds/123/456/ ", Keyword: "cold brew"}, Source{Name: "Google Alerts: cold brew", URL: "https://www.google.com/alerts/feeds/123/456"}},
	}
	for _, tt := range tests {
		t.Run(tt.id+"/"+tt.want.URL, func(t *testing.T) {
			p, ok := Get(tt.id)
			if !ok {
				t.Fatalf("no preset %q", tt.id)
			}
			got, err := p.Build(tt.in)
			if err != nil {
				t.Fatalf("Build(%+v): %v", tt.in, err)
			}
			tt.want.Kind, tt.want.Every = p.Kind, p.Every
			if got != tt.want {
				t.Errorf("Build(%+v)\n got %+v\nwant %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestEvery(t *testing.T) {
	t.Parallel()
	want := map[string]time.Duration{
		"reddit-search": 15 * time.Minute, "reddit-subreddit": 30 * time.Minute,
		"hn-stories": 15 * time.Minute, "hn-comments": 15 * time.Minute, "mastodon-tag": 15 * time.Minute,
		"googlenews-search": time.Hour, "stackexchange-tag": time.Hour,
		"youtube-channel": time.Hour, "youtube-playlist": time.Hour, "bluesky-profile": 30 * time.Minute,
		"blog-post-comments": time.Hour, "blog-comments": time.Hour, "google-alerts": time.Hour,
	}
	for _, p := range All() {
		if p.Every != want[p.ID] {
			t.Errorf("%s: Every = %v, want %v", p.ID, p.Every, want[p.ID])
		}
	}
}
