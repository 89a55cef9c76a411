package views

import (
	"reflect"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// Fyne's dialogs do not answer Escape or Enter. Rapport's do, two ways:
// a dialog built with dialogKeys (dialogkeys.go) knows its own cancel and
// confirm; any other dialog on top is answered by dialogKey below, which
// taps its way out (Cancel, Close, OK, …) on Escape and its confirming
// button (the one drawn in the highlight colour) on Enter. The window
// handles the keys when nothing has the focus; entries (keyEntry) pass
// them on, because a focused widget gets every key first.

// dismissLabels are the buttons that leave a dialog without doing anything
// (OK closes an information dialog).
var dismissLabels = []string{"Cancel", "Close", "OK", "Not now", "Edit it", "No"}

// dialogKey answers Escape or Enter for the dialog on top of c, and
// reports whether there was one that took the key.
func dialogKey(c fyne.Canvas, key fyne.KeyName) bool {
	if c == nil {
		return false
	}
	top := c.Overlays().Top()
	if top == nil {
		return false
	}
	var dismiss, confirm, only *widget.Button
	n := 0
	walkButtons(top, func(b *widget.Button) {
		n++
		only = b
		switch {
		case b.Importance == widget.HighImportance && confirm == nil:
			confirm = b
		case slices.Contains(dismissLabels, b.Text) && dismiss == nil:
			dismiss = b
		}
	})
	if n == 1 { // one button: an information dialog, or a list to close
		dismiss, confirm = only, only
	}
	target := dismiss
	if key == fyne.KeyReturn || key == fyne.KeyEnter {
		target = confirm
	}
	if target == nil || target.Disabled() {
		return false
	}
	target.OnTapped()
	return true
}

// walkButtons calls fn for every visible button under o.
func walkButtons(o fyne.CanvasObject, fn func(*widget.Button)) {
	if o == nil || !o.Visible() {
		return
	}
	switch x := o.(type) {
	case *widget.Button:
		fn(x)
		return
	case *fyne.Container:
		for _, c := range x.Objects {
			walkButtons(c, fn)
		}
	default:
		// A dialog sits in a PopUp inside Fyne's overlay container, and long
		// content in a Scroll: each holds what it shows in an exported
		// Content field (the overlay container's type is internal to Fyne,
		// so the field is read by name).
		if c := contentOf(o); c != nil {
			walkButtons(c, fn)
		}
	}
}

// contentOf is o's Content field, when o has one.
func contentOf(o fyne.CanvasObject) fyne.CanvasObject {
	v := reflect.ValueOf(o)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	f := v.Elem().FieldByName("Content")
	if !f.IsValid() || !f.CanInterface() {
		return nil
	}
	c, _ := f.Interface().(fyne.CanvasObject)
	return c
}

// keyEntry is an Entry that lets Escape and Enter reach the dialog it sits
// in, and that can hand Escape and Down to its screen (the search box
// returns to the list).
type keyEntry struct {
	widget.Entry
	keys     *dialogKeys // the dialog it sits in (dialogKeys.entry); nil: the dialog on top
	onEscape func()      // instead of closing a dialog; may be nil
	onDown   func()      // nil: the entry's own Down
	// onShortcut may take a shortcut (Ctrl+Enter in the composer) before
	// the entry's own; it reports whether it did.
	onShortcut func(fyne.Shortcut) bool
}

// newEntry is a single-line keyEntry.
func newEntry() *keyEntry {
	e := &keyEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// newMultiLineEntry is a multi-line keyEntry (Enter adds a line).
func newMultiLineEntry() *keyEntry {
	e := newEntry()
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	return e
}

// TypedShortcut offers the shortcut to onShortcut first, and hands the
// window's own (Ctrl+1…6, Ctrl+Q) to its canvas: the entry would swallow
// them (Fyne gives a focused widget every shortcut).
func (e *keyEntry) TypedShortcut(s fyne.Shortcut) {
	if e.onShortcut != nil && e.onShortcut(s) {
		return
	}
	if typeWindowShortcut(fyne.CurrentApp().Driver().CanvasForObject(e), s) {
		return
	}
	e.Entry.TypedShortcut(s)
}

// isCtrlEnter reports Ctrl+Enter (Cmd+Enter on a Mac).
func isCtrlEnter(s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	return ok && (cs.KeyName == fyne.KeyReturn || cs.KeyName == fyne.KeyEnter) && cs.Modifier == fyne.KeyModifierShortcutDefault
}

// TypedKey passes Escape, Down and (single-line, without OnSubmitted)
// Enter on before the entry's own handling.
func (e *keyEntry) TypedKey(k *fyne.KeyEvent) {
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	switch k.Name {
	case fyne.KeyEscape:
		if e.onEscape != nil {
			e.onEscape()
			return
		}
		if e.keys == nil && dialogKey(c, k.Name) {
			return
		}
	case fyne.KeyDown:
		if e.onDown != nil && !e.MultiLine {
			e.onDown()
			return
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if e.keys == nil && !e.MultiLine && e.OnSubmitted == nil && dialogKey(c, k.Name) {
			return
		}
	}
	if e.keys != nil && e.keys.key(k.Name, e.MultiLine) {
		return
	}
	e.Entry.TypedKey(k)
}

// keySelectEntry is a SelectEntry whose Escape and Enter reach its dialog.
type keySelectEntry struct {
	widget.SelectEntry
}

// newSelectEntry is a keySelectEntry offering options.
func newSelectEntry(options []string) *keySelectEntry {
	e := &keySelectEntry{}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrapOff
	e.SetOptions(options)
	return e
}

// TypedKey passes Escape and Enter (without OnSubmitted) to the dialog.
func (e *keySelectEntry) TypedKey(k *fyne.KeyEvent) {
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	switch k.Name {
	case fyne.KeyEscape:
		if dialogKey(c, k.Name) {
			return
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if e.OnSubmitted == nil && dialogKey(c, k.Name) {
			return
		}
	}
	e.SelectEntry.TypedKey(k)
}
