package fetch

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// gauge tracks how many handlers run at once and the highest count seen.
type gauge struct{ now, peak atomic.Int32 }

func (g *gauge) enter() {
	n := g.now.Add(1)
	for {
		p := g.peak.Load()
		if n <= p || g.peak.CompareAndSwap(p, n) {
			return
		}
	}
}

func (g *gauge) leave() { g.now.Add(-1) }

func TestGetConcurrencyLimits(t *testing.T) {
	const servers, perServer = 6, 5
	var all gauge
	hosts := make([]*gauge, servers)
	urls := make([]string, servers)
	for i := range servers {
		g := &gauge{}
		hosts[i] = g
		urls[i] = serve(t, func(w http.ResponseWriter, _ *http.Request) {
			g.enter()
			all.enter()
			time.Sleep(40 * time.Millisecond)
			all.leave()
			g.leave()
			_, _ = w.Write([]byte(rssDoc))
		}).URL
	}
	c := New(testOptions()) // PerHost 2, Total 8
	var wg sync.WaitGroup
	for i := range servers * perServer {
		wg.Go(func() {
			if _, err := c.Get(context.Background(), Request{URL: urls[i%servers]}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	for i, g := range hosts {
		if p := g.peak.Load(); p > 2 {
			t.Errorf("server %d (%s) saw %d concurrent requests, want <= 2", i, urls[i], p)
		}
	}
	// Six hosts × 2 could run 12 at once; the overall limit holds it to 8.
	t.Logf("peak overall concurrency %d", all.peak.Load())
	if p := all.peak.Load(); p > 8 || p < 3 {
		t.Errorf("peak overall concurrency = %d, want 3..8", p)
	}
	if n := len(c.slots.hosts); n != 0 {
		t.Errorf("limiter still tracks %d hosts", n)
	}
}

// blockingServer holds every request until release is closed.
func blockingServer(t *testing.T) (srv *httptest.Server, entered chan struct{}, release chan struct{}) {
	entered, release = make(chan struct{}, 16), make(chan struct{})
	srv = serve(t, func(w http.ResponseWriter, _ *http.Request) {
		entered <- struct{}{}
		<-release
		_, _ = w.Write([]byte(rssDoc))
	})
	return srv, entered, release
}

func TestGetCancelWhileWaitingForSlot(t *testing.T) {
	tests := []struct {
		name   string
		opts   func(*Options)
		second func(a, b string) string // which server the waiting request goes to
	}{
		{"host slot", func(o *Options) { o.PerHost = 1 }, func(a, _ string) string { return a }},
		{"overall slot", func(o *Options) { o.PerHost, o.Total = 1, 1 }, func(_, b string) string { return b }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, entered, release := blockingServer(t)
			b := serveFeed(t, rssDoc)
			c := newTestClient(tt.opts)
			done := make(chan error, 1)
			go func() {
				_, err := c.Get(context.Background(), Request{URL: a.URL})
				done <- err
			}()
			<-entered // the first request holds the slot

			ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
			defer cancel()
			start := time.Now()
			_, err := c.Get(ctx, Request{URL: tt.second(a.URL, b.URL)})
			wantError(t, err, KindTimeout, "the check ran out of time")
			if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 4*time.Second { // a hang detector, not a timing target
				t.Errorf("err %v after %v", err, time.Since(start))
			}

			ctx2, cancel2 := context.WithCancel(context.Background())
			go func() { time.Sleep(20 * time.Millisecond); cancel2() }()
			_, err = c.Get(ctx2, Request{URL: tt.second(a.URL, b.URL)})
			wantError(t, err, KindCanceled, "the check was cancelled")
			if !errors.Is(err, context.Canceled) {
				t.Errorf("err %v does not wrap context.Canceled", err)
			}

			close(release)
			if err := <-done; err != nil {
				t.Fatal(err)
			}
			// Slots are free again.
			if _, err := c.Get(context.Background(), Request{URL: b.URL}); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestHostKey(t *testing.T) {
	tests := map[string]string{
		"http://Example.COM/feed":       "example.com",
		"http://example.com:80/feed":    "example.com",
		"https://example.com:443/":      "example.com",
		"https://example.com:8443/":     "example.com:8443",
		"http://example.com:443/":       "example.com:443",
		"http://127.0.0.1:38211/":       "127.0.0.1:38211",
		"http://[::1]:8080/":            "::1:8080",
		"https://user:pw@example.org/x": "example.org",
	}
	for raw, want := range tests {
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		if got := hostKey(u); got != want {
			t.Errorf("hostKey(%s) = %q, want %q", raw, got, want)
		}
	}
}
