package workspace

import "github.com/rapportapp/rapport/storage"

// Business is the owner's profile of their business: its names (what
// Rapport listens for) and its promise (what mentions are held against).
type Business struct {
	Name       string   `json:"name" cbor:"name"`
	Owner      string   `json:"owner" cbor:"owner"`
	Email      string   `json:"email" cbor:"email"`
	Website    string   `json:"website" cbor:"website"`
	BrandTerms []string `json:"brand_terms" cbor:"brand_terms"`
	Promise    []string `json:"promise" cbor:"promise"`
}

// TeamMember is someone mentions can be routed to.
type TeamMember struct {
	Name  string `json:"name" cbor:"name"`
	Email string `json:"email" cbor:"email"`
	Role  string `json:"role" cbor:"role"`
}

// Document names in the store.
const (
	docBusiness = "business"
	docTeam     = "team"
)

// Business reads the business profile (zero if none was saved).
func (w *Workspace) Business() (Business, error) {
	var b Business
	err := w.Store.View(func(tx *storage.Tx) error { _, err := tx.GetDoc(docBusiness, &b); return err })
	return b, err
}

// SetBusiness saves the business profile.
func (w *Workspace) SetBusiness(b Business) error {
	return w.Store.Update(func(tx *storage.Tx) error { return tx.PutDoc(docBusiness, &b) })
}

// Team reads the team members.
func (w *Workspace) Team() ([]TeamMember, error) {
	var t []TeamMember
	err := w.Store.View(func(tx *storage.Tx) error { _, err := tx.GetDoc(docTeam, &t); return err })
	return t, err
}

// SetTeam saves the team members.
func (w *Workspace) SetTeam(t []TeamMember) error {
	return w.Store.Update(func(tx *storage.Tx) error { return tx.PutDoc(docTeam, t) })
}
