package fetch

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

const rssDoc = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test feed</title>
<item><title>Hello</title><link>https://example.com/1</link></item>
</channel></rss>`

const atomDoc = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom test</title></feed>`

const jsonFeedDoc = `{"version": "https://jsonfeed.org/version/1.1", "title": "JSON test", "items": []}`

// testOptions are short timeouts so failure paths finish quickly, yet long
// enough that a loaded CI machine (race detector, two cores) does not trip
// them on the happy paths; stall tests set their own, shorter ones.
func testOptions() Options {
	o := DefaultOptions("test")
	o.Timeout = 5 * time.Second
	o.IdleTimeout = 2 * time.Second
	return o
}

// newTestClient returns a client with testOptions changed by mod.
func newTestClient(mod func(*Options)) *Client {
	o := testOptions()
	if mod != nil {
		mod(&o)
	}
	return New(o)
}

// serve starts an httptest server closed at the end of the test.
func serve(t testing.TB, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// serveFeed answers every request with body as an RSS document.
func serveFeed(t testing.TB, body string) *httptest.Server {
	return serve(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		_, _ = w.Write([]byte(body))
	})
}

// wantError checks err is an *Error of kind whose Plain contains plain.
func wantError(t *testing.T, err error, kind Kind, plain string) *Error {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %v", kind)
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %T %v is not *Error", err, err)
	}
	if e.Kind != kind {
		t.Fatalf("kind = %v, want %v (error: %v)", e.Kind, kind, err)
	}
	if !strings.Contains(e.Plain(), plain) {
		t.Errorf("Plain() = %q, want it to contain %q", e.Plain(), plain)
	}
	return e
}

// waitOrDone blocks until the request is cancelled or d passes, so stalled
// handlers end as soon as the client gives up and servers close promptly.
func waitOrDone(r *http.Request, d time.Duration) {
	select {
	case <-r.Context().Done():
	case <-time.After(d):
	}
}
