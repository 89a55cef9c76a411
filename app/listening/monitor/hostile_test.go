package monitor

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rapportapp/rapport/app/listening/feed"
	"github.com/rapportapp/rapport/app/listening/fetch"
	"github.com/rapportapp/rapport/storage"
)

// sourceOf reads a source back.
func sourceOf(t *testing.T, s *Service, id uint64) storage.Source {
	t.Helper()
	var src storage.Source
	if err := s.p.Store.View(func(tx *storage.Tx) (err error) { src, err = tx.Sources().Get(id); return err }); err != nil {
		t.Fatal(err)
	}
	return src
}

// TestHostileHugeFeedSaysSoInItsHealth checks that a feed cut to
// feed.MaxEntries items does not pass for "ok": its health says how many
// it had, and a later check of a normal size clears the warning.
func TestHostileHugeFeedSaysSoInItsHealth(t *testing.T) {
	s, _ := setup(t)
	var items atomic.Int32
	items.Store(feed.MaxEntries + 1)
	srv := serve(t, func(w http.ResponseWriter, _ *http.Request) {
		var b strings.Builder
		b.WriteString(`<rss version="2.0"><channel><title>huge</title>`)
		for i := range int(items.Load()) {
			fmt.Fprintf(&b, `<item><link>https://e.com/%d</link></item>`, i)
		}
		b.WriteString(`</channel></rss>`)
		fmt.Fprint(w, b.String())
	})
	res, err := s.Add(context.Background(), AddRequest{URL: srv.URL, NoCheck: true})
	if err != nil {
		t.Fatal(err)
	}
	o := s.Check(context.Background(), res.Source)
	h := sourceOf(t, s, res.Source.ID).Health
	want := "read the first 5,000 of the feed's 5,001 items"
	if o.Err != nil || !strings.Contains(o.Warning, want) || !strings.Contains(h.Warning, want) || h.Items != feed.MaxEntries {
		t.Fatalf("outcome %+v, health %+v; want the warning %q", o, h, want)
	}
	items.Store(3)
	s.Check(context.Background(), sourceOf(t, s, res.Source.ID))
	if h := sourceOf(t, s, res.Source.ID).Health; h.Warning != "" {
		t.Errorf("warning kept after a normal check: %q", h.Warning)
	}
}

// TestHostileRateLimitedSourceIsNotAskedAgainAtOnce checks that after a 429
// with Retry-After, checking the source again — as the owner does with
// "check now" — does not ask the server before the time it gave, and says
// when it will.
func TestHostileRateLimitedSourceIsNotAskedAgainAtOnce(t *testing.T) {
	s, _ := setup(t)
	var calls atomic.Int32
	srv := serve(t, func(w http.ResponseWriter, _ *http.Request) {
		if calls.Add(1) == 1 {
			w.Header().Set("Retry-After", "3600")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		fmt.Fprint(w, rss("t", "alpha"))
	})
	res, err := s.Add(context.Background(), AddRequest{URL: srv.URL, NoCheck: true})
	if err != nil {
		t.Fatal(err)
	}
	id := res.Source.ID
	if _, err := s.CheckNow(context.Background(), []uint64{id}, nil); err != nil {
		t.Fatal(err)
	}
	var last Outcome
	sum, err := s.CheckNow(context.Background(), []uint64{id}, func(p Progress) { last = p.Last })
	if err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 1 {
		t.Fatalf("the server was asked %d times; want once within its Retry-After", calls.Load())
	}
	when := time.Now().Add(time.Hour).Local().Format("15:04")
	if !last.Waiting || last.Err == nil || !strings.Contains(last.Err.Error(), when) || sum.Waiting != 1 {
		t.Fatalf("outcome %+v (summary %+v); want it waiting until %s and saying so", last, sum, when)
	}
	// An hour later the server is asked again.
	s.now = func() time.Time { return time.Now().Add(61 * time.Minute) }
	if _, err := s.CheckNow(context.Background(), []uint64{id}, nil); err != nil || calls.Load() != 2 {
		t.Fatalf("after the wait: %d calls, %v", calls.Load(), err)
	}
	if h := sourceOf(t, s, id).Health; !h.RetryAfter.IsZero() || h.LastError != "" {
		t.Errorf("health after success: %+v", h)
	}
}

// opmlOf is an OPML file listing n feeds, a tenth of them in folders and
// with a watch rule, and one address twice.
func opmlOf(n int) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><opml version="2.0" xmlns:rapport="https://rapport.app/opml"><head><title>many</title></head><body>`)
	for i := range n {
		if i%10 == 0 {
			fmt.Fprintf(&b, `<outline text="folder %d"><outline type="rss" text="feed %d" xmlUrl="https://f%d.example/feed" rapport:rule="coffee"/></outline>`, i, i, i)
			continue
		}
		fmt.Fprintf(&b, `<outline type="rss" text="feed %d" xmlUrl="https://f%d.example/feed"/>`, i, i)
	}
	b.WriteString(`<outline type="rss" text="again" xmlUrl="https://f1.example/feed"/></body></opml>`)
	return []byte(b.String())
}

// TestHostileOPMLImportIsLinear guards against the import time growing
// with the square of the outlines (10,000 took three minutes): 8× the
// outlines may take at most 32× the time, half of the 65× the quadratic
// import took (linear is 6-10×; a loaded machine running the race detector
// has measured 28×). Each run imports into a fresh workspace, opened
// before the clock starts.
func TestHostileOPMLImportIsLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 27,000 outlines")
	}
	const small, big = 1000, 8000
	files := map[int][]byte{small: opmlOf(small), big: opmlOf(big)}
	// Each import needs an empty workspace, opened before its clock starts,
	// so the import is timed here rather than with linear.Growth, which
	// calls its function many times: the best of three of each size.
	importTime := func(size int) time.Duration {
		s, _ := setup(t)
		start := time.Now()
		res, err := s.ImportOPML(bytes.NewReader(files[size]))
		d := time.Since(start)
		if err != nil || len(res.Added) != size {
			t.Fatalf("import of %d: %d added, %v", size, len(res.Added), err)
		}
		return d
	}
	best := func(size int) time.Duration {
		b := importTime(size)
		for range 2 {
			b = min(b, importTime(size))
		}
		return b
	}
	r := float64(best(big)) / float64(best(small))
	t.Logf("8x the outlines took %.1fx the time", r)
	if r > 32 {
		t.Errorf("8x the outlines took %.0fx the time: the import is not linear", r)
	}
}

// hugeItemFeeds are feeds of about 18 MB with one item of plain text, as
// RSS, RSS with HTML in CDATA, Atom and JSON Feed.
func hugeItemFeeds() map[string][]byte {
	words := strings.Repeat("lorem ipsum dolor sit amet ", 18<<20/27)
	return map[string][]byte{
		"rss": []byte(`<rss version="2.0"><channel><title>t</title><item><title>x</title><link>https://e.com/1</link><description>` +
			words + `</description></item></channel></rss>`),
		"rss-html": []byte(`<rss version="2.0"><channel><title>t</title><item><title>x</title><link>https://e.com/2</link><description><![CDATA[<p>` +
			strings.ReplaceAll(words[:16<<20], "amet ", "amet</p><p>") + `</p>]]></description></item></channel></rss>`),
		"atom": []byte(`<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><id>urn:x:3</id><title>x</title><content type="text">` +
			words + `</content></entry></feed>`),
		"json": []byte(`{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{"id":"urn:x:4","content_text":"` + words + `"}]}`),
	}
}

// heapGrowth runs f and returns the largest growth of the heap in use
// above where it started, sampled every millisecond while f runs.
func heapGrowth(f func()) uint64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	start := s[0].Value.Uint64()
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		for {
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-time.After(time.Millisecond):
			}
		}
	})
	f()
	close(done)
	wg.Wait()
	return peak.Load() - min(peak.Load(), start)
}

// TestHostileHugeItemsFetchInBoundedMemory fetches four sources whose one
// item is 18 MB of text at once. One such item used to cost about 85 times
// its size (four sources: 3.8 GB); the heap may now grow by at most 300 MB
// (400 MB under the race detector).
func TestHostileHugeItemsFetchInBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("fetches 70 MB")
	}
	s, w := setup(t)
	s.client = fetch.New(fetch.Options{Timeout: time.Minute, IdleTimeout: 30 * time.Second})
	var ids []uint64
	for name, body := range hugeItemFeeds() {
		srv := serve(t, func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write(body) })
		src := storage.Source{Name: name, URL: srv.URL}
		if err := w.Store.Update(func(tx *storage.Tx) error { return tx.Sources().Put(&src) }); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, src.ID)
	}
	var sum Summary
	grew := heapGrowth(func() {
		var err error
		if sum, err = s.CheckNow(context.Background(), ids, nil); err != nil {
			t.Fatal(err)
		}
	})
	t.Logf("the heap in use grew by at most %d MB", grew>>20)
	if sum.Failed != 0 || sum.New != 4 {
		t.Fatalf("summary %+v: want 4 new mentions", sum)
	}
	limit := uint64(300 << 20)
	if raceEnabled {
		limit = 400 << 20 // the race detector's instrumented code allocates more
	}
	if grew > limit {
		t.Errorf("the heap grew by %d MB for four 18 MB items; want at most %d MB", grew>>20, limit>>20)
	}
}

// TestHostileRateLimitedSourceIsAddedAndLeftAlone adds a source whose
// server answers 429 with Retry-After: it is added with a warning (the
// server is there, only busy), and the check that follows does not ask it
// before the time it gave.
func TestHostileRateLimitedSourceIsAddedAndLeftAlone(t *testing.T) {
	s, _ := setup(t)
	var calls atomic.Int32
	srv := serve(t, func(w http.ResponseWriter, _ *http.Request) {
		calls.Add(1)
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusTooManyRequests)
	})
	res, err := s.Add(context.Background(), AddRequest{URL: srv.URL})
	if err != nil || !strings.Contains(res.Warning, "429") {
		t.Fatalf("add: %+v, %v; want it added with a warning", res, err)
	}
	sum, err := s.CheckNow(context.Background(), nil, nil)
	if err != nil || sum.Waiting != 1 || calls.Load() != 1 {
		t.Fatalf("check after add: %+v, %v, the server asked %d times; want it left alone", sum, err, calls.Load())
	}
}
