package fetch

import (
	"context"
	"net/url"
	"strings"
	"sync"
)

// limiter hands out request slots: a few per host and a few overall.
// Waiting honours the context, so a cancelled check leaves the queue at once.
type limiter struct {
	total   chan struct{}
	perHost int

	mu    sync.Mutex
	hosts map[string]*hostSlots
}

// hostSlots is one host's semaphore; users counts holders and waiters so the
// entry can be dropped when nobody needs it and the map stays small.
type hostSlots struct {
	ch    chan struct{}
	users int
}

func newLimiter(perHost, total int) *limiter {
	return &limiter{
		total:   make(chan struct{}, total),
		perHost: perHost,
		hosts:   make(map[string]*hostSlots),
	}
}

// acquire waits for a slot for host and one overall, in that order: a request
// queued behind its own host must not sit on one of the shared slots while
// other hosts could use it. The returned func releases both.
func (l *limiter) acquire(ctx context.Context, host string) (func(), error) {
	h := l.join(host)
	select {
	case h.ch <- struct{}{}:
	case <-ctx.Done():
		l.leave(host, h)
		return nil, context.Cause(ctx)
	}
	select {
	case l.total <- struct{}{}:
	case <-ctx.Done():
		<-h.ch
		l.leave(host, h)
		return nil, context.Cause(ctx)
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			<-l.total
			<-h.ch
			l.leave(host, h)
		})
	}, nil
}

func (l *limiter) join(host string) *hostSlots {
	l.mu.Lock()
	defer l.mu.Unlock()
	h := l.hosts[host]
	if h == nil {
		h = &hostSlots{ch: make(chan struct{}, l.perHost)}
		l.hosts[host] = h
	}
	h.users++
	return h
}

func (l *limiter) leave(host string, h *hostSlots) {
	l.mu.Lock()
	defer l.mu.Unlock()
	h.users--
	if h.users == 0 {
		delete(l.hosts, host)
	}
}

// hostKey is the politeness key of u: lower-cased host with its port, the
// scheme's default port dropped so example.com and example.com:443 match.
func hostKey(u *url.URL) string {
	host := strings.ToLower(u.Hostname())
	port := u.Port()
	if port == "" || (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		return host
	}
	return host + ":" + port
}
