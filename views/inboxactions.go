package views

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/interacting/inbox"
)

// mark ticks or unticks a row for a bulk action.
func (in *Inbox) mark(id uint64, on bool) {
	if on {
		in.marked[id] = true
	} else {
		delete(in.marked, id)
	}
	in.updateBulk()
}

// bulkBar acts on every ticked row at once.
func (in *Inbox) bulkBar() *fyne.Container {
	in.bulkLabel = widget.NewLabel("")
	objs := append([]fyne.CanvasObject{in.bulkLabel}, actionButtons(onBulk, in.onBulkAction)...)
	bar := newFlow(append(objs, widget.NewButtonWithIcon("", theme.CancelIcon(), in.clearMarks))...)
	bar.Hide()
	return bar
}

func (in *Inbox) updateBulk() {
	if len(in.marked) == 0 {
		in.bulk.Hide()
		return
	}
	in.bulkLabel.SetText(fmt.Sprintf("%d ticked:", len(in.marked)))
	in.bulk.Show()
}

func (in *Inbox) clearMarks() {
	in.marked = map[uint64]bool{}
	in.updateBulk()
	in.list.Refresh()
}

// targets are the ticked rows, or the open mention when none is ticked
// (or when bulk is false).
func (in *Inbox) targets(bulk bool) []uint64 {
	if bulk && len(in.marked) > 0 {
		ids := make([]uint64, 0, len(in.marked))
		for id := range in.marked {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		return ids
	}
	if in.selected != 0 {
		return []uint64{in.selected}
	}
	return nil
}

// setState moves mentions to a state and moves on to the next mention.
func (in *Inbox) setState(ids []uint64, state inbox.State) {
	if len(ids) == 0 {
		return
	}
	in.afterChange(ids, stateDone(state, len(ids)), func() error { return in.Svc.SetState(ids, state) })
}

// afterChange runs a change in the background, then refreshes; when the
// open mention left the view, the next one opens. did says what was done
// ("Archived 2 mentions"); with it, an Undo is offered for a few seconds,
// which puts the mentions back where they stood (on the record). Without
// it (a deletion, confirmed first) there is nothing to undo.
//
// The next mention opens at once, before the change is saved, so that keys
// pressed in quick succession (e, e, e) act on one mention each instead of
// all on the first.
//
// The listing is read again as soon as the change is saved, in the same
// background work, rather than after a turn of the UI goroutine (which is
// drawing the next mention meanwhile). That read stands for a Reload asked
// for at the key press: when another reload was asked for since, the
// listing is read once more instead, so nothing newer is dropped.
func (in *Inbox) afterChange(ids []uint64, did string, change func() error) {
	moved := false // the next mention opened, and is being read
	if next := in.nextAfter(ids); next != in.selected {
		in.selected, moved = next, true
		if i := slices.Index(in.ids, next); i >= 0 {
			in.list.Select(i)
		}
	}
	f, limit, asked := in.effective(), in.reloadLimit(), in.listSeq
	in.Go(func() {
		var before []inbox.Snapshot
		if did != "" {
			before, _ = in.Svc.Snapshots(ids) // unreadable: the change goes ahead without an Undo
		}
		err := change()
		in.trace("change saved")
		var page inbox.Page
		var pageErr error
		if err == nil {
			page, pageErr = in.Svc.Page(f, time.Now(), nil, limit)
			in.trace("inbox page read")
		}
		onUI(err, in.OnError, func() {
			for _, id := range ids {
				delete(in.marked, id)
			}
			if in.listSeq == asked {
				// The next mention opened as the change began: when the
				// change deleted none (a deletion can take one of its
				// copies) and the owner stayed on it, this listing need not
				// read and draw it again. Any other reload does.
				if moved && did != "" && !slices.Contains(ids, in.selected) {
					in.keep = in.selected
				}
				in.listSeq++
				in.applyPage(f, page, pageErr)
				in.keep = 0
				in.reloadViews()
			} else {
				in.Reload()
			}
			if len(before) > 0 {
				showUndo(in.Env, in.undoHost, did, func() { in.undo(before) })
			}
		})
	})
}

// undo puts mentions back where they stood before a change.
func (in *Inbox) undo(before []inbox.Snapshot) {
	in.Go(func() {
		err := in.Svc.Restore(before)
		onUI(err, in.OnError, in.Reload)
	})
}

// nextAfter picks the mention to open once ids leave the list.
func (in *Inbox) nextAfter(ids []uint64) uint64 {
	i := slices.Index(in.ids, in.selected)
	if i < 0 {
		return in.selected
	}
	for j := i; j < len(in.ids); j++ {
		if !slices.Contains(ids, in.ids[j]) {
			return in.ids[j]
		}
	}
	return in.selected
}

// assign asks who should take care of the mentions.
func (in *Inbox) assign(ids []uint64) {
	if len(ids) == 0 {
		return
	}
	withTeam(in.Env, in.Svc, func(team []string) { in.askAssign(ids, team) })
}

// askAssign asks whom, of team or anyone typed, to give mentions to.
func (in *Inbox) askAssign(ids []uint64, team []string) {
	who := newSelectEntry(team)
	who.SetPlaceHolder("a team member's name (empty: nobody)")
	d := dialog.NewForm(fmt.Sprintf("Assign %s", plural(len(ids), "mention")), "Assign", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("To", who)}, func(ok bool) {
			if ok {
				owner := strings.TrimSpace(who.Text)
				did := "Gave " + plural(len(ids), "mention") + " to " + owner
				if owner == "" {
					did = "Took " + plural(len(ids), "mention") + " back from their owner"
				}
				in.afterChange(ids, did, func() error { return in.Svc.Assign(ids, owner) })
			}
		}, in.Win)
	d.Resize(fyne.NewSize(420, 180))
	d.Show()
	in.Win.Canvas().Focus(who) // type a name at once
}

// snooze offers the usual times to bring mentions back, all ahead of now
// and in order, and a date and time of the owner's choosing.
func (in *Inbox) snooze(ids []uint64) {
	if len(ids) == 0 {
		return
	}
	now := time.Now()
	choices := snoozeChoices(now)
	labels := make([]string, 0, len(choices)+1)
	for _, c := range choices {
		labels = append(labels, c.label+" ("+c.at.Format("Mon 2 Jan 15:04")+")")
	}
	const custom = "Another day and time…"
	labels = append(labels, custom)
	date := widget.NewDateEntry()
	date.SetDate(&now)
	hour := widget.NewSelect(hourChoices(), nil)
	hour.SetSelected("09:00")
	when := container.NewGridWithColumns(2, date, hour)
	when.Hide()
	pick := widget.NewRadioGroup(labels, func(l string) { when.Hidden = l != custom; when.Refresh() })
	pick.SetSelected(labels[0])
	d := dialog.NewCustomConfirm(fmt.Sprintf("Snooze %s until…", plural(len(ids), "mention")), "Snooze", "Cancel",
		container.NewVBox(pick, when), func(ok bool) {
			if !ok {
				return
			}
			until, err := pickedSnooze(pick.Selected, custom, labels, choices, date.Date, hour.Selected)
			if err != nil {
				in.OnError(err)
				return
			}
			did := "Snoozed " + plural(len(ids), "mention") + " until " + until.Format("Mon 2 Jan 15:04")
			in.afterChange(ids, did, func() error { return in.Svc.Snooze(ids, until) })
		}, in.Win)
	d.Show()
}

// pickedSnooze is the time the snooze dialog's choice means.
func pickedSnooze(picked, custom string, labels []string, choices []snoozeChoice, day *time.Time, hour string) (time.Time, error) {
	if picked != custom {
		return choices[slices.Index(labels, picked)].at, nil
	}
	h, err := time.Parse("15:04", hour)
	if day == nil || err != nil {
		return time.Time{}, errors.New("choose a day and a time to snooze until")
	}
	at := time.Date(day.Year(), day.Month(), day.Day(), h.Hour(), h.Minute(), 0, 0, time.Local)
	if !at.After(time.Now()) {
		return time.Time{}, fmt.Errorf("%s has passed: choose a time ahead", at.Format("Mon 2 Jan 15:04"))
	}
	return at, nil
}

// hourChoices are the times of day a snooze can end, every half hour.
func hourChoices() []string {
	out := make([]string, 0, 48)
	for m := 0; m < 24*60; m += 30 {
		out = append(out, fmt.Sprintf("%02d:%02d", m/60, m%60))
	}
	return out
}

type snoozeChoice struct {
	label string
	at    time.Time
}

// snoozeChoices are the usual times, only those ahead, earliest first: in
// an hour, this evening (while more than an hour away), tomorrow morning,
// tomorrow evening, next Monday morning. Late on a Friday, "this evening"
// is gone rather than meaning Saturday.
func snoozeChoices(now time.Time) []snoozeChoice {
	day := func(offset, hour int) time.Time {
		d := now.AddDate(0, 0, offset)
		return time.Date(d.Year(), d.Month(), d.Day(), hour, 0, 0, 0, now.Location())
	}
	monday := (8 - int(now.Weekday())) % 7
	if monday == 0 {
		monday = 7
	}
	all := []snoozeChoice{
		{"In an hour", now.Add(time.Hour).Truncate(time.Minute)},
		{"This evening", day(0, 18)},
		{"Tomorrow morning", day(1, 9)},
		{"Tomorrow evening", day(1, 18)},
		{"Next week", day(monday, 9)},
	}
	out := all[:1]
	for _, c := range all[1:] {
		last := out[len(out)-1].at
		if c.at.After(now.Add(time.Hour)) && c.at.After(last) {
			out = append(out, c)
		}
	}
	return out
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// move opens the next (1) or previous (-1) mention.
func (in *Inbox) move(step int) {
	if len(in.ids) == 0 {
		return
	}
	i := slices.Index(in.ids, in.selected) + step
	if i >= len(in.ids)-rowPage {
		in.loadIDs(i + rowPage) // the keys reach the end of what is loaded: load on
	}
	i = max(0, min(i, len(in.ids)-1))
	in.list.Select(i)
	in.list.ScrollTo(i)
}

// deleteMentions removes mentions after a confirmation.
func (in *Inbox) deleteMentions(ids []uint64) {
	if len(ids) == 0 {
		return
	}
	dialog.ShowConfirm(fmt.Sprintf("Delete %s for good?", plural(len(ids), "mention")),
		"They are removed from Rapport, and the feeds that carried them will not bring them back. Archive them instead to keep them out of the way.",
		func(ok bool) {
			if ok {
				in.afterChange(ids, "", func() error { return in.Svc.DeleteMentions(ids) })
			}
		}, in.Win)
}

// replyTo opens the composer on the first of ids (the open mention).
func (in *Inbox) replyTo(ids []uint64) {
	if m := in.detail.Shown(); m.ID == ids[0] {
		in.reply(m)
		return
	}
	id := ids[0]
	in.Go(func() {
		m, err := in.Svc.Detail(id, "")
		onUI(err, in.OnError, func() { in.reply(m) })
	})
}

// onDraftAnswer records whether the drafted reply on a mention was sent:
// only then does it count as a reply given (history, ledger, follow-up).
func (in *Inbox) onDraftAnswer(id uint64, sent bool) {
	if in.Replies == nil {
		return
	}
	in.Go(func() {
		var err error
		if sent {
			err = in.Replies.ConfirmReply(id)
		} else {
			err = in.Replies.ReplyNotSent(id)
		}
		onUI(err, in.OnError, func() {
			in.Reload()
			in.detail.Show(id)
		})
	})
}

// stateDone says what a move of n mentions to a state did: "Archived 2
// mentions", "Marked 1 mention as handled".
func stateDone(st inbox.State, n int) string {
	if st == inbox.StateArchived {
		return "Archived " + plural(n, "mention")
	}
	return "Marked " + plural(n, "mention") + " as " + st.String()
}
