package views

import (
	"fmt"

	"github.com/rapportapp/rapport/app/people/crm"
	"github.com/rapportapp/rapport/app/shared/human"
)

// holdErase starts an erase the owner confirmed: the person leaves the
// list at once, and the erase is held while the Undo bar is offered
// (undoFor); when the bar goes without Undo it is carried out. The desk
// holds it too (HoldErase), so quitting meanwhile carries it out before
// the store closes: an erase is never claimed before it happens, and a
// confirmed one is never lost.
func (c *Contacts) holdErase(id uint64, name string) {
	c.svc.HoldErase(id)
	c.erasing[id] = true
	if c.selected == id {
		c.selected = 0
	}
	c.rows = removeRow(c.rows, id)
	c.render()
	holdUndo(c.Env, c.undo, name+" will be erased in a few seconds.",
		func() { c.cancelErase(id, name) }, func() { c.erase(id, name) })
}

func removeRow(rows []crm.Row, id uint64) []crm.Row {
	out := rows[:0:0]
	for _, r := range rows {
		if r.ID != id {
			out = append(out, r)
		}
	}
	return out
}

// cancelErase is the Undo of a held erase.
func (c *Contacts) cancelErase(id uint64, name string) {
	delete(c.erasing, id)
	if !c.svc.CancelErase(id) {
		showInfo(c.Win, "Already erased", name+" was erased already; a backup made before still holds them.")
		c.Reload()
		return
	}
	c.selected = id
	c.Reload()
	showUndo(c.Env, c.undo, name+" was not erased.", nil)
}

// erase carries out a held erase and says what it removed.
func (c *Contacts) erase(id uint64, name string) {
	c.Go(func() {
		out, err := c.svc.EraseContact(id)
		onUI(err, func(err error) {
			delete(c.erasing, id)
			c.Reload()
			c.OnError(fmt.Errorf("%s could not be erased: %w. Nothing was removed; try again", name, err))
		}, func() {
			delete(c.erasing, id)
			c.Reload()
			if !c.undo.Visible() { // never over another change's Undo
				showUndo(c.Env, c.undo, erasedText(name, out), nil)
			}
		})
	})
}

// erasedText: "Jordan Blake was erased: 9 mentions, 3 interactions and 1
// follow-up removed; 2 other records no longer name them."
func erasedText(name string, out crm.Erased) string {
	text := fmt.Sprintf("%s was erased: %s, %s and %s removed", name,
		human.Count(out.Mentions, "mention", "mentions"), human.Count(out.Interactions, "interaction", "interactions"),
		human.Count(out.Tasks, "follow-up", "follow-ups"))
	switch {
	case out.Pending:
		return text + "; the rest of their mentions and the records that name them go when Rapport starts next."
	case out.Redacted == 0:
		return text + "."
	case out.Redacted == 1:
		return text + "; 1 other record no longer names them."
	}
	return text + "; " + human.Int(out.Redacted) + " other records no longer name them."
}
