package crm

import (
	"errors"

	"github.com/rapportapp/rapport/storage"
)

// docLastAbsorb remembers the last imported contact merged into someone
// already here, so that merge can be undone like a merge of two stored
// people (Undo).
const docLastAbsorb = "merge-absorbed/last"

// absorbRecord is an accepted import suggestion: the person as they were
// before, and the pending import that went into them.
type absorbRecord struct {
	Before  storage.Person
	Pending pending
}

// UndoAccept reverses an accepted suggestion: two stored people are split
// again (Undo); an imported contact's details leave the person they went
// into and the suggestion is pending again. Only the last accepted import
// suggestion can be undone.
func (s *Service) UndoAccept(sg Suggestion) error {
	if !sg.Incoming {
		return s.Undo(sg.B.ID)
	}
	return s.p.Store.Update(func(tx *storage.Tx) error {
		var rec absorbRecord
		ok, err := tx.GetDoc(docLastAbsorb, &rec)
		if err != nil {
			return err
		}
		if !ok || rec.Pending.Key != sg.Ref {
			return errors.New("this merge can no longer be undone: only the last merge of an imported contact can")
		}
		if err := tx.People().Put(&rec.Before); err != nil {
			return err
		}
		ps, err := loadPending(tx)
		if err != nil {
			return err
		}
		if err := tx.PutDoc(docPending, append(ps, rec.Pending)); err != nil {
			return err
		}
		return tx.DeleteDoc(docLastAbsorb)
	})
}
