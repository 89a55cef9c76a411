package workspace

import (
	"github.com/rapportapp/rapport/app/understanding/analyze"
	"github.com/rapportapp/rapport/storage"
)

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
	docAnalysis = "analysis"
)

// Business reads the business profile (zero if none was saved).
func (w *Workspace) Business() (Business, error) {
	var b Business
	err := w.Store.View(func(tx *storage.Tx) error { _, err := tx.GetDoc(docBusiness, &b); return err })
	return b, err
}

// SetBusiness saves the business profile; its brand names and promise
// take effect for mentions analysed from now on.
func (w *Workspace) SetBusiness(b Business) error {
	if err := w.Store.Update(func(tx *storage.Tx) error { return tx.PutDoc(docBusiness, &b) }); err != nil {
		return err
	}
	return w.refreshAnalysis()
}

// AnalysisConfig is the touch points and competitors the owner edits
// (brand names and promise come from the business profile).
func (w *Workspace) AnalysisConfig() (analyze.Config, error) {
	cfg := analyze.DefaultConfig()
	err := w.Store.View(func(tx *storage.Tx) error { _, err := tx.GetDoc(docAnalysis, &cfg); return err })
	return cfg, err
}

// SetAnalysisConfig saves edited touch points and competitors; call
// Understand.Reanalyze to apply them to stored mentions.
func (w *Workspace) SetAnalysisConfig(cfg analyze.Config) error {
	if err := cfg.Validate(); err != nil {
		return err
	}
	if err := w.Store.Update(func(tx *storage.Tx) error { return tx.PutDoc(docAnalysis, &cfg) }); err != nil {
		return err
	}
	return w.refreshAnalysis()
}

// analysisConfig combines the edited config with the business profile.
func (w *Workspace) analysisConfig() (analyze.Config, error) {
	cfg, err := w.AnalysisConfig()
	if err != nil {
		return cfg, err
	}
	b, err := w.Business()
	if err != nil {
		return cfg, err
	}
	cfg.Brand = append([]string(nil), b.BrandTerms...)
	if b.Name != "" {
		cfg.Brand = append(cfg.Brand, b.Name)
	}
	cfg.Promise = append([]string(nil), b.Promise...)
	cfg.People, err = w.peopleNames()
	return cfg, err
}

// peopleNames lists the team's and the contacts' names: in a mention they
// are not evidence of anything ("Kim Park" is not a location).
func (w *Workspace) peopleNames() ([]string, error) {
	team, err := w.Team()
	if err != nil {
		return nil, err
	}
	var names []string
	for _, m := range team {
		names = append(names, m.Name)
	}
	err = w.Store.View(func(tx *storage.Tx) error { // contacts only, from their index: authors are many
		ids, err := tx.ContactIDs()
		if err != nil {
			return err
		}
		contacts, err := tx.People().GetMany(ids)
		for _, p := range contacts {
			if p.Name != "" {
				names = append(names, p.Name)
			}
		}
		return err
	})
	return names, err
}

func (w *Workspace) refreshAnalysis() error {
	cfg, err := w.analysisConfig()
	if err != nil {
		return err
	}
	if w.Understand != nil {
		w.Understand.SetConfig(cfg)
	}
	return nil
}

// Team reads the team members.
func (w *Workspace) Team() ([]TeamMember, error) {
	var t []TeamMember
	err := w.Store.View(func(tx *storage.Tx) error { _, err := tx.GetDoc(docTeam, &t); return err })
	return t, err
}

// SetTeam saves the team members.
func (w *Workspace) SetTeam(t []TeamMember) error {
	if err := w.Store.Update(func(tx *storage.Tx) error { return tx.PutDoc(docTeam, t) }); err != nil {
		return err
	}
	return w.refreshAnalysis() // their names are not evidence
}

// TeamNames lists the team members' names, for assigning mentions.
func (w *Workspace) TeamNames() ([]string, error) {
	team, err := w.Team()
	names := make([]string, len(team))
	for i, m := range team {
		names[i] = m.Name
	}
	return names, err
}

// Me is who changes made in this workspace are recorded as: the owner
// named in the business profile, else "you".
func (w *Workspace) Me() string {
	if b, err := w.Business(); err == nil && b.Owner != "" {
		return b.Owner
	}
	return "you"
}
