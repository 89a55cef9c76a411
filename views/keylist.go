package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// keyList is a list that passes typed characters on (the inbox's j, k, e,
// … shortcuts) while keeping the list's own arrow-key navigation: once the
// list has the focus, Fyne gives it every key, and the window's handler no
// longer sees them.
type keyList struct {
	widget.List
	onRune func(rune)
}

func newKeyList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject), onRune func(rune)) *keyList {
	l := &keyList{onRune: onRune}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

// TypedRune passes characters to the screen's shortcuts.
func (l *keyList) TypedRune(r rune) {
	if l.onRune != nil {
		l.onRune(r)
	}
}
