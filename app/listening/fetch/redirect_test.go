package fetch

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// chainServer redirects /r/N to /r/N-1 with the given status until /r/0,
// which serves a feed. It checks the conditional GET survives each hop.
func chainServer(t *testing.T, status int) string {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") != `"e"` || !strings.HasPrefix(r.UserAgent(), "Rapport/") {
			t.Errorf("headers lost on redirect: %v", r.Header)
		}
		n, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/r/"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		if n > 0 {
			http.Redirect(w, r, fmt.Sprintf("/r/%d", n-1), status)
			return
		}
		_, _ = w.Write([]byte(rssDoc))
	})
	return srv.URL
}

func TestHostileRedirectLimit(t *testing.T) {
	tests := []struct {
		name      string
		redirects int
		max       int // 0: default of 5
		status    int
		ok, moved bool
	}{
		{"none", 0, 0, 301, true, false},
		{"5 permanent", 5, 0, 301, true, true},
		{"5 temporary", 5, 0, 302, true, false},
		{"5 via 308", 5, 0, 308, true, true},
		{"6 fails", 6, 0, 301, false, false},
		{"2 with limit 1 fails", 2, 1, 302, false, false},
		{"1 with redirects off fails", 1, -1, 302, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := chainServer(t, tt.status)
			c := newTestClient(func(o *Options) { o.MaxRedirects = tt.max })
			url := fmt.Sprintf("%s/r/%d", base, tt.redirects)
			res, err := c.Get(context.Background(), Request{URL: url, ETag: `"e"`})
			if !tt.ok {
				e := wantError(t, err, KindTooManyRedirects, "the address redirected more than")
				if e.URL != url || e.Temporary() {
					t.Errorf("URL %q Temporary %v", e.URL, e.Temporary())
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if res.URL != base+"/r/0" || string(res.Body) != rssDoc || res.Moved != tt.moved {
				t.Errorf("URL %q Moved %v body %q", res.URL, res.Moved, res.Body)
			}
		})
	}
	_, err := New(testOptions()).Get(context.Background(), Request{URL: chainServer(t, 302) + "/r/6", ETag: `"e"`})
	wantError(t, err, KindTooManyRedirects, "the address redirected more than 5 times; gave up")
}

func TestGetRedirectMixedIsNotMoved(t *testing.T) {
	var base string
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/a":
			http.Redirect(w, r, "/b", http.StatusMovedPermanently)
		case "/b":
			http.Redirect(w, r, base+"/c", http.StatusFound)
		default:
			_, _ = w.Write([]byte(rssDoc))
		}
	})
	base = srv.URL
	res, err := newTestClient(nil).Get(context.Background(), Request{URL: base + "/a"})
	if err != nil || res.Moved || res.URL != base+"/c" {
		t.Fatalf("res %+v err %v", res, err)
	}
}

func TestHostileRedirectLoop(t *testing.T) {
	tests := map[string]map[string]string{
		"self":  {"/a": "/a"},
		"two":   {"/a": "/b", "/b": "/a"},
		"three": {"/a": "/b", "/b": "/c", "/c": "/b"},
	}
	for name, hops := range tests {
		t.Run(name, func(t *testing.T) {
			srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, hops[r.URL.Path], http.StatusFound)
			})
			_, err := newTestClient(nil).Get(context.Background(), Request{URL: srv.URL + "/a"})
			e := wantError(t, err, KindRedirectLoop, "the address redirects in a loop — the site is misconfigured")
			if e.URL != srv.URL+"/a" || e.Temporary() {
				t.Errorf("URL %q Temporary %v", e.URL, e.Temporary())
			}
		})
	}
}

func TestHostileRedirectToOtherScheme(t *testing.T) {
	for _, target := range []string{
		"file:///etc/passwd", "ftp://example.com/feed.xml", "javascript:alert(1)", "gopher://example.com/",
	} {
		t.Run(target, func(t *testing.T) {
			srv := serve(t, func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Location", target)
				w.WriteHeader(http.StatusFound)
			})
			_, err := newTestClient(nil).Get(context.Background(), Request{URL: srv.URL})
			scheme, _, _ := strings.Cut(target, ":")
			e := wantError(t, err, KindScheme, fmt.Sprintf("the address redirected to a %q address", scheme+":"))
			if e.URL != srv.URL || !strings.Contains(e.Error(), "redirect to "+scheme) {
				t.Errorf("URL %q Error() %q", e.URL, e.Error())
			}
		})
	}
}
