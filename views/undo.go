package views

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// undoFor is how long an Undo stays offered.
const undoFor = 8 * time.Second

// newUndoHost returns the place where a screen offers Undo; withUndo
// floats it over the bottom of the screen's content.
func newUndoHost() *fyne.Container {
	host := container.NewStack()
	host.Hide()
	return host
}

// withUndo lays host over the bottom edge of content: an offer floats
// there, over the content, without moving it (a hidden bar in a layout
// would keep its room until something else lays the screen out again).
func withUndo(content fyne.CanvasObject, host *fyne.Container) fyne.CanvasObject {
	return container.NewStack(content, container.NewBorder(nil, host, nil, nil))
}

// showUndo offers to undo a change that is done already: text and an
// Undo button show at the bottom of host for undoFor (about 8 s); Undo
// hides the bar and runs undo. An offer shown later in the same host
// replaces this one. With undo nil the bar only tells text, for as long.
// Call it on the UI goroutine; undo runs there too.
func showUndo(env Env, host *fyne.Container, text string, undo func()) {
	offerUndo(env, host, &undoBar{text: text, undo: undo})
}

// holdUndo offers to undo a change that is held until the offer ends:
// commit runs, on the UI goroutine, when the bar goes without Undo — after
// undoFor, when the owner closes it, or when a later offer in host
// replaces it — so a confirmed change is never lost by moving on.
func holdUndo(env Env, host *fyne.Container, text string, undo, commit func()) {
	offerUndo(env, host, &undoBar{text: text, undo: undo, commit: commit})
}

func offerUndo(env Env, host *fyne.Container, b *undoBar) {
	if len(host.Objects) > 0 {
		if old, ok := host.Objects[0].(*undoBar); ok {
			old.finish(false)
		}
	}
	b.host = host
	b.ExtendBaseWidget(b)
	host.Objects = []fyne.CanvasObject{b}
	host.Show()
	host.Refresh()
	env.After(undoFor, func() { b.finish(false) })
}

// undoBar is one offer: its text, an Undo button (when there is something
// to undo) and a button that closes it.
type undoBar struct {
	widget.BaseWidget
	text         string
	undo, commit func()
	host         *fyne.Container
	done         bool
}

// finish ends the offer once: it leaves its host, then runs undo (undone)
// or commit.
func (b *undoBar) finish(undone bool) {
	if b.done {
		return
	}
	b.done = true
	if len(b.host.Objects) > 0 && b.host.Objects[0] == b {
		b.host.Objects = nil
		b.host.Hide()
		b.host.Refresh()
	}
	switch {
	case undone && b.undo != nil:
		b.undo()
	case !undone && b.commit != nil:
		b.commit()
	}
}

func (b *undoBar) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.StrokeColor = theme.Color(theme.ColorNamePrimary)
	bg.StrokeWidth = 1
	bg.CornerRadius = theme.InputRadiusSize()
	text := widget.NewLabel(b.text)
	text.Wrapping = fyne.TextWrapWord
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { b.finish(false) })
	closeBtn.Importance = widget.LowImportance
	buttons := container.NewHBox(closeBtn)
	if b.undo != nil {
		undo := widget.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), func() { b.finish(true) })
		undo.Importance = widget.HighImportance
		buttons = container.NewHBox(undo, closeBtn)
	}
	row := container.NewBorder(nil, nil, nil, container.NewCenter(buttons), text)
	return widget.NewSimpleRenderer(container.NewPadded(container.NewStack(bg, container.NewPadded(row))))
}
