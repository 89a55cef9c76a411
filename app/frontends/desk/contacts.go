package desk

import (
	"os"

	"github.com/rapportapp/rapport/app/people/advocates"
	"github.com/rapportapp/rapport/app/people/crm"
)

// Contacts lists people with their scores.
func (d *Desk) Contacts(f crm.ListFilter) ([]crm.Row, error) { return d.e.CRM.List(f) }

// ContactPage reads one person's page.
func (d *Desk) ContactPage(id uint64) (crm.Page, error) { return d.e.CRM.Page(id) }

// SaveContact saves edited details.
func (d *Desk) SaveContact(c crm.Details) (uint64, error) { return d.e.CRM.SaveDetails(c) }

// SetStage moves a contact to a stage.
func (d *Desk) SetStage(id uint64, stage string) error { return d.e.CRM.SetStage(id, stage) }

// LogEntry records a give or get.
func (d *Desk) LogEntry(e crm.Entry) error { return d.e.CRM.LogEntry(e) }

// MergeSuggestions lists who is probably the same person.
func (d *Desk) MergeSuggestions() ([]crm.Suggestion, error) { return d.e.CRM.Suggestions() }

// AcceptMerge merges a suggestion.
func (d *Desk) AcceptMerge(s crm.Suggestion) error { return d.e.CRM.Accept(s) }

// RejectMerge keeps a suggestion's two people apart.
func (d *Desk) RejectMerge(s crm.Suggestion) error { return d.e.CRM.Reject(s) }

// UndoMerge reverses the merge of a person.
func (d *Desk) UndoMerge(from uint64) error { return d.e.CRM.Undo(from) }

// UndoAccept reverses an accepted merge suggestion, of two stored people
// or of an imported contact.
func (d *Desk) UndoAccept(s crm.Suggestion) error { return d.e.CRM.UndoAccept(s) }

// ImportContacts reads a .vcf or .csv file.
func (d *Desk) ImportContacts(path string) (crm.ImportResult, error) {
	f, err := crm.FormatOf(path)
	if err != nil {
		return crm.ImportResult{}, err
	}
	r, err := os.Open(path)
	if err != nil {
		return crm.ImportResult{}, err
	}
	defer r.Close()
	return d.e.CRM.Import(r, f)
}

// ExportContacts writes every contact to a .vcf or .csv file.
func (d *Desk) ExportContacts(path string) (int, error) {
	f, err := crm.FormatOf(path)
	if err != nil {
		return 0, err
	}
	w, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	n, err := d.e.CRM.Export(w, f)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return n, err
}

// StageSums sums people and the value they brought by stage.
func (d *Desk) StageSums() ([]advocates.StageSum, error) { return d.e.CRM.StageSums() }
