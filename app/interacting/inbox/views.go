package inbox

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/rapportapp/rapport/storage"
)

// View is a saved view ("smart folder"): a named filter.
type View struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Filter  Filter `json:"filter"`
	BuiltIn bool   `json:"-"`
}

const docViews = "views"

// BuiltInViews are the views every workspace has. The first, Inbox, holds
// what still needs the owner: new and needs-reply mentions, most
// important first.
func BuiltInViews() []View {
	return []View{
		{ID: "inbox", Name: "Inbox", BuiltIn: true, Filter: Filter{Sort: SortPriority, States: StateSet{StateNew, StateNeedsReply}}},
		{ID: "needs-reply", Name: "Needs reply", BuiltIn: true, Filter: Filter{Sort: SortPriority, States: StateSet{StateNeedsReply}}},
		{ID: "mine", Name: "Assigned to me", BuiltIn: true, Filter: Filter{Sort: SortPriority, States: StateSet{StateNew, StateNeedsReply}, Owner: OwnerMe}},
		{ID: "snoozed", Name: "Snoozed", BuiltIn: true, Filter: Filter{Sort: SortNewest, States: StateSet{StateSnoozed}}},
		{ID: "handled", Name: "Handled", BuiltIn: true, Filter: Filter{Sort: SortNewest, States: StateSet{StateHandled}}},
		{ID: "archived", Name: "Archived", BuiltIn: true, Filter: Filter{Sort: SortNewest, States: StateSet{StateArchived}}},
		{ID: "all", Name: "All mentions", BuiltIn: true, Filter: Filter{Sort: SortNewest}},
	}
}

// Views lists the built-in views, then the saved ones.
func (s *Service) Views() ([]View, error) {
	saved, err := s.savedViews()
	return append(BuiltInViews(), saved...), err
}

func (s *Service) savedViews() ([]View, error) {
	var vs []View
	err := s.store.View(func(tx *storage.Tx) error { _, err := tx.GetDoc(docViews, &vs); return err })
	return vs, err
}

// SaveView saves a view; a view without an id is new. Its query must parse.
func (s *Service) SaveView(v View) (View, error) {
	v.Name = strings.TrimSpace(v.Name)
	if v.Name == "" {
		return v, errors.New("give the view a name")
	}
	if _, err := s.prepare(v.Filter); err != nil {
		return v, fmt.Errorf("the view's query: %w", err)
	}
	err := s.store.Update(func(tx *storage.Tx) error {
		var vs []View
		if _, err := tx.GetDoc(docViews, &vs); err != nil {
			return err
		}
		if v.ID == "" {
			v.ID = nextViewID(vs)
		}
		if i := slices.IndexFunc(vs, func(x View) bool { return x.ID == v.ID }); i >= 0 {
			vs[i] = v
		} else {
			vs = append(vs, v)
		}
		return tx.PutDoc(docViews, vs)
	})
	return v, err
}

// DeleteView removes a saved view.
func (s *Service) DeleteView(id string) error {
	return s.store.Update(func(tx *storage.Tx) error {
		var vs []View
		if _, err := tx.GetDoc(docViews, &vs); err != nil {
			return err
		}
		vs = slices.DeleteFunc(vs, func(x View) bool { return x.ID == id })
		return tx.PutDoc(docViews, vs)
	})
}

func nextViewID(vs []View) string {
	n := 1
	for _, v := range vs {
		if i, err := strconv.Atoi(strings.TrimPrefix(v.ID, "v")); err == nil && i >= n {
			n = i + 1
		}
	}
	return "v" + strconv.Itoa(n)
}
