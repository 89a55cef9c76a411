package crm

import (
	"time"

	"github.com/rapportapp/rapport/storage"
)

// Handle is one identity of a person on one platform.
type Handle = storage.Handle

// Details are the parts of a contact the owner edits.
type Details struct {
	ID          uint64 // 0 for a new contact
	Name        string
	Email       string
	Phone       string
	Company     string
	Notes       string
	Preferences string // "pay attention to their preferences and needs"
	Owner       string // who on the team looks after them
	Stage       string
	Tags        []string
	Handles     []Handle
}

// DetailsOf reads the editable details of a person.
func DetailsOf(p storage.Person) Details {
	return Details{
		ID: p.ID, Name: p.Name, Email: p.Email, Phone: p.Phone, Company: p.Company, Notes: p.Notes,
		Preferences: p.Preferences, Owner: p.Owner, Stage: p.Stage, Tags: p.Tags, Handles: p.Handles,
	}
}

// SaveDetails saves edited details (promoting the person to a contact).
func (s *Service) SaveDetails(d Details) (uint64, error) {
	var p storage.Person
	if d.ID != 0 {
		err := s.p.Store.View(func(tx *storage.Tx) (err error) { p, err = tx.People().Get(d.ID); return err })
		if err != nil {
			return 0, err
		}
	}
	p.ID, p.Name, p.Email, p.Phone, p.Company, p.Notes = d.ID, d.Name, d.Email, d.Phone, d.Company, d.Notes
	p.Preferences, p.Owner, p.Stage, p.Tags, p.Handles = d.Preferences, d.Owner, d.Stage, d.Tags, d.Handles
	saved, err := s.Save(p)
	return saved.ID, err
}

// Entry is a give or get logged by hand.
type Entry struct {
	PersonID  uint64
	Kind      string // sample, thanks, share, referral, review, purchase, call, …
	Direction string // give, get; empty: from the kind
	Note      string
	Value     float64
	At        time.Time // zero: now
	MentionID uint64
}

// LogEntry records a give or get.
func (s *Service) LogEntry(e Entry) error {
	return s.Log(storage.Interaction{
		PersonID: e.PersonID, Kind: e.Kind, Direction: e.Direction, Note: e.Note,
		Value: e.Value, At: e.At, MentionID: e.MentionID, Channel: "by hand",
	})
}
