package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/interacting/inbox"
)

// Where an action's button appears.
const (
	onDetail = 1 << iota // the bar above the open mention
	onBulk               // the bar of ticked rows
)

// inboxAction is one thing the inbox does. The detail bar, the bulk bar,
// the keyboard and the ? sheet are all drawn from one table of them, so a
// key, a button and its help cannot drift apart.
type inboxAction struct {
	key   rune          // the key that runs it (0: none)
	label string        // its button ("": no button)
	help  string        // its line in the ? sheet
	icon  fyne.Resource // its button's icon (may be nil)
	where int           // onDetail, onBulk
	// act runs it on mentions: the ticked ones or the open one (from a
	// key or the bulk bar), or the open one (from the detail bar).
	act func(in *Inbox, ids []uint64)
	// nav runs a key that acts on the screen, not on mentions.
	nav func(in *Inbox)
}

// stateAction moves mentions to a state.
func stateAction(key rune, label, help string, icon fyne.Resource, to inbox.State) inboxAction {
	return inboxAction{
		key: key, label: label, help: help, icon: icon, where: onDetail | onBulk,
		act: func(in *Inbox, ids []uint64) { in.setState(ids, to) },
	}
}

// inboxActions is the table, in the order of the bars and the sheet.
func inboxActions() []inboxAction {
	return []inboxAction{
		{
			key: 'r', label: "Reply", help: "reply", icon: theme.MailReplyIcon(), where: onDetail,
			act: func(in *Inbox, ids []uint64) { in.replyTo(ids) },
		},
		stateAction('n', "Needs reply", "mark as needs reply", nil, inbox.StateNeedsReply),
		stateAction('h', "Handled", "mark as handled", nil, inbox.StateHandled),
		stateAction('e', "Archive", "archive", theme.ContentRemoveIcon(), inbox.StateArchived),
		{
			key: 'a', label: "Assign…", help: "assign to someone", icon: theme.AccountIcon(), where: onDetail | onBulk,
			act: (*Inbox).assign,
		},
		{
			key: 's', label: "Snooze…", help: "snooze", icon: theme.HistoryIcon(), where: onDetail | onBulk,
			act: (*Inbox).snooze,
		},
		{
			label: "Hand off…", icon: theme.MailForwardIcon(), where: onDetail,
			act: func(in *Inbox, ids []uint64) { in.handOff(ids[0]) },
		},
		{
			key: 'i', label: "Idea…", help: "turn into an idea on the learnings board", icon: theme.ContentAddIcon(), where: onDetail | onBulk,
			act: (*Inbox).turnIntoIdea,
		},
		{key: '#', label: "Delete…", help: "delete for good (asks first)", where: onBulk, act: (*Inbox).deleteMentions},
		{key: 'j', help: "next mention", nav: func(in *Inbox) { in.move(1) }},
		{key: 'k', help: "previous mention", nav: func(in *Inbox) { in.move(-1) }},
		{key: 'x', help: "tick for a bulk action", nav: (*Inbox).toggleMark},
		{key: '/', help: "search", nav: func(in *Inbox) { in.Win.Canvas().Focus(in.search) }},
		{key: '?', help: "this list", nav: (*Inbox).showShortcuts},
	}
}

// actionButtons makes the buttons of the actions shown at where; run gets
// the action the user pressed.
func actionButtons(where int, run func(inboxAction)) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, a := range inboxActions() {
		if a.where&where == 0 || a.label == "" {
			continue
		}
		b := widget.NewButtonWithIcon(a.label, a.icon, func() { run(a) })
		if a.key == 'r' {
			b.Importance = widget.HighImportance
		}
		out = append(out, b)
	}
	return out
}

// TypedRune runs the inbox's keyboard shortcuts; the window passes on
// runes typed while no text field has the focus.
func (in *Inbox) TypedRune(r rune) {
	for _, a := range inboxActions() {
		if a.key != r {
			continue
		}
		switch {
		case a.nav != nil:
			a.nav(in)
		case a.act != nil:
			if ids := in.targets(true); len(ids) > 0 {
				a.act(in, ids)
			}
		}
		return
	}
}

// onDetailAction runs an action of the detail bar on the open mention.
func (in *Inbox) onDetailAction(a inboxAction) {
	if id := in.detail.ShownID(); id != 0 {
		a.act(in, []uint64{id})
	}
}

// onBulkAction runs an action of the bulk bar on the ticked mentions.
func (in *Inbox) onBulkAction(a inboxAction) {
	if ids := in.targets(true); len(ids) > 0 {
		a.act(in, ids)
	}
}

// toggleMark ticks or unticks the open mention.
func (in *Inbox) toggleMark() {
	if in.selected != 0 {
		in.mark(in.selected, !in.marked[in.selected])
		in.list.Refresh()
	}
}

// windowShortcuts are the window's own keys, listed after the inbox's.
var windowShortcuts = [...][2]string{
	{"Ctrl+1 … 6", "Today, Inbox, Contacts, Sources, Insights, Settings"},
	{"Ctrl+Enter", "in a reply: copy it and open the conversation"},
	{"Esc / Enter", "close / confirm a dialog"},
	{"Ctrl+Q", "quit Rapport"},
}

// showShortcuts lists every key of the table, then the window's: in two
// columns when the window is wide enough, scrolled when it is too low (in
// one column they ran 100 px past a 1024×640 window, the Close button over
// the last rows).
func (in *Inbox) showShortcuts() {
	var rows [][2]string
	for _, a := range inboxActions() {
		if a.key != 0 && a.help != "" {
			rows = append(rows, [2]string{string(a.key), a.help})
		}
	}
	rows = append(rows, windowShortcuts[:]...)
	win := in.Win.Canvas().Size()
	half := (len(rows) + 1) / 2
	var body fyne.CanvasObject = container.NewHBox(shortcutForm(rows[:half]), shortcutForm(rows[half:]))
	if body.MinSize().Width > win.Width-dialogMargin {
		body = shortcutForm(rows)
	}
	scroll := container.NewVScroll(body)
	scroll.SetMinSize(fyne.NewSize(body.MinSize().Width, min(body.MinSize().Height, win.Height-dialogChrome)))
	dialog.ShowCustom("Keyboard shortcuts", "Close", scroll, in.Win)
}

// What a dialog takes around its content: across (padding and shadow),
// and down (its title, its buttons and padding).
const (
	dialogMargin = 80
	dialogChrome = 170
)

func shortcutForm(rows [][2]string) *widget.Form {
	form := widget.NewForm()
	for _, r := range rows {
		form.Append(r[0], widget.NewLabel(r[1]))
	}
	return form
}
