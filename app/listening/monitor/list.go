package monitor

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/rapportapp/rapport/app/listening/fetch"

	"github.com/rapportapp/rapport/app/shared/query"
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/storage"
)

// SourceView is a source with what the list shows about it.
type SourceView struct {
	storage.Source
	Rules    []string // the queries of its enabled watch rules
	Mentions int      // mentions stored from it
	// PausedWhy is why Rapport paused it itself (PausedSample); "" when
	// the owner did, or it is not paused. PauseNote says it in words.
	PausedWhy string
}

// List returns every source by folder and name.
func (s *Service) List() ([]SourceView, error) {
	var out []SourceView
	err := s.p.Store.View(func(tx *storage.Tx) error {
		notes, err := workspace.PauseNotes(tx)
		if err != nil {
			return err
		}
		counts, err := tx.Counts()
		if err != nil {
			return err
		}
		return tx.Sources().Each(func(src *storage.Source) error {
			v := SourceView{Source: *src}
			if src.Disabled {
				v.PausedWhy = notes[src.ID]
			}
			for _, id := range src.RuleIDs {
				if r, err := tx.Rules().Get(id); err == nil && !r.Disabled {
					v.Rules = append(v.Rules, r.Query)
				}
			}
			v.Mentions = counts.FromSource(src.ID) // maintained: no walk of the source's mentions
			out = append(out, v)
			return nil
		})
	})
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Folder != out[j].Folder {
			return out[i].Folder < out[j].Folder
		}
		return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name)
	})
	return out, err
}

// Edit is the settings of a source as the owner edits them: Folder and
// Disabled are set as given; an empty Name, zero Every and nil Rule keep
// what the source had.
type Edit struct {
	Name, Folder string
	Every        time.Duration // 0 keeps
	Disabled     bool
	Rule         *string // nil keeps the rules; "" removes them
}

// Update changes a source's settings.
func (s *Service) Update(id uint64, e Edit) error {
	if e.Every != 0 && e.Every < fetch.MinInterval {
		return fmt.Errorf("check every %v is too often: the minimum is %v", e.Every, fetch.MinInterval)
	}
	if e.Rule != nil && *e.Rule != "" {
		if _, err := query.Parse(*e.Rule); err != nil {
			return fmt.Errorf("the watch rule does not parse: %w", err)
		}
	}
	return s.p.Store.Update(func(tx *storage.Tx) error {
		src, err := tx.Sources().Get(id)
		if err != nil {
			return err
		}
		if e.Name != "" {
			src.Name = e.Name
		}
		if src.Disabled && !e.Disabled {
			if err := workspace.ForgetPause(tx, id); err != nil {
				return err
			}
		}
		src.Folder, src.Disabled = e.Folder, e.Disabled
		if e.Every > 0 {
			src.Every = e.Every
		}
		if e.Rule != nil {
			if err := setRule(tx, &src, *e.Rule); err != nil {
				return err
			}
		}
		return tx.Sources().Put(&src)
	})
}

// setRule makes q the source's only watch rule ("" removes them).
func setRule(tx *storage.Tx, src *storage.Source, q string) error {
	if q == "" {
		src.RuleIDs = nil
		return nil
	}
	if len(src.RuleIDs) == 1 {
		r, err := tx.Rules().Get(src.RuleIDs[0])
		if err == nil {
			r.Query, r.Disabled = q, false
			return tx.Rules().Put(&r)
		}
		if !errors.Is(err, storage.ErrNotFound) {
			return err
		}
	}
	r := &storage.Rule{Name: "Rule for " + src.Name, Query: q}
	if err := tx.Rules().Put(r); err != nil {
		return err
	}
	src.RuleIDs = []uint64{r.ID}
	return nil
}

// Delete removes a source. Its mentions stay (other sources may carry
// them too, and the owner may have worked on them).
func (s *Service) Delete(id uint64) error {
	return s.p.Store.Update(func(tx *storage.Tx) error {
		if err := workspace.ForgetPause(tx, id); err != nil {
			return err
		}
		return tx.Sources().Delete(id)
	})
}
