package monitor

import (
	"fmt"
	"io"
	"strings"

	"github.com/rapportapp/rapport/app/listening/feed"
	"github.com/rapportapp/rapport/app/listening/fetch"
	"github.com/rapportapp/rapport/app/listening/opml"
	"github.com/rapportapp/rapport/app/listening/presets"
	"github.com/rapportapp/rapport/app/shared/query"
	"github.com/rapportapp/rapport/app/shared/secrets"
	"github.com/rapportapp/rapport/storage"
)

// ImportResult says what an OPML import did.
type ImportResult struct {
	Added      []storage.Source
	Duplicates []string    // addresses already watched
	Skipped    []opml.Skip // outlines that are not feeds, with the reason
	Problems   []string    // feeds added without their rule, and why
}

// ImportOPML adds the feeds of an OPML file, keeping folders, intervals and
// rules. Feeds already watched are left alone; they are checked later by
// the poller, so an import works offline. The time it takes grows with the
// number of feeds, not its square: the watched addresses are read once, and
// the new sources are written in batches.
func (s *Service) ImportOPML(r io.Reader) (ImportResult, error) {
	out, err := opml.Parse(r)
	if err != nil {
		return ImportResult{}, err
	}
	watched, err := s.watchedURLs()
	if err != nil {
		return ImportResult{}, err
	}
	res := ImportResult{Skipped: out.Skipped}
	reqs := make([]AddRequest, 0, len(out.Feeds))
	for _, f := range out.Feeds {
		key := feed.NormalizeURL(f.URL)
		if key != "" && watched[key] {
			res.Duplicates = append(res.Duplicates, f.URL)
			continue
		}
		watched[key] = true
		reqs = append(reqs, s.importRequest(f, &res))
	}
	res.Added, err = s.saveAll(reqs)
	return res, err
}

// importRequest is the request that adds an imported feed; a rule that does
// not parse is left out and noted in res.
func (s *Service) importRequest(f opml.Feed, res *ImportResult) AddRequest {
	req := AddRequest{URL: f.URL, Name: f.Title, Kind: f.Kind, Folder: f.Folder, Every: f.Every, Rule: f.Rule}
	if req.Rule != "" {
		if _, err := query.Parse(req.Rule); err != nil {
			res.Problems = append(res.Problems, fmt.Sprintf("%s: added without its watch rule, which does not parse (%v)", f.Title, err))
			req.Rule = ""
		}
	}
	if req.Every == 0 {
		req.Every = fetch.DefaultInterval
	}
	return req
}

// watchedURLs is the set of the sources' normalised addresses.
func (s *Service) watchedURLs() (map[string]bool, error) {
	watched := map[string]bool{}
	err := s.p.Store.View(func(tx *storage.Tx) error {
		return tx.Sources().Each(func(src *storage.Source) error {
			watched[feed.NormalizeURL(src.URL)] = true
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read the sources: %w", err)
	}
	return watched, nil
}

// ExportOPML writes every source as OPML 2.0 with folders, and Rapport's
// own attributes for kind, interval and watch rules.
func (s *Service) ExportOPML(w io.Writer) error {
	var srcs []storage.Source
	rules := map[uint64]storage.Rule{}
	err := s.p.Store.View(func(tx *storage.Tx) error {
		if err := tx.Rules().Each(func(r *storage.Rule) error { rules[r.ID] = *r; return nil }); err != nil {
			return err
		}
		return tx.Sources().Each(func(src *storage.Source) error {
			src.URL = secrets.Redact(src.URL) // no user name or password in an export
			srcs = append(srcs, *src)
			return nil
		})
	})
	if err != nil {
		return err
	}
	return opml.Write(w, "Rapport sources", opml.FromSources(srcs, rules))
}

// Listen turns a keyword into sources from the chosen presets (see package
// presets) and adds those not watched yet, without fetching them first.
func (s *Service) Listen(keyword string, presetIDs []string, in presets.Input) ([]storage.Source, []error) {
	built, errs := presets.ForKeyword(keyword, presetIDs, in)
	var added []storage.Source
	for _, b := range built {
		if existing, dup, err := s.byURL(b.URL); err != nil || dup {
			if dup {
				errs = append(errs, fmt.Errorf("%s: %w as %q", b.Name, ErrDuplicate, existing.Name))
			} else {
				errs = append(errs, err)
			}
			continue
		}
		src, err := s.save(AddRequest{URL: b.URL, Name: b.Name, Kind: b.Kind, Every: b.Every, Rule: b.Rule, Folder: folderFor(keyword)})
		if err != nil {
			errs = append(errs, err)
			continue
		}
		added = append(added, src)
	}
	return added, errs
}

func folderFor(keyword string) string {
	k, err := presets.CleanKeyword(keyword)
	if err != nil || k == "" {
		return "Listening"
	}
	return "Listening: " + strings.TrimSpace(k)
}
