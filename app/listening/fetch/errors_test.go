package fetch

import (
	"context"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// dialTransport is a transport whose connections fail with err.
func dialTransport(err error) *http.Transport {
	t := defaultTransport(2)
	t.DialContext = func(context.Context, string, string) (net.Conn, error) { return nil, err }
	return t
}

func TestGetNetworkErrors(t *testing.T) {
	// A port that was just closed refuses connections.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedAddr := ln.Addr().String()
	ln.Close()

	tlsSrv := httptest.NewUnstartedServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake is expected
	tlsSrv.StartTLS()
	t.Cleanup(tlsSrv.Close)

	dnsErr := &net.DNSError{Err: "no such host", Name: "feeds.example.invalid", IsNotFound: true}
	tests := []struct {
		name      string
		url       string
		transport http.RoundTripper
		kind      Kind
		temporary bool
		plain     string
	}{
		{
			"dns", "https://feeds.example.invalid/rss", dialTransport(dnsErr), KindDNS, true,
			"could not find the server feeds.example.invalid — check the address or your internet connection",
		},
		{
			"refused", "http://" + closedAddr + "/feed", nil, KindRefused, true,
			"the server " + closedAddr + " refused the connection — the site may be down; will retry later",
		},
		{
			"untrusted certificate", tlsSrv.URL, nil, KindTLS, false,
			"could not make a secure connection to 127.0.0.1 — its security certificate is not valid",
		},
		{
			"reset", "http://example.com/", dialTransport(errors.New("connection reset by peer")), KindNetwork, true,
			"could not reach example.com; will retry later",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newTestClient(func(o *Options) { o.Transport = tt.transport })
			_, err := c.Get(context.Background(), Request{URL: tt.url})
			e := wantError(t, err, tt.kind, tt.plain)
			if e.Plain() != tt.plain || e.Temporary() != tt.temporary {
				t.Errorf("Plain %q Temporary %v", e.Plain(), e.Temporary())
			}
			if !strings.HasPrefix(e.Error(), "fetch "+tt.url+": "+tt.kind.String()) || e.Unwrap() == nil {
				t.Errorf("Error() = %q, Unwrap %v", e.Error(), e.Unwrap())
			}
		})
	}
}

func TestErrorText(t *testing.T) {
	at := time.Date(2024, 5, 1, 14, 5, 0, 0, time.UTC)
	e := &Error{
		Kind: KindRateLimited, Status: 429, URL: "https://example.com/feed",
		Err: errors.New("boom"), RetryAfter: at,
	}
	want := "fetch https://example.com/feed: rate limited (http 429): boom; retry after 2024-05-01T14:05:00Z"
	if e.Error() != want {
		t.Errorf("Error() = %q, want %q", e.Error(), want)
	}
	if !errors.Is(e, e.Err) {
		t.Error("Unwrap does not reach Err")
	}
	if got := (&Error{Kind: KindTLS}).Plain(); got != "could not fetch the feed (tls)" {
		t.Errorf("fallback Plain() = %q", got)
	}
	if got := Kind(99).String(); got != "kind(99)" {
		t.Errorf("Kind(99) = %q", got)
	}
	soon := time.Now().Add(90 * time.Minute)
	if got := statusError("u", 429, soon).Plain(); got != "the server asked us to slow down (429); next try after "+soon.Local().Format("15:04") {
		t.Errorf("429 Plain() = %q", got)
	}
	later := time.Now().Add(30 * time.Hour)
	if got := statusError("u", 503, later).Plain(); !strings.HasSuffix(got, later.Local().Format("Mon 2 Jan 15:04")) {
		t.Errorf("503 Plain() = %q", got)
	}
}

func TestTemporary(t *testing.T) {
	tests := []struct {
		kind   Kind
		status int
		want   bool
	}{
		{KindDNS, 0, true},
		{KindRefused, 0, true},
		{KindNetwork, 0, true},
		{KindTimeout, 0, true},
		{KindCanceled, 0, true},
		{KindRateLimited, 429, true},
		{KindServer, 500, true},
		{KindHTTP, 408, true},
		{KindHTTP, 400, false},
		{KindNotFound, 404, false},
		{KindGone, 410, false},
		{KindDenied, 403, false},
		{KindTLS, 0, false},
		{KindScheme, 0, false},
		{KindBadURL, 0, false},
		{KindTooLarge, 0, false},
		{KindEncoding, 0, false},
		{KindRedirectLoop, 0, false},
		{KindTooManyRedirects, 0, false},
		{KindNotFeed, 0, false},
		{KindNoFeeds, 0, false},
		{KindOther, 0, false},
	}
	for _, tt := range tests {
		if got := (&Error{Kind: tt.kind, Status: tt.status}).Temporary(); got != tt.want {
			t.Errorf("%v %d: Temporary() = %v, want %v", tt.kind, tt.status, got, tt.want)
		}
	}
}

func TestFormat(t *testing.T) {
	durations := map[time.Duration]string{
		30 * time.Second: "30 s", 15 * time.Second: "15 s", 300 * time.Millisecond: "300 ms",
		1500 * time.Millisecond: "1.5 s", 2 * time.Minute: "120 s",
	}
	for d, want := range durations {
		if got := formatDuration(d); got != want {
			t.Errorf("formatDuration(%v) = %q, want %q", d, got, want)
		}
	}
	sizes := map[int64]string{
		20 << 20: "20 MB", 1 << 20: "1 MB", 3 << 19: "1.5 MB", 512 << 10: "512 KB", 900: "900 bytes",
	}
	for n, want := range sizes {
		if got := formatSize(n); got != want {
			t.Errorf("formatSize(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestDefaultTimeoutMessage(t *testing.T) {
	c := New(DefaultOptions("0.1"))
	e := c.contextError("https://example.com/", errOverallTimeout, errors.New("x"))
	if e.Plain() != "the server took too long to answer (30 s)" || !errors.Is(e, errOverallTimeout) {
		t.Errorf("Plain() = %q err %v", e.Plain(), e.Err)
	}
}
