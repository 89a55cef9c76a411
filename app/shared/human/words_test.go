package human

import "testing"

func TestCount(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		n    int
		want string
	}{{0, "0 people"}, {1, "1 person"}, {2, "2 people"}, {1500, "1,500 people"}} {
		if got := Count(tt.n, "person", "people"); got != tt.want {
			t.Errorf("Count(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
	for n, want := range map[int]string{0: "0 were", 1: "1 was", 3: "3 were"} {
		if got := Were(n); got != want {
			t.Errorf("Were(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestPlatform(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ kind, want string }{
		{"jsonfeed", "JSON Feed"},
		{"hackernews", "Hacker News"},
		{"youtube", "YouTube"},
		{"stackexchange", "Stack Exchange"},
		{"googlenews", "Google News"},
		{"googlealerts", "Google Alerts"},
		{"reddit", "Reddit"},
		{"Mastodon", "Mastodon"},
		{" bluesky ", "Bluesky"},
		{"blog", "Blog"},
		{"lemmy", "Lemmy"},
		{"", ""},
	} {
		if got := Platform(tt.kind); got != tt.want {
			t.Errorf("Platform(%q) = %q, want %q", tt.kind, got, tt.want)
		}
	}
	if got := Platforms([]string{"reddit", "jsonfeed"}); got != "Reddit, JSON Feed" {
		t.Errorf("Platforms = %q", got)
	}
}
