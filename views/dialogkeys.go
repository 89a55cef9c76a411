package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Fyne's dialogs neither close on Escape nor confirm on Enter: keys go to
// the focused widget, and a dialog is not one. dialogKeys gives a dialog
// both. Its entries (entry, multiLine) hand the two keys to the dialog;
// when nothing else has focus, an invisible key catcher in the content
// does the same.
type dialogKeys struct {
	cancel  func() // on Escape
	confirm func() // on Enter; nil: Enter does what Escape does
	catcher *keyCatcher
	entries []*keyEntry
}

func newDialogKeys() *dialogKeys {
	k := &dialogKeys{}
	k.catcher = &keyCatcher{keys: k}
	k.catcher.ExtendBaseWidget(k.catcher)
	return k
}

// wrap adds the key catcher to a dialog's content.
func (k *dialogKeys) wrap(content fyne.CanvasObject) fyne.CanvasObject {
	return container.NewStack(k.catcher, content)
}

// show shows d, wired to close with Escape and confirm with Enter, and
// focuses first (nil: the key catcher).
func (k *dialogKeys) show(d dialog.Dialog, win fyne.Window, first fyne.Focusable) {
	if k.cancel == nil {
		k.cancel = d.Hide
	}
	d.Show()
	if first == nil {
		first = k.catcher
	}
	win.Canvas().Focus(first)
}

func (k *dialogKeys) key(name fyne.KeyName, multiLine bool) bool {
	switch name {
	case fyne.KeyEscape:
		if k.cancel != nil {
			k.cancel()
			return true
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if multiLine {
			return false
		}
		if k.confirm != nil {
			if k.valid() {
				k.confirm()
			}
			return true
		}
		if k.cancel != nil {
			k.cancel()
			return true
		}
	}
	return false
}

// valid checks the dialog's entries before Enter confirms: Fyne tells a
// form of an entry's error only once the entry loses focus, so Enter
// would confirm what the form's button would refuse. An entry in error
// shows why, and the dialog stays.
func (k *dialogKeys) valid() bool {
	ok := true
	for _, e := range k.entries {
		if e.Validator != nil && e.Validator(e.Text) != nil {
			e.AlwaysShowValidationError = true
			_ = e.Validate()
			ok = false
		}
	}
	return ok
}

// entry is a one-line entry of the dialog: Enter confirms, Escape cancels.
func (k *dialogKeys) entry() *keyEntry {
	e := &keyEntry{keys: k}
	e.ExtendBaseWidget(e)
	k.entries = append(k.entries, e)
	return e
}

// multiLine is a multi-line entry of the dialog: Escape cancels, Enter
// starts a new line.
func (k *dialogKeys) multiLine() *keyEntry {
	e := k.entry()
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	return e
}

// keyCatcher takes the focus of a dialog with no entry, so that Escape
// and Enter reach it. It draws nothing.
type keyCatcher struct {
	widget.BaseWidget
	keys *dialogKeys
}

func (c *keyCatcher) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewWithoutLayout())
}

// MinSize is nothing: the catcher takes no room.
func (c *keyCatcher) MinSize() fyne.Size { return fyne.Size{} }

// FocusGained is part of fyne.Focusable.
func (c *keyCatcher) FocusGained() {}

// FocusLost is part of fyne.Focusable.
func (c *keyCatcher) FocusLost() {}

// TypedRune is part of fyne.Focusable.
func (c *keyCatcher) TypedRune(rune) {}

// TypedKey hands Escape and Enter to the dialog.
func (c *keyCatcher) TypedKey(ev *fyne.KeyEvent) { c.keys.key(ev.Name, false) }

// showInfo is dialog.ShowInformation that closes on Escape or Enter.
func showInfo(win fyne.Window, title, message string) {
	k := newDialogKeys()
	l, width := dialogText(message)
	d := dialog.NewCustom(title, "OK", k.wrap(l), win)
	d.Resize(fyne.NewSize(width, 0))
	k.show(d, win, nil)
}

// showConfirm is dialog.ShowConfirm that cancels on Escape and confirms on
// Enter; confirm names the action ("Remove").
func showConfirm(win fyne.Window, title, message, confirm string, done func(bool)) {
	k := newDialogKeys()
	l, width := dialogText(message)
	d := dialog.NewCustomConfirm(title, confirm, "Cancel", k.wrap(l), done, win)
	k.confirm = d.Confirm
	d.Resize(fyne.NewSize(width, 0))
	k.show(d, win, nil)
}

// dialogText is a dialog's message: as wide as its longest line up to
// maxDialogText, wrapped beyond; width is the dialog's width for it.
func dialogText(message string) (*widget.Label, float32) {
	l := widget.NewLabel(message)
	width := l.MinSize().Width
	if width > maxDialogText {
		l.Wrapping = fyne.TextWrapWord
		width = maxDialogText
	}
	return l, width + 4*theme.Padding()
}

// maxDialogText is how wide a dialog's message grows before it wraps.
const maxDialogText = 520
