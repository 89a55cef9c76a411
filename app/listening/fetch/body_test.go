package fetch

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

// compress encodes data with the named Content-Encoding.
func compress(t testing.TB, encoding string, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	var w io.WriteCloser
	switch encoding {
	case "gzip":
		w = gzip.NewWriter(&buf)
	case "zlib":
		w = zlib.NewWriter(&buf)
	case "flate":
		w, _ = flate.NewWriter(&buf, flate.BestCompression)
	default:
		t.Fatalf("unknown encoding %q", encoding)
	}
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGetDecodes(t *testing.T) {
	tests := []struct {
		name, header string
		body         []byte
	}{
		{"gzip", "gzip", compress(t, "gzip", []byte(rssDoc))},
		{"x-gzip", "x-gzip", compress(t, "gzip", []byte(rssDoc))},
		{"deflate as zlib", "deflate", compress(t, "zlib", []byte(rssDoc))},
		{"deflate raw", "deflate", compress(t, "flate", []byte(rssDoc))},
		{"gzip twice", "gzip, gzip", compress(t, "gzip", compress(t, "gzip", []byte(rssDoc)))},
		{"identity", "identity", []byte(rssDoc)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := serve(t, func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Encoding", tt.header)
				_, _ = w.Write(tt.body)
			})
			res, err := newTestClient(nil).Get(context.Background(), Request{URL: srv.URL})
			if err != nil {
				t.Fatal(err)
			}
			if string(res.Body) != rssDoc {
				t.Errorf("body = %q", res.Body)
			}
		})
	}
}

func TestHostileBadContentEncoding(t *testing.T) {
	gz := compress(t, "gzip", []byte(rssDoc))
	corrupt := bytes.Clone(gz)
	corrupt[len(corrupt)-5] ^= 0xff // break the CRC
	tests := []struct {
		name, header string
		body         []byte
	}{
		{"not gzip", "gzip", []byte(rssDoc)},
		{"bad checksum", "gzip", corrupt},
		{"unknown coding", "br", []byte(rssDoc)},
		{"empty deflate", "deflate", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := serve(t, func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Encoding", tt.header)
				_, _ = w.Write(tt.body)
			})
			_, err := newTestClient(nil).Get(context.Background(), Request{URL: srv.URL})
			e := wantError(t, err, KindEncoding, "damaged or unknown compressed form")
			if e.Temporary() {
				t.Error("encoding errors should not be temporary")
			}
		})
	}
}

func TestHostileOversizedBody(t *testing.T) {
	big := bytes.Repeat([]byte("x"), 3<<20)
	tests := []struct {
		name    string
		handler http.HandlerFunc
	}{
		{"chunked", func(w http.ResponseWriter, _ *http.Request) {
			for i := 0; i < 3; i++ { // several writes: no Content-Length
				_, _ = w.Write(big[:1<<20])
				w.(http.Flusher).Flush()
			}
		}},
		{"content-length", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Length", strconv.Itoa(len(big)))
			_, _ = w.Write(big)
		}},
		{"gzip", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			_, _ = w.Write(compress(t, "gzip", big))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := serve(t, tt.handler)
			c := newTestClient(func(o *Options) { o.MaxBytes = 1 << 20 })
			_, err := c.Get(context.Background(), Request{URL: srv.URL})
			e := wantError(t, err, KindTooLarge, "the feed is larger than 1 MB; stopped reading")
			if e.Temporary() || !errors.Is(err, errTooLarge) {
				t.Errorf("Temporary %v, errors.Is(errTooLarge) %v", e.Temporary(), errors.Is(err, errTooLarge))
			}
		})
	}
	// Exactly MaxBytes is fine.
	srv := serve(t, func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write(big[:1<<20]) })
	res, err := newTestClient(func(o *Options) { o.MaxBytes = 1 << 20 }).Get(context.Background(), Request{URL: srv.URL})
	if err != nil || len(res.Body) != 1<<20 {
		t.Fatalf("body of exactly MaxBytes: %v", err)
	}
}

// bombMember is one gzip member holding 1 MiB of zeros (about 1 KB).
// Concatenated members are one valid gzip stream (RFC 1952 §2.2), so
// repeating it serves "10 GiB of zeros" without compressing anything.
func bombMember(t testing.TB) []byte {
	return compress(t, "gzip", make([]byte, 1<<20))
}

// bombReader yields n copies of member, counting the bytes handed out.
type bombReader struct {
	member []byte
	left   int
	off    int
	read   int64
}

func (b *bombReader) Read(p []byte) (int, error) {
	if b.left == 0 {
		return 0, io.EOF
	}
	n := copy(p, b.member[b.off:])
	b.off += n
	b.read += int64(n)
	if b.off == len(b.member) {
		b.off, b.left = 0, b.left-1
	}
	return n, nil
}

func TestHostileGzipBomb(t *testing.T) {
	member := bombMember(t)
	var sent atomic.Int64
	srv := serve(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Header().Set("Content-Encoding", "gzip")
		for range 10 << 10 { // 10 GiB decompressed
			n, err := w.Write(member)
			sent.Add(int64(n))
			if err != nil {
				return // the client hung up at the cap
			}
		}
	})
	c := newTestClient(func(o *Options) { o.MaxBytes = 4 << 20 })
	_, err := c.Get(context.Background(), Request{URL: srv.URL})
	wantError(t, err, KindTooLarge, "the feed is larger than 4 MB; stopped reading")
	srv.Close() // wait for the handler to notice the hang-up
	if total := int64(len(member)) * 10 << 10; sent.Load() >= total {
		t.Errorf("server sent the whole bomb (%d bytes)", sent.Load())
	}
}

func TestHostileGzipBombStopsEarly(t *testing.T) {
	const limit = 4 << 20
	src := &bombReader{member: bombMember(t), left: 10 << 10}
	_, w, stop := newWatchdog(context.Background(), time.Minute)
	defer stop()
	_, err := readBody(src, w, "gzip", limit, false, -1)
	if !errors.Is(err, errTooLarge) {
		t.Fatalf("err = %v, want errTooLarge", err)
	}
	// 4 MiB of output needs 4-5 members; allow for buffering.
	if max := int64(len(src.member))*8 + 64<<10; src.read > max {
		t.Errorf("read %d compressed bytes for a %d byte cap, want <= %d", src.read, limit, max)
	}
}

func TestReadBodyPeekTruncates(t *testing.T) {
	_, w, stop := newWatchdog(context.Background(), time.Minute)
	defer stop()
	body, err := readBody(bytes.NewReader(bytes.Repeat([]byte("a"), 100)), w, "", 10, true, 100)
	if err != nil || len(body) != 10 {
		t.Fatalf("peek = %d bytes, %v", len(body), err)
	}
}

func TestGetSlowBodyWithinTimeout(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, _ *http.Request) {
		for i := range 6 { // 6 × 50 ms: each gap well under the 300 ms idle timeout
			_, _ = w.Write([]byte(rssDoc[i*10 : i*10+10]))
			w.(http.Flusher).Flush()
			time.Sleep(50 * time.Millisecond)
		}
	})
	res, err := newTestClient(nil).Get(context.Background(), Request{URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if string(res.Body) != rssDoc[:60] {
		t.Errorf("body = %q", res.Body)
	}
}

func TestHostileStalledServers(t *testing.T) {
	tests := []struct {
		name    string
		handler http.HandlerFunc
	}{
		{"body stalls after headers", func(w http.ResponseWriter, r *http.Request) {
			_, _ = w.Write([]byte("<rss>"))
			w.(http.Flusher).Flush()
			waitOrDone(r, 5*time.Second)
		}},
		{"gzip body stalls", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			w.WriteHeader(200)
			w.(http.Flusher).Flush()
			waitOrDone(r, 5*time.Second)
		}},
		{"no headers", func(_ http.ResponseWriter, r *http.Request) {
			waitOrDone(r, 5*time.Second)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := serve(t, tt.handler)
			start := time.Now()
			c := newTestClient(func(o *Options) { o.IdleTimeout = 300 * time.Millisecond })
			_, err := c.Get(context.Background(), Request{URL: srv.URL})
			e := wantError(t, err, KindTimeout, "the server stopped sending data (nothing for 300 ms); will retry later")
			if !e.Temporary() || !errors.Is(err, errIdleTimeout) {
				t.Errorf("Temporary %v, errors.Is(errIdleTimeout) %v: %v", e.Temporary(), errors.Is(err, errIdleTimeout), err)
			}
			if d := time.Since(start); d > 4*time.Second { // before the server's 5 s
				t.Errorf("idle timeout fired after %v", d)
			}
		})
	}
}

func TestHostileTricklingServer(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		for r.Context().Err() == nil { // trickle forever, never idle
			_, _ = w.Write([]byte(" "))
			w.(http.Flusher).Flush()
			time.Sleep(20 * time.Millisecond)
		}
	})
	c := newTestClient(func(o *Options) { o.Timeout = 400 * time.Millisecond })
	start := time.Now()
	_, err := c.Get(context.Background(), Request{URL: srv.URL})
	wantError(t, err, KindTimeout, "the server took too long to answer (400 ms)")
	if d := time.Since(start); d < 350*time.Millisecond || d > 15*time.Second { // it trickles forever: a hang detector
		t.Errorf("timeout after %v", d)
	}
}
