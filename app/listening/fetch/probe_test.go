package fetch

import (
	"context"
	"net/http"
	"net/url"
	"reflect"
	"sync/atomic"
	"testing"
	"time"
)

// site serves path → body; bodies starting with "<!DOCTYPE html" are sent
// as text/html. Other paths are 404. It counts requests.
func site(t *testing.T, pages map[string]string) (srv string, hits *atomic.Int32) {
	hits = new(atomic.Int32)
	return serve(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		key := r.URL.Path
		if r.URL.RawQuery != "" {
			key += "?" + r.URL.RawQuery
		}
		body, ok := pages[key]
		switch {
		case !ok:
			http.NotFound(w, r)
		case len(body) > 5 && body[:5] == "goto:":
			http.Redirect(w, r, body[5:], http.StatusMovedPermanently)
		default:
			_, _ = w.Write([]byte(body))
		}
	}).URL, hits
}

const shopPage = `<!DOCTYPE html><html><head><title>Shop</title></head><body>Welcome</body></html>`

func TestDiscover(t *testing.T) {
	tests := []struct {
		name  string
		pages map[string]string
		start string
		want  []FeedLink // URLs relative to the server
	}{
		{
			"the address is a feed",
			map[string]string{"/rss": rssDoc},
			"/rss",
			[]FeedLink{{URL: "/rss", Type: "rss"}},
		},
		{
			"the address redirects to a feed",
			map[string]string{"/old": "goto:/new.json", "/new.json": jsonFeedDoc},
			"/old",
			[]FeedLink{{URL: "/new.json", Type: "json"}},
		},
		{
			"page with alternate links",
			map[string]string{"/": `<!DOCTYPE html><head>
<link rel="alternate" type="application/rss+xml" title="News" href="/news.xml">
<link rel="alternate" type="application/atom+xml" href="/news.atom"></head>`},
			"/",
			[]FeedLink{{URL: "/news.xml", Title: "News", Type: "rss"}, {URL: "/news.atom", Type: "atom"}},
		},
		{"page without links: probe the usual places", map[string]string{
			"/": shopPage, "/feed": atomDoc, "/rss": "goto:/feed", "/rss.xml": shopPage,
			"/feed.json": jsonFeedDoc, "/index.xml": `{"not":"a feed"}`,
		}, "/", []FeedLink{{URL: "/feed", Type: "atom"}, {URL: "/feed.json", Type: "json"}}},
		{"probe the page's folder first", map[string]string{
			"/blog/2024/05/post": shopPage, "/blog/feed": rssDoc, "/feed": atomDoc,
		}, "/blog/2024/05/post", []FeedLink{{URL: "/blog/feed", Type: "rss"}, {URL: "/feed", Type: "atom"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, _ := site(t, tt.pages)
			got, err := newTestClient(nil).Discover(context.Background(), base+tt.start)
			if err != nil {
				t.Fatal(err)
			}
			for i := range tt.want {
				tt.want[i].URL = base + tt.want[i].URL
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Discover =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

func TestDiscoverNothing(t *testing.T) {
	base, hits := site(t, map[string]string{"/": shopPage})
	_, err := newTestClient(nil).Discover(context.Background(), base)
	e := wantError(t, err, KindNoFeeds, "no feeds found at this address")
	if e.Temporary() {
		t.Error("no feeds is not temporary")
	}
	if n := int(hits.Load()); n != 1+len(CommonFeedPaths()) {
		t.Errorf("%d requests, want the page plus %d probes", n, len(CommonFeedPaths()))
	}
}

func TestDiscoverErrors(t *testing.T) {
	base, _ := site(t, map[string]string{})
	c := newTestClient(nil)
	_, err := c.Discover(context.Background(), base+"/missing")
	wantError(t, err, KindNotFound, "404")
	_, err = c.Discover(context.Background(), "javascript:alert(1)")
	wantError(t, err, KindScheme, "")
}

func TestDiscoverProbesStayPolite(t *testing.T) {
	var g gauge
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		// Count only until the headers go out: after the client hangs up at
		// its peek limit, the handler lingers until a write fails.
		g.enter()
		time.Sleep(10 * time.Millisecond)
		g.leave()
		if r.URL.Path == "/" {
			_, _ = w.Write([]byte(shopPage))
			return
		}
		// A huge non-feed: probes must read only the start of it.
		for range 100 {
			if _, err := w.Write(make([]byte, 64<<10)); err != nil {
				return
			}
		}
	})
	start := time.Now()
	_, err := newTestClient(nil).Discover(context.Background(), srv.URL)
	wantError(t, err, KindNoFeeds, "")
	if p := g.peak.Load(); p > 2 {
		t.Errorf("%d probes at once on one host, want <= 2", p)
	}
	if d := time.Since(start); d > 15*time.Second { // a hang detector
		t.Errorf("probing took %v", d)
	}
}

func TestDiscoverCancel(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" {
			_, _ = w.Write([]byte(shopPage))
			return
		}
		waitOrDone(r, 5*time.Second)
	})
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	start := time.Now()
	_, err := newTestClient(func(o *Options) { o.IdleTimeout = 5 * time.Second }).Discover(ctx, srv.URL)
	wantError(t, err, KindCanceled, "the check was cancelled")
	if d := time.Since(start); d > 4*time.Second { // before the server's 5 s
		t.Errorf("cancel took %v", d)
	}
}

func TestWithScheme(t *testing.T) {
	tests := map[string]string{
		"example.com":               "https://example.com",
		"  example.com/blog ":       "https://example.com/blog",
		"localhost:8080/feed":       "https://localhost:8080/feed",
		"example.com:8080":          "https://example.com:8080",
		"http://example.com":        "http://example.com",
		"https://example.com/a:b":   "https://example.com/a:b",
		"javascript:alert(1)":       "javascript:alert(1)",
		"mailto:shop@example.com":   "mailto:shop@example.com",
		"www.example.com/page?x=a:": "https://www.example.com/page?x=a:",
	}
	for in, want := range tests {
		if got := withScheme(in); got != want {
			t.Errorf("withScheme(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestProbeCandidates(t *testing.T) {
	n := len(CommonFeedPaths())
	tests := []struct {
		page      string
		wantCount int
		first     string
	}{
		{"https://example.com/", n, "https://example.com/feed"},
		{"https://example.com/index.html", n, "https://example.com/feed"},
		{"https://example.com/blog", 2*n - 1, "https://example.com/blog/feed"}, // /blog/feed is in both lists
		{"https://example.com/shop/item/42", 2 * n, "https://example.com/shop/feed"},
	}
	for _, tt := range tests {
		u, _ := url.Parse(tt.page)
		got := probeCandidates(u)
		if len(got) != tt.wantCount || got[0] != tt.first {
			t.Errorf("probeCandidates(%s) = %d starting %q, want %d starting %q", tt.page, len(got), got[0], tt.wantCount, tt.first)
		}
	}
}
