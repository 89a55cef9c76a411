package reply

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/rapportapp/rapport/app/interacting/compose"
	"github.com/rapportapp/rapport/storage"
)

// Templates lists the template library by name; a new workspace starts
// with the default templates.
func (s *Service) Templates() ([]compose.Template, error) {
	var out []compose.Template
	err := s.p.Store.Update(func(tx *storage.Tx) error {
		out = out[:0]
		all, err := tx.Templates().All()
		if err != nil {
			return err
		}
		if len(all) == 0 {
			if seeded, _ := tx.GetDoc(docSeeded, new(bool)); !seeded {
				return seed(tx, &out)
			}
		}
		for _, r := range all {
			out = append(out, compose.FromRecord(r))
		}
		return nil
	})
	slices.SortFunc(out, func(a, b compose.Template) int {
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
	return out, err
}

const docSeeded = "templates-seeded"

// seed stores the default templates once; a library the owner emptied
// stays empty.
func seed(tx *storage.Tx, out *[]compose.Template) error {
	for _, t := range compose.DefaultTemplates() {
		r := t.ToRecord()
		if err := tx.Templates().Put(&r); err != nil {
			return err
		}
		*out = append(*out, compose.FromRecord(r))
	}
	return tx.PutDoc(docSeeded, true)
}

// SaveTemplate adds or updates a template.
func (s *Service) SaveTemplate(t compose.Template) (compose.Template, error) {
	if strings.TrimSpace(t.Name) == "" || strings.TrimSpace(t.Body) == "" {
		return t, fmt.Errorf("a template needs a name and some text")
	}
	r := t.ToRecord()
	err := s.p.Store.Update(func(tx *storage.Tx) error { return tx.Templates().Put(&r) })
	return compose.FromRecord(r), err
}

// DeleteTemplate removes a template.
func (s *Service) DeleteTemplate(id uint64) error {
	return s.p.Store.Update(func(tx *storage.Tx) error { return tx.Templates().Delete(id) })
}

// ImportTemplates adds the templates of a library file; names already in
// the library are replaced.
func (s *Service) ImportTemplates(r io.Reader) (int, []compose.Problem, error) {
	ts, problems, err := compose.ImportJSON(r)
	if err != nil {
		return 0, problems, err
	}
	existing, err := s.Templates()
	if err != nil {
		return 0, problems, err
	}
	err = s.p.Store.Update(func(tx *storage.Tx) error {
		for _, t := range ts {
			if i := slices.IndexFunc(existing, func(e compose.Template) bool { return strings.EqualFold(e.Name, t.Name) }); i >= 0 {
				t.ID = existing[i].ID
			}
			r := t.ToRecord()
			if err := tx.Templates().Put(&r); err != nil {
				return err
			}
		}
		return nil
	})
	return len(ts), problems, err
}

// ExportTemplates writes the library as JSON.
func (s *Service) ExportTemplates(w io.Writer) error {
	ts, err := s.Templates()
	if err != nil {
		return err
	}
	return compose.ExportJSON(w, ts)
}
