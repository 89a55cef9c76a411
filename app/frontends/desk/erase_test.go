package desk

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/rapportapp/rapport/app/engine"
	"github.com/rapportapp/rapport/app/people/crm"
	"github.com/rapportapp/rapport/app/shared/workspace/workspacetest"
	"github.com/rapportapp/rapport/storage"
)

func personNamed(t *testing.T, d *Desk, name string) uint64 {
	t.Helper()
	rows, err := d.Contacts(crm.ListFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Name == name {
			return r.ID
		}
	}
	t.Fatalf("no %s", name)
	return 0
}

func TestAHeldEraseIsCarriedOutWhenTheAppQuits(t *testing.T) {
	t.Parallel()
	// Given an erase the owner confirmed, with its Undo still offered
	w := workspacetest.Sample(t, time.Now())
	d := New(engine.New(w, "test"), "test")
	jordan := personNamed(t, d, "Jordan Blake")
	d.HoldErase(jordan)
	// When the app quits before the Undo goes
	d.Stop()
	// Then the erase was carried out before the store closes, and the
	// files were rewritten so that what it removed is not left in them
	_ = w.Store.View(func(tx *storage.Tx) error {
		if _, err := tx.People().Get(jordan); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("Jordan is still there after quitting: %v", err)
		}
		var due int64
		if ok, err := tx.GetDoc("erase/compact", &due); ok || err != nil {
			t.Errorf("the files were not rewritten after the erase (%v, %v)", ok, err)
		}
		return nil
	})
	// And nothing can be erased once the desk stopped
	if _, err := d.EraseContact(personNamed(t, d, "Maya Lin")); err == nil {
		t.Error("an erase ran after Stop")
	}
}

func TestAnUndoneEraseIsNotCarriedOut(t *testing.T) {
	t.Parallel()
	d, _ := sampleDesk(t)
	maya := personNamed(t, d, "Maya Lin")
	d.HoldErase(maya)
	if !d.CancelErase(maya) {
		t.Fatal("the held erase could not be undone")
	}
	if d.CancelErase(maya) {
		t.Error("undone twice")
	}
	d.Stop()
	if _, err := d.ContactPage(maya); err != nil {
		t.Errorf("Maya is gone after her erase was undone: %v", err)
	}
	// An erase carried out ends the hold: undo says it is too late
	d2, _ := sampleDesk(t)
	theo := personNamed(t, d2, "Theo Grant")
	d2.HoldErase(theo)
	if _, err := d2.EraseContact(theo); err != nil {
		t.Fatal(err)
	}
	if d2.CancelErase(theo) {
		t.Error("an erase carried out could still be undone")
	}
}

// An erase whose redaction of others' records was cut short (the app quit
// or crashed part-way) is finished when the desk starts.
func TestTheDeskFinishesAnEraseCutShort(t *testing.T) {
	t.Parallel()
	w := workspacetest.Sample(t, time.Now())
	// What crm notes before it redacts (docs/storage.md, "erase/pending").
	type pending struct {
		Person uint64   `cbor:"1,keyasint"`
		Names  []string `cbor:"2,keyasint"`
	}
	if err := w.Store.Update(func(tx *storage.Tx) error {
		return tx.PutDoc("erase/pending", []pending{{Person: 999, Names: []string{"Jordan Blake", "Jordan"}}})
	}); err != nil {
		t.Fatal(err)
	}
	d := New(engine.New(w, "test"), "test")
	d.StartPolling()
	left := true
	for deadline := time.Now().Add(20 * time.Second); left && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		_ = w.Store.View(func(tx *storage.Tx) (err error) {
			var list []pending
			left, err = tx.GetDoc("erase/pending", &list)
			return err
		})
	}
	d.Stop()
	redacted := 0
	_ = w.Store.View(func(tx *storage.Tx) error {
		return tx.Mentions().Each(func(m *storage.Mention) error {
			if strings.Contains(m.Text, "[erased]") {
				redacted++
			}
			return nil
		})
	})
	if redacted == 0 || left {
		t.Errorf("%d mentions redacted, still pending: %v", redacted, left)
	}
}
