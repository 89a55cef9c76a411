package fetch

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestGetOK(t *testing.T) {
	var got http.Header
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Header().Set("ETag", `"v2"`)
		w.Header().Set("Last-Modified", "Tue, 02 Jan 2024 10:00:00 GMT")
		_, _ = w.Write([]byte(rssDoc))
	})
	c := New(DefaultOptions("0.1"))
	before := time.Now()
	res, err := c.Get(context.Background(), Request{URL: srv.URL + "/feed"})
	if err != nil {
		t.Fatal(err)
	}
	if string(res.Body) != rssDoc || res.Status != 200 || res.NotModified {
		t.Errorf("result = %d %v %q", res.Status, res.NotModified, res.Body)
	}
	if res.URL != srv.URL+"/feed" || res.ContentType != "application/rss+xml" ||
		res.ETag != `"v2"` || res.LastModified != "Tue, 02 Jan 2024 10:00:00 GMT" {
		t.Errorf("result headers = %+v", res)
	}
	if res.Fetched.Before(before) || res.Duration <= 0 || res.Moved || !res.RetryAfter.IsZero() {
		t.Errorf("Fetched %v Duration %v Moved %v RetryAfter %v", res.Fetched, res.Duration, res.Moved, res.RetryAfter)
	}
	want := map[string]string{
		"User-Agent":        "Rapport/0.1 (+https://rapport.app; feed reader)",
		"Accept":            acceptFeeds,
		"Accept-Encoding":   "gzip, deflate",
		"If-None-Match":     "",
		"If-Modified-Since": "",
	}
	for k, v := range want {
		if got.Get(k) != v {
			t.Errorf("request header %s = %q, want %q", k, got.Get(k), v)
		}
	}
}

func TestGetCustomUserAgent(t *testing.T) {
	var ua string
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) { ua = r.UserAgent() })
	c := newTestClient(func(o *Options) { o.UserAgent = "Rapport/9.9 (+https://rapport.app; feed reader)" })
	if _, err := c.Get(context.Background(), Request{URL: srv.URL}); err != nil {
		t.Fatal(err)
	}
	if ua != "Rapport/9.9 (+https://rapport.app; feed reader)" {
		t.Errorf("User-Agent = %q", ua)
	}
}

func TestGetConditional(t *testing.T) {
	const etag, lastMod = `W/"abc"`, "Mon, 01 Jan 2024 00:00:00 GMT"
	tests := []struct {
		name               string
		sendETag           bool // the 304 repeats the validators
		wantETag, wantLast string
	}{
		{"304 with validators", true, `W/"abc2"`, "Mon, 01 Jan 2024 00:00:01 GMT"},
		{"304 without validators keeps the old ones", false, etag, lastMod},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
				if r.Header.Get("If-None-Match") != etag || r.Header.Get("If-Modified-Since") != lastMod {
					t.Errorf("validators not sent: %q %q", r.Header.Get("If-None-Match"), r.Header.Get("If-Modified-Since"))
				}
				if tt.sendETag {
					w.Header().Set("ETag", `W/"abc2"`)
					w.Header().Set("Last-Modified", "Mon, 01 Jan 2024 00:00:01 GMT")
				}
				w.WriteHeader(http.StatusNotModified)
			})
			res, err := newTestClient(nil).Get(context.Background(), Request{URL: srv.URL, ETag: etag, LastModified: lastMod})
			if err != nil {
				t.Fatal(err)
			}
			if !res.NotModified || res.Status != 304 || len(res.Body) != 0 {
				t.Errorf("result = %+v", res)
			}
			if res.ETag != tt.wantETag || res.LastModified != tt.wantLast {
				t.Errorf("validators = %q %q, want %q %q", res.ETag, res.LastModified, tt.wantETag, tt.wantLast)
			}
		})
	}
}

func TestGetStatusErrors(t *testing.T) {
	tests := []struct {
		status    int
		kind      Kind
		temporary bool
		plain     string
	}{
		{404, KindNotFound, false, "the server said 404 (not found) — the feed may have moved"},
		{410, KindGone, false, "the server said 410 (gone) — the feed was removed; consider deleting this source"},
		{401, KindDenied, false, "the server refused access (401) — the feed may be private or block feed readers"},
		{403, KindDenied, false, "the server refused access (403) — the feed may be private or block feed readers"},
		{429, KindRateLimited, true, "the server asked us to slow down (429); will retry later"},
		{500, KindServer, true, "the server had a problem (500); will retry later"},
		{502, KindServer, true, "the server had a problem (502); will retry later"},
		{503, KindServer, true, "the server had a problem (503); will retry later"},
		{400, KindHTTP, false, "the server said 400 (bad request) — check the address"},
		{408, KindHTTP, true, "the server said 408 (request timeout)"},
	}
	for _, tt := range tests {
		t.Run(http.StatusText(tt.status), func(t *testing.T) {
			srv := serve(t, func(w http.ResponseWriter, _ *http.Request) {
				w.WriteHeader(tt.status)
				_, _ = w.Write([]byte("error page"))
			})
			res, err := newTestClient(nil).Get(context.Background(), Request{URL: srv.URL})
			e := wantError(t, err, tt.kind, tt.plain)
			if e.Plain() != tt.plain && !strings.HasPrefix(e.Plain(), tt.plain) {
				t.Errorf("Plain() = %q, want %q", e.Plain(), tt.plain)
			}
			if e.Status != tt.status || e.Temporary() != tt.temporary || e.URL != srv.URL {
				t.Errorf("Status %d Temporary %v URL %q", e.Status, e.Temporary(), e.URL)
			}
			if res == nil || res.Status != tt.status || res.Body != nil {
				t.Errorf("result = %+v, want status %d and no body", res, tt.status)
			}
		})
	}
}

func TestGetRetryAfter(t *testing.T) {
	now := time.Now()
	date := now.Add(2 * time.Hour).UTC().Truncate(time.Second)
	tests := []struct {
		name       string
		status     int
		header     string
		kind       Kind
		wantAround time.Time // zero: no RetryAfter
	}{
		{"429 seconds", 429, "120", KindRateLimited, now.Add(120 * time.Second)},
		{"429 http date", 429, date.Format(http.TimeFormat), KindRateLimited, date},
		{"429 garbage", 429, "soon", KindRateLimited, time.Time{}},
		{"503 seconds", 503, "3600", KindServer, now.Add(time.Hour)},
		{"503 date", 503, date.Format(http.TimeFormat), KindServer, date},
		{"503 past date", 503, "Wed, 21 Oct 2015 07:28:00 GMT", KindServer, now},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := serve(t, func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Retry-After", tt.header)
				w.WriteHeader(tt.status)
			})
			res, err := newTestClient(nil).Get(context.Background(), Request{URL: srv.URL})
			e := wantError(t, err, tt.kind, "")
			if tt.wantAround.IsZero() {
				if !res.RetryAfter.IsZero() || !e.RetryAfter.IsZero() {
					t.Errorf("RetryAfter = %v, want zero", res.RetryAfter)
				}
				return
			}
			if d := res.RetryAfter.Sub(tt.wantAround); d < -5*time.Second || d > 5*time.Second {
				t.Errorf("RetryAfter = %v, want about %v", res.RetryAfter, tt.wantAround)
			}
			if !e.RetryAfter.Equal(res.RetryAfter) {
				t.Errorf("error RetryAfter %v != result %v", e.RetryAfter, res.RetryAfter)
			}
			if want := "next try after " + res.RetryAfter.Local().Format("15:04"); !strings.Contains(e.Plain(), want) {
				t.Errorf("Plain() = %q, want it to contain %q", e.Plain(), want)
			}
		})
	}
}

func TestGetHTMLPageIsNotRejected(t *testing.T) {
	const page = `<!DOCTYPE html><html><head><title>Shop</title></head><body>hi</body></html>`
	srv := serve(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(page))
	})
	res, err := newTestClient(nil).Get(context.Background(), Request{URL: srv.URL})
	if err != nil {
		t.Fatalf("Get rejected an HTML page: %v", err)
	}
	if res.ContentType != "text/html; charset=utf-8" || !LooksLikeHTML(res.ContentType, res.Body) {
		t.Errorf("ContentType %q, LooksLikeHTML false", res.ContentType)
	}
	e := NotFeedError(res.URL)
	if e.Plain() != "this address is a web page, not a feed — use 'find feeds' to discover its feeds" || e.Temporary() {
		t.Errorf("NotFeedError = %q temporary %v", e.Plain(), e.Temporary())
	}
}

func TestGetRejectsAddresses(t *testing.T) {
	tests := []struct {
		url  string
		kind Kind
	}{
		{"file:///etc/passwd", KindScheme},
		{"ftp://example.com/feed.xml", KindScheme},
		{"javascript:alert(1)", KindScheme},
		{"mailto:someone@example.com", KindScheme},
		{"data:text/xml,<rss/>", KindScheme},
		{"gopher://example.com/", KindScheme},
		{"example.com/feed", KindBadURL},
		{"", KindBadURL},
		{"http://", KindBadURL},
		{"http://exa mple.com/", KindBadURL},
		{"https://[::1", KindBadURL},
	}
	c := newTestClient(func(o *Options) { o.Transport = failTransport{t} })
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			_, err := c.Get(context.Background(), Request{URL: tt.url})
			e := wantError(t, err, tt.kind, "")
			if e.Temporary() || e.Plain() == "" {
				t.Errorf("Temporary %v Plain %q", e.Temporary(), e.Plain())
			}
		})
	}
	_, err := c.Get(context.Background(), Request{URL: "file:///etc/passwd"})
	wantError(t, err, KindScheme, `only web addresses (http:// or https://) can be fetched, not "file:"`)
}

// failTransport fails the test if any request reaches the network.
type failTransport struct{ t *testing.T }

func (f failTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	f.t.Errorf("unexpected request to %s", r.URL)
	return nil, http.ErrNotSupported
}

func TestDefaultsFillZeroOptions(t *testing.T) {
	o := New(Options{MaxRedirects: -1, PerHost: 50, Total: 3}).Options()
	if o.Timeout != 30*time.Second || o.IdleTimeout != 15*time.Second || o.MaxBytes != 20<<20 {
		t.Errorf("timeouts/size = %v %v %d", o.Timeout, o.IdleTimeout, o.MaxBytes)
	}
	if o.MaxRedirects != 0 || o.PerHost != 3 || o.Total != 3 || !strings.HasPrefix(o.UserAgent, "Rapport/") {
		t.Errorf("options = %+v", o)
	}
	if d := New(Options{}).Options(); d.MaxRedirects != 5 || d.PerHost != 2 || d.Total != 8 {
		t.Errorf("defaults = %+v", d)
	}
}

func BenchmarkGet(b *testing.B) {
	srv := serveFeed(b, rssDoc)
	c := New(testOptions())
	ctx := context.Background()
	for b.Loop() {
		if _, err := c.Get(ctx, Request{URL: srv.URL}); err != nil {
			b.Fatal(err)
		}
	}
}
