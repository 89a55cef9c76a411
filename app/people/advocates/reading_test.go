package advocates

import (
	"testing"

	"github.com/rapportapp/rapport/storage"
)

func TestThreadKey(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		m    storage.Mention
		want string
	}{
		{"near-duplicates share a group", storage.Mention{GroupID: 12, Link: "https://a.example/x"}, "g12"},
		{"host and path", storage.Mention{Link: "https://www.Example.com/post/1/"}, "example.com/post/1"},
		{"fragment dropped", storage.Mention{Link: "https://blog.example/2026/review/#comment-12"}, "blog.example/2026/review"},
		{"query kept", storage.Mention{Link: "https://news.ycombinator.com/item?id=481"}, "news.ycombinator.com/item?id=481"},
		{
			"reddit comment is its post",
			storage.Mention{Link: "https://old.reddit.com/r/Coffee/comments/abc/slug/c1/"},
			"old.reddit.com/r/Coffee/comments/abc",
		},
		{
			"reddit post",
			storage.Mention{Link: "https://www.reddit.com/r/Coffee/comments/abc/slug/"},
			"reddit.com/r/Coffee/comments/abc",
		},
		{"no link", storage.Mention{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := placeOf(&tt.m).thread; got != tt.want {
				t.Errorf("thread = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFormat(t *testing.T) {
	t.Parallel()
	tests := []struct {
		platform, link, want string
	}{
		{"youtube", "https://www.youtube.com/watch?v=1", "video"},
		{"", "https://youtu.be/1", "video"},
		{"hackernews", "https://news.ycombinator.com/item?id=1", "comment"},
		{"reddit", "https://www.reddit.com/r/Coffee/comments/abc/slug/", "post"},
		{"reddit", "https://www.reddit.com/r/Coffee/comments/abc/slug/c1/", "comment"},
		{"blog", "https://blog.example/post/#comment-3", "comment"},
		{"blog", "https://blog.example/post/", "article"},
		{"googlenews", "https://news.example/story", "article"},
		{"jsonfeed", "https://reviews.example/ember", "article"},
		{"mastodon", "https://mastodon.social/@a/1", "post"},
		{"bluesky", "https://bsky.app/profile/a/post/1", "post"},
		{"", "", "article"}, // unknown platform is "web"
	}
	for _, tt := range tests {
		m := storage.Mention{Platform: tt.platform, Link: tt.link}
		if got := placeOf(&m).format; got != tt.want {
			t.Errorf("formatOf(%q, %q) = %q, want %q", tt.platform, tt.link, got, tt.want)
		}
	}
}

func TestWayOf(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in               storage.Interaction
		platform, format string
	}{
		{storage.Interaction{Kind: "review", Channel: "Portland Coffee Reviews"}, "portland coffee reviews", "review"},
		{storage.Interaction{Kind: "referral", Channel: "in person"}, "in person", "word of mouth"},
		{storage.Interaction{Kind: "Recommend"}, "direct", "word of mouth"},
	}
	for _, tt := range tests {
		if p, f := wayOf(&tt.in); p != tt.platform || f != tt.format {
			t.Errorf("wayOf(%+v) = %q %q, want %q %q", tt.in, p, f, tt.platform, tt.format)
		}
	}
}
