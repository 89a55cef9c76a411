package monitor

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/rapportapp/rapport/app/listening/feed"
	"github.com/rapportapp/rapport/app/listening/fetch"
	"github.com/rapportapp/rapport/app/shared/query"
	"github.com/rapportapp/rapport/app/shared/secrets"
	"github.com/rapportapp/rapport/storage"
)

// AddRequest describes a source to add.
type AddRequest struct {
	URL    string
	Name   string        // default: the feed's title
	Kind   string        // reddit, mastodon, …; default: guessed from links
	Folder string        //
	Rule   string        // a watch rule query; empty keeps every entry
	Every  time.Duration // default 15 minutes, at least 1 minute
	// NoCheck adds the source without fetching it first (offline).
	NoCheck bool

	retryAfter time.Time // when the server, asked before adding, wants to be asked again
	warning    string    // set by saveAll when the password could not go to the keyring
}

// AddResult says what adding did.
type AddResult struct {
	Source storage.Source
	// Feeds lists the feeds found when the address was a web page; nothing
	// was added then: add one of them.
	Feeds []fetch.FeedLink
	// Warning is set when the source was added but could not be checked
	// (offline, say); the poller will try again.
	Warning string
}

// ErrDuplicate reports an address that is already a source.
var ErrDuplicate = errors.New("already watching this feed")

// Add checks and adds a source. A web page's address yields its feeds
// instead, for the owner to pick; a network failure still adds the source
// (offline-first) with a warning; an address that answers with an error or
// is not a feed is refused with the reason.
func (s *Service) Add(ctx context.Context, r AddRequest) (AddResult, error) {
	u, err := cleanURL(r.URL)
	if err != nil {
		return AddResult{}, err
	}
	r.URL = u // a password in it is for the first request; saveAll keeps it apart (credentials.go)
	bare, _ := secrets.SplitURL(u)
	if r.Every == 0 {
		r.Every = fetch.DefaultInterval
	}
	if r.Every < fetch.MinInterval {
		return AddResult{}, fmt.Errorf("check every %v is too often: the minimum is %v, to stay polite", r.Every, fetch.MinInterval)
	}
	if r.Rule != "" {
		if _, err := query.Parse(r.Rule); err != nil {
			return AddResult{}, fmt.Errorf("the watch rule does not parse: %w", err)
		}
	}
	if existing, ok, err := s.byURL(bare); err != nil || ok {
		if ok {
			return AddResult{}, fmt.Errorf("%w as %q", ErrDuplicate, existing.Name)
		}
		return AddResult{}, err
	}
	var res AddResult
	if !r.NoCheck {
		title, feeds, warn, err := s.probe(ctx, u, r.Kind, &r.retryAfter)
		switch {
		case err != nil:
			return AddResult{}, err
		case len(feeds) > 0:
			return AddResult{Feeds: feeds}, nil
		}
		res.Warning = warn
		if r.Name == "" {
			r.Name = title
		}
	}
	reqs := []AddRequest{r}
	srcs, err := s.saveAll(reqs)
	if err != nil {
		return res, err
	}
	res.Source = srcs[0]
	if w := reqs[0].warning; w != "" {
		res.Warning = strings.TrimPrefix(res.Warning+"; "+w, "; ")
	}
	return res, nil
}

// probe fetches an address once: a feed gives its title; a web page gives
// its feeds; a network failure or a server that asks to wait gives a
// warning (the source is added anyway, and retryAfter says until when the
// server wants to be left alone); any other failure is an error in plain
// words.
func (s *Service) probe(ctx context.Context, u, kind string, retryAfter *time.Time) (title string, feeds []fetch.FeedLink, warning string, err error) {
	ctx, cancel := context.WithTimeout(ctx, s.client.Options().Timeout)
	defer cancel()
	res, err := s.client.Get(ctx, fetch.Request{URL: u})
	if err != nil {
		fe, ok := fetch.AsError(err)
		if ok && (networkTrouble(fe.Kind) || !fe.RetryAfter.IsZero()) {
			*retryAfter = fe.RetryAfter
			return "", nil, "added without checking: " + fe.Plain(), nil
		}
		return "", nil, "", plainErr(err)
	}
	f, perr := feed.Parse(bytes.NewReader(res.Body), feed.Options{Kind: kind, Now: s.now(), ContentType: res.ContentType})
	if perr == nil {
		return f.Title, nil, "", nil
	}
	if fetch.LooksLikeHTML(res.ContentType, res.Body) {
		feeds, derr := s.client.Discover(ctx, u)
		if derr != nil || len(feeds) == 0 {
			return "", nil, "", errors.New("this address is a web page, and no feed was found on it — look for an RSS or Atom link on the site")
		}
		return "", feeds, "", nil
	}
	return "", nil, "", fmt.Errorf("%s did not answer with a feed: %w", secrets.Redact(u), perr)
}

func networkTrouble(k fetch.Kind) bool {
	switch k {
	case fetch.KindDNS, fetch.KindRefused, fetch.KindNetwork, fetch.KindTimeout:
		return true
	}
	return false
}

// plainErr turns a fetch error into its plain-words form.
func plainErr(err error) error {
	if fe, ok := fetch.AsError(err); ok {
		return errors.New(fe.Plain())
	}
	return err
}

func (s *Service) save(r AddRequest) (storage.Source, error) {
	srcs, err := s.saveAll([]AddRequest{r})
	if err != nil {
		return storage.Source{}, err
	}
	return srcs[0], nil
}

// saveBatch is how many sources one transaction of saveAll writes.
const saveBatch = 256

// saveAll adds sources, with their watch rules, saveBatch per transaction.
func (s *Service) saveAll(reqs []AddRequest) ([]storage.Source, error) {
	out := make([]storage.Source, 0, len(reqs))
	for i := range reqs {
		w, err := s.keepPassword(&reqs[i])
		if err != nil {
			return out, err
		}
		reqs[i].warning = w
	}
	for start := 0; start < len(reqs); start += saveBatch {
		batch := reqs[start:min(start+saveBatch, len(reqs))]
		var saved []storage.Source
		err := s.p.Store.Update(func(tx *storage.Tx) error {
			saved = saved[:0] // the transaction may run again
			for _, r := range batch {
				src, err := s.put(tx, r)
				if err != nil {
					return err
				}
				saved = append(saved, src)
			}
			return nil
		})
		if err != nil {
			return out, fmt.Errorf("save sources: %w", err)
		}
		out = append(out, saved...)
	}
	return out, nil
}

// put writes one new source, and its watch rule if it has one.
func (s *Service) put(tx *storage.Tx, r AddRequest) (storage.Source, error) {
	src := storage.Source{Name: r.Name, URL: r.URL, Kind: r.Kind, Folder: r.Folder, Every: r.Every, Created: s.now().UTC()}
	if !r.retryAfter.IsZero() {
		src.Health.RetryAfter, src.Health.NextCheck = r.retryAfter.UTC(), r.retryAfter.UTC()
	}
	if src.Name == "" {
		src.Name = hostOf(r.URL)
	}
	if r.Rule != "" {
		rule := &storage.Rule{Name: "Rule for " + src.Name, Query: r.Rule}
		if err := tx.Rules().Put(rule); err != nil {
			return src, err
		}
		src.RuleIDs = []uint64{rule.ID}
	}
	err := tx.Sources().Put(&src)
	return src, err
}

func (s *Service) byURL(u string) (storage.Source, bool, error) {
	var found storage.Source
	ok := false
	want := feed.NormalizeURL(u)
	err := s.p.Store.View(func(tx *storage.Tx) error {
		return tx.Sources().Each(func(src *storage.Source) error {
			if !ok && feed.NormalizeURL(src.URL) == want {
				found, ok = *src, true
			}
			return nil
		})
	})
	return found, ok, err
}

// cleanURL accepts http(s) addresses, adding https:// when there is no
// scheme, and says plainly what is wrong otherwise.
func cleanURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", errors.New("give the address of a feed or web page")
	}
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "", fmt.Errorf("%q is not a web address", raw)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("only http and https addresses can be watched, not %s ones", u.Scheme)
	}
	return u.String(), nil
}

func hostOf(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	return strings.TrimPrefix(p.Hostname(), "www.")
}
