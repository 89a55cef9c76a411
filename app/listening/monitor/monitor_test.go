package monitor

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rapportapp/rapport/app/interacting/routing"
	"github.com/rapportapp/rapport/app/listening/fetch"
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/app/shared/workspace/workspacetest"
	"github.com/rapportapp/rapport/storage"
)

func rss(title string, items ...string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>` + title + `</title>`)
	for _, it := range items {
		b.WriteString(`<item><title>` + it + `</title><link>https://e.com/` + strings.ReplaceAll(it, " ", "-") + `</link>` +
			`<pubDate>Fri, 20 Nov 2026 10:00:00 +0000</pubDate><description>about ` + it + `</description></item>`)
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

func setup(t *testing.T) (*Service, *workspace.Workspace) {
	t.Helper()
	return setupTimeouts(t, 2*time.Second, time.Second)
}

// setupTimeouts is setup with the fetch client's timeouts given: tests
// that only need an answer give slow machines (CI, the race detector)
// room, so that a check never turns into "added without checking".
func setupTimeouts(t *testing.T, timeout, idle time.Duration) (*Service, *workspace.Workspace) {
	t.Helper()
	w := workspacetest.New(t)
	opts := fetch.DefaultOptions("test")
	opts.Timeout, opts.IdleTimeout = timeout, idle
	s := New(Params{Store: w.Store, Ingest: w.Ingest, Events: w.Events, Log: w.Log, Client: fetch.New(opts)})
	s.rnd = func() float64 { return 0.5 }
	return s, w
}

func serve(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func TestAdd(t *testing.T) {
	s, _ := setup(t)
	feedSrv := serve(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, rss("Coffee news", "one"))
	})
	page := serve(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<html><head><link rel="alternate" type="application/rss+xml" title="Posts" href="/feed.xml"><link rel="alternate" type="application/atom+xml" title="Comments" href="/comments.atom"></head><body>hi</body></html>`)
	})
	missing := serve(t, func(w http.ResponseWriter, _ *http.Request) { http.NotFound(w, nil) })
	closed := httptest.NewServer(http.NotFoundHandler())
	closedURL := closed.URL
	closed.Close()

	res, err := s.Add(context.Background(), AddRequest{URL: feedSrv.URL, Rule: `"cold brew"`})
	if err != nil || res.Source.Name != "Coffee news" || len(res.Source.RuleIDs) != 1 {
		t.Fatalf("add feed: %+v %v", res, err)
	}
	if _, err := s.Add(context.Background(), AddRequest{URL: feedSrv.URL + "/"}); !errors.Is(err, ErrDuplicate) {
		t.Errorf("duplicate: %v", err)
	}
	res, err = s.Add(context.Background(), AddRequest{URL: page.URL})
	if err != nil || len(res.Feeds) != 2 || res.Source.ID != 0 {
		t.Fatalf("web page: %+v %v", res, err)
	}
	if _, err := s.Add(context.Background(), AddRequest{URL: missing.URL}); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("404: %v", err)
	}
	res, err = s.Add(context.Background(), AddRequest{URL: closedURL})
	if err != nil || res.Warning == "" || res.Source.ID == 0 {
		t.Errorf("offline: %+v %v", res, err)
	}
	bad := []struct {
		r    AddRequest
		want string
	}{
		{AddRequest{URL: ""}, "give the address"},
		{AddRequest{URL: "ftp://e.com/feed"}, "only http and https"},
		{AddRequest{URL: "https://e.com/x", Every: 10 * time.Second, NoCheck: true}, "too often"},
		{AddRequest{URL: "https://e.com/y", Rule: `"unclosed`, NoCheck: true}, "does not parse"},
	}
	for _, b := range bad {
		if _, err := s.Add(context.Background(), b.r); err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("%+v: %v, want %q", b.r, err, b.want)
		}
	}
}

func TestCheckRecordsHealth(t *testing.T) {
	s, w := setup(t)
	var calls, cond atomic.Int32
	status := atomic.Int32{}
	status.Store(200)
	srv := serve(t, func(rw http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if r.Header.Get("If-None-Match") == `"v1"` {
			cond.Add(1)
		}
		switch status.Load() {
		case 200:
			rw.Header().Set("ETag", `"v1"`)
			fmt.Fprint(rw, rss("t", "alpha", "beta"))
		case 304:
			rw.WriteHeader(http.StatusNotModified)
		case 429:
			rw.Header().Set("Retry-After", "3600")
			rw.WriteHeader(http.StatusTooManyRequests)
		default:
			rw.WriteHeader(int(status.Load()))
		}
	})
	res, err := s.Add(context.Background(), AddRequest{URL: srv.URL, NoCheck: true})
	if err != nil {
		t.Fatal(err)
	}
	id := res.Source.ID
	get := func() storage.Source {
		var src storage.Source
		_ = w.Store.View(func(tx *storage.Tx) (err error) { src, err = tx.Sources().Get(id); return err })
		return src
	}
	o := s.Check(context.Background(), get())
	h := get().Health
	if o.Err != nil || o.Result.New != 2 || h.ETag != `"v1"` || h.Items != 2 || h.Failures != 0 || h.LastSuccess.IsZero() {
		t.Fatalf("first check: %+v health %+v", o, h)
	}
	status.Store(304)
	o = s.Check(context.Background(), get())
	if !o.Unchanged || cond.Load() != 1 {
		t.Fatalf("conditional GET: %+v (If-None-Match seen %d times)", o, cond.Load())
	}
	status.Store(500)
	s.Check(context.Background(), get())
	o = s.Check(context.Background(), get())
	h = get().Health
	if o.Err == nil || h.Failures != 2 || !strings.Contains(h.LastError, "500") {
		t.Fatalf("after two 500s: %+v health %+v", o, h)
	}
	if wait := time.Until(h.NextCheck); wait < 15*time.Minute {
		t.Errorf("after two failures the next check is in %v: no back-off", wait)
	}
	status.Store(429)
	s.Check(context.Background(), get())
	if wait := time.Until(get().Health.NextCheck); wait < 55*time.Minute {
		t.Errorf("Retry-After 3600 not honoured: next check in %v", wait)
	}
	status.Store(200)
	before := calls.Load()
	if o := s.Check(context.Background(), get()); !o.Waiting || calls.Load() != before {
		t.Errorf("asked again within Retry-After: %+v", o)
	}
	s.now = func() time.Time { return time.Now().Add(61 * time.Minute) }
	s.Check(context.Background(), get())
	if h := get().Health; h.Failures != 0 || h.LastError != "" {
		t.Errorf("success did not clear the failure: %+v", h)
	}
}

func TestHostileFailingSourceDoesNotSlowTheOthers(t *testing.T) {
	s, _ := setup(t)
	stall := make(chan struct{})
	slow := serve(t, func(rw http.ResponseWriter, _ *http.Request) {
		rw.WriteHeader(200)
		rw.(http.Flusher).Flush()
		<-stall
	})
	defer close(stall) // before the server's cleanup, which waits for its handlers
	fast := serve(t, func(rw http.ResponseWriter, _ *http.Request) { fmt.Fprint(rw, rss("fast", "x")) })
	a, _ := s.Add(context.Background(), AddRequest{URL: slow.URL, Name: "slow", NoCheck: true})
	b, _ := s.Add(context.Background(), AddRequest{URL: fast.URL, Name: "fast", NoCheck: true})
	var order []string
	sum, err := s.CheckNow(context.Background(), []uint64{a.Source.ID, b.Source.ID}, func(p Progress) {
		order = append(order, p.Last.Source.Name) // progress calls are serialised
	})
	if err != nil || sum.Sources != 2 || sum.Failed != 1 || sum.New != 1 {
		t.Fatalf("summary %+v %v", sum, err)
	}
	if len(order) != 2 || order[0] != "fast" {
		t.Errorf("finished in order %v: the fast source was held up by the stalled one", order)
	}
}

func TestPollDueChecksOnlyDueSources(t *testing.T) {
	s, w := setup(t)
	var hits atomic.Int32
	srv := serve(t, func(rw http.ResponseWriter, _ *http.Request) { hits.Add(1); fmt.Fprint(rw, rss("t", "x")) })
	a, _ := s.Add(context.Background(), AddRequest{URL: srv.URL + "/a", NoCheck: true})
	b, _ := s.Add(context.Background(), AddRequest{URL: srv.URL + "/b", NoCheck: true})
	c, _ := s.Add(context.Background(), AddRequest{URL: srv.URL + "/c", NoCheck: true})
	_ = w.Store.Update(func(tx *storage.Tx) error {
		src, _ := tx.Sources().Get(b.Source.ID)
		src.Health.NextCheck = time.Now().Add(time.Hour)
		_ = tx.Sources().Put(&src)
		src, _ = tx.Sources().Get(c.Source.ID)
		src.Disabled = true
		return tx.Sources().Put(&src)
	})
	sum := s.PollDue(context.Background())
	if sum.Sources != 1 || hits.Load() != 1 {
		t.Fatalf("polled %d sources with %d requests, want only %d", sum.Sources, hits.Load(), a.Source.ID)
	}
	// Right after, nothing is due.
	if sum := s.PollDue(context.Background()); sum.Sources != 0 {
		t.Errorf("polled again at once: %+v", sum)
	}
}

func TestListUpdateDelete(t *testing.T) {
	s, _ := setup(t)
	a, _ := s.Add(context.Background(), AddRequest{URL: "https://b.example/feed", Name: "Beta", Folder: "News", NoCheck: true, Rule: "coffee"})
	s.Add(context.Background(), AddRequest{URL: "https://a.example/feed", Name: "alpha", Folder: "News", NoCheck: true})
	vs, err := s.List()
	if err != nil || len(vs) != 2 || vs[0].Name != "alpha" || vs[1].Rules[0] != "coffee" {
		t.Fatalf("list %+v %v", vs, err)
	}
	rule := "tea OR coffee"
	if err := s.Update(a.Source.ID, Edit{Name: "Beta 2", Folder: "Blogs", Every: time.Hour, Rule: &rule}); err != nil {
		t.Fatal(err)
	}
	bad := "(("
	if err := s.Update(a.Source.ID, Edit{Rule: &bad}); err == nil {
		t.Error("a broken rule was accepted")
	}
	vs, _ = s.List()
	if vs[0].Name != "Beta 2" || vs[0].Folder != "Blogs" || vs[0].Rules[0] != rule || vs[0].Every != time.Hour || vs[1].Name != "alpha" {
		t.Errorf("after update %+v", vs)
	}
	if err := s.Delete(a.Source.ID); err != nil {
		t.Fatal(err)
	}
	if vs, _ := s.List(); len(vs) != 1 {
		t.Errorf("after delete %d sources", len(vs))
	}
}

// The list counts each source's mentions (from the store's counters, not
// by walking the source's index), and follows a delete.
func TestListCountsEachSourcesMentions(t *testing.T) {
	s, w := setup(t)
	a := serve(t, func(rw http.ResponseWriter, _ *http.Request) { fmt.Fprint(rw, rss("a", "one", "two", "three")) })
	b := serve(t, func(rw http.ResponseWriter, _ *http.Request) { fmt.Fprint(rw, rss("b", "four")) })
	ra, _ := s.Add(context.Background(), AddRequest{URL: a.URL, Name: "A", NoCheck: true})
	rb, _ := s.Add(context.Background(), AddRequest{URL: b.URL, Name: "B", NoCheck: true})
	s.Check(context.Background(), ra.Source)
	s.Check(context.Background(), rb.Source)
	counts := func() []int {
		vs, err := s.List()
		if err != nil {
			t.Fatal(err)
		}
		var out []int
		for _, v := range vs {
			out = append(out, v.Mentions)
		}
		return out
	}
	if got := counts(); !slices.Equal(got, []int{3, 1}) {
		t.Fatalf("mentions per source %v, want [3 1]", got)
	}
	err := w.Store.Update(func(tx *storage.Tx) error {
		ids, _, err := tx.MentionIDs(storage.MentionsFromSource(ra.Source.ID), nil, 1)
		if err != nil || len(ids) != 1 {
			return fmt.Errorf("no mention of A: %v", err)
		}
		return tx.Mentions().Delete(ids[0])
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := counts(); !slices.Equal(got, []int{2, 1}) {
		t.Errorf("after a delete, mentions per source %v, want [2 1]", got)
	}
}

func TestPreviewAndApplyRules(t *testing.T) {
	s, w := setup(t)
	srv := serve(t, func(rw http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(rw, rss("t", "cold brew cans", "espresso beans", "cold brew concentrate", "tea"))
	})
	res, _ := s.Add(context.Background(), AddRequest{URL: srv.URL, NoCheck: true})
	s.Check(context.Background(), res.Source)
	p, err := s.PreviewRule(`"cold brew"`, res.Source.ID)
	if err != nil || p.Matched != 2 || p.Total != 4 || len(p.Sample) != 2 {
		t.Fatalf("preview %+v %v", p, err)
	}
	if _, err := s.PreviewRule(`"cold brew`, 0); err == nil || !strings.Contains(err.Error(), "col 1") {
		t.Errorf("syntax error should say where: %v", err)
	}
	rule := "espresso OR tea"
	if err := s.Update(res.Source.ID, Edit{Rule: &rule}); err != nil {
		t.Fatal(err)
	}
	matched, total, err := s.ApplyRules(res.Source.ID)
	if err != nil || matched != 2 || total != 4 {
		t.Fatalf("apply: %d of %d, %v", matched, total, err)
	}
	_ = w.Store.View(func(tx *storage.Tx) error {
		return tx.Mentions().Each(func(m *storage.Mention) error {
			marked := len(m.RuleIDs) > 0
			want := strings.Contains(m.Title, "espresso") || m.Title == "tea"
			if marked != want || (want && len(m.Matches) == 0) {
				t.Errorf("%q: rule ids %v matches %v", m.Title, m.RuleIDs, m.Matches)
			}
			return nil
		})
	})
}

func TestNewMentionsAreRouted(t *testing.T) {
	s, w := setup(t)
	_ = w.SetTeam([]workspace.TeamMember{{Name: "Kim Park", Email: "kim@e.com", Role: "online shop & support"}})
	_ = w.Store.Update(func(tx *storage.Tx) error {
		return routing.Save(tx, routing.Set{Rules: []routing.Rule{{ID: "r1", Name: "Shop", Intents: []string{"complaint"}, Owner: "Kim Park"}}})
	})
	srv := serve(t, func(rw http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(rw, `<rss version="2.0"><channel><title>t</title>`+
			`<item><title>My order never arrived and nobody answers my emails</title><link>https://e.com/1</link></item>`+
			`<item><title>Lovely cortado this morning</title><link>https://e.com/2</link></item></channel></rss>`)
	})
	res, _ := s.Add(context.Background(), AddRequest{URL: srv.URL, NoCheck: true})
	if sum, err := s.CheckNow(context.Background(), []uint64{res.Source.ID}, nil); err != nil || sum.New != 2 {
		t.Fatalf("check %+v %v", sum, err)
	}
	_ = w.Store.View(func(tx *storage.Tx) error {
		return tx.Mentions().Each(func(m *storage.Mention) error {
			complaint := strings.Contains(m.Title, "never arrived")
			if complaint && (m.Owner != "Kim Park" || len(m.History) != 1) {
				t.Errorf("complaint not routed: owner %q history %+v (analysis %+v)", m.Owner, m.History, m.Analysis)
			}
			if !complaint && m.Owner != "" {
				t.Errorf("praise routed to %q", m.Owner)
			}
			return nil
		})
	})
}
