package desk

import (
	"context"
	"errors"
	"slices"
	"sync"

	"github.com/rapportapp/rapport/app/people/crm"
)

// heldErases are erases the owner confirmed whose Undo is still offered.
// The screen carries each out when its Undo bar goes; whatever is still
// held when the desk stops is carried out then, before the store closes,
// so a confirmed erase is never lost by quitting.
type heldErases struct {
	mu  sync.Mutex
	ids []uint64
}

// HoldErase remembers that the owner confirmed erasing a person whose
// Undo is still offered: EraseContact or CancelErase ends the hold, and
// Stop carries out any erase still held.
func (d *Desk) HoldErase(id uint64) {
	d.held.mu.Lock()
	defer d.held.mu.Unlock()
	if !slices.Contains(d.held.ids, id) {
		d.held.ids = append(d.held.ids, id)
	}
}

// CancelErase undoes a held erase; false when it is no longer held (it was
// carried out already).
func (d *Desk) CancelErase(id uint64) bool {
	d.held.mu.Lock()
	defer d.held.mu.Unlock()
	i := slices.Index(d.held.ids, id)
	if i < 0 {
		return false
	}
	d.held.ids = slices.Delete(d.held.ids, i, i+1)
	return true
}

// errClosing reports work asked for after Stop began.
var errClosing = errors.New("the app is closing, so nothing more can be changed now")

// EraseContact removes a person and everything personal about them now,
// ending any hold on them. Stop waits for an erase under way.
func (d *Desk) EraseContact(id uint64) (crm.Erased, error) {
	d.mu.Lock()
	if d.stopped {
		d.mu.Unlock()
		return crm.Erased{}, errClosing
	}
	d.wg.Add(1)
	d.mu.Unlock()
	defer d.wg.Done()
	d.CancelErase(id)
	out, err := d.e.CRM.Erase(id)
	if err == nil {
		d.changed()
		d.spawn(d.compactErased)
	}
	return out, err
}

// eraseHeld carries out the erases still held; Stop calls it after the
// background work ended and before the store closes.
func (d *Desk) eraseHeld() {
	d.held.mu.Lock()
	ids := d.held.ids
	d.held.ids = nil
	d.held.mu.Unlock()
	for _, id := range ids {
		if _, err := d.e.CRM.Erase(id); err != nil {
			d.w.Log.Error("erase on quit", "person", id, "err", err)
		}
	}
	if len(ids) > 0 { // confirmed erases leave the files before the app ends
		if _, err := d.e.CRM.CompactErased(context.Background()); err != nil {
			d.w.Log.Error("rewrite the data files after an erase", "err", err)
		}
	}
}

// compactErased rewrites the data files after an erase (crm.CompactErased),
// in the background; one that the app's end cuts off before it began is
// done at the next start.
func (d *Desk) compactErased() {
	if _, err := d.e.CRM.CompactErased(d.ctx); err != nil && !errors.Is(err, context.Canceled) {
		d.w.Log.Error("rewrite the data files after an erase", "err", err)
	}
}

// finishErases completes, in the background when the desk starts, the
// erases that a quit or a crash cut short, then rewrites the data files if
// an erase finished since they last were.
func (d *Desk) finishErases() {
	defer d.compactErased()
	n, err := d.e.CRM.FinishErases(d.ctx)
	switch {
	case errors.Is(err, context.Canceled):
		d.w.Log.Info("stopped redacting the names of erased people; it goes on at the next start", "records", n)
	case err != nil:
		d.w.Log.Error("finish redacting the names of erased people", "err", err)
	case n > 0:
		d.w.Log.Info("finished redacting the names of erased people", "records", n)
		d.changed()
	}
}
