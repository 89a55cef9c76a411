package views

import (
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// UnlockTitle is the title of the passphrase window.
const UnlockTitle = "Rapport — passphrase"

// UnlockDeps is what the passphrase window needs.
type UnlockDeps struct {
	// Dir is the encrypted data folder, shown to the owner.
	Dir string
	// Problem is shown when the window opens (for example: the passphrase
	// remembered in the keyring no longer opens the folder); "" for none.
	Problem string
	// Unlock tries a passphrase off the UI goroutine (remember: keep it in
	// the system keyring). It returns the message to show when it fails
	// ("" on success) and a warning to show once the folder is open.
	Unlock func(passphrase string, remember bool) (problem, warning string)
	// OnUnlocked runs on the UI goroutine once the folder is open, with
	// the warning Unlock gave; it opens the main window, and the
	// passphrase window closes after it.
	OnUnlocked func(warning string)
	// Go runs work off the UI goroutine (nil: a goroutine).
	Go func(fn func())
}

// Unlock is the small window that asks for an encrypted folder's
// passphrase before the main window opens.
type Unlock struct {
	deps     UnlockDeps
	app      fyne.App
	win      fyne.Window
	pass     *keyEntry
	remember *formCheck
	open     *widget.Button
	quit     *widget.Button
	problem  *widget.Label
	busy     *widget.Activity
	checking *fyne.Container
	doing    *widget.Label // what is being done while the form waits
	closed   atomic.Bool   // the window was closed or the app quit
}

// ShowUnlock shows the passphrase window, with the passphrase field
// focused: Enter opens, Escape, Quit or closing the window quits the app.
func ShowUnlock(a fyne.App, deps UnlockDeps) *Unlock {
	if deps.Go == nil {
		deps.Go = func(fn func()) { go fn() }
	}
	a.Settings().SetTheme(newTheme())
	u := &Unlock{deps: deps, app: a, win: a.NewWindow(UnlockTitle)}
	title := widget.NewLabelWithStyle("This data folder is encrypted", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	folder := widget.NewLabel(deps.Dir)
	folder.Wrapping = fyne.TextWrapBreak
	ask := widget.NewLabel("Type its passphrase to open it.")
	u.pass = newEntry()
	u.pass.Password = true // the entry adds its reveal button
	u.pass.SetPlaceHolder("Passphrase")
	u.pass.OnSubmitted = func(string) { u.onOpen() }
	u.pass.onEscape = u.onQuit // Escape quits, as Quit does
	u.remember = newFormCheck("Remember it in the system keyring", u.onOpen, u.onQuit)
	// One line under the form, always there so that the window keeps
	// its size: what went wrong, or the passphrase being checked.
	u.problem = widget.NewLabel(deps.Problem)
	u.problem.Wrapping = fyne.TextWrapWord
	u.problem.Importance = widget.DangerImportance
	u.busy = widget.NewActivity()
	u.doing = widget.NewLabel(checkingPassphrase)
	u.doing.Wrapping = fyne.TextWrapWord
	u.checking = container.NewBorder(nil, nil, u.busy, nil, u.doing)
	u.checking.Hide()
	u.open = widget.NewButton("Open", u.onOpen)
	u.open.Importance = widget.HighImportance
	u.quit = widget.NewButton("Quit", u.onQuit)
	buttons := container.NewHBox(layout.NewSpacer(), u.quit, u.open)
	status := container.NewStack(u.problem, u.checking)
	form := container.NewVBox(title, folder, ask, u.pass, u.remember, status)
	u.win.SetContent(container.NewPadded(container.NewBorder(nil, buttons, nil, nil, form)))
	u.win.SetOnClosed(func() { u.closed.Store(true) })
	u.win.Resize(fyne.NewSize(460, 0))
	u.win.CenterOnScreen()
	u.win.Show()
	u.win.Canvas().Focus(u.pass)
	return u
}

// checkingPassphrase is what the window says while a passphrase is tried.
const checkingPassphrase = "Checking the passphrase…"

// Progress says how far the update of an older folder has got, once the
// passphrase opened it. On the UI goroutine.
func (u *Unlock) Progress(p OpeningStep) {
	if u.closed.Load() {
		return
	}
	text := "Updating the folder for this version of Rapport…"
	if p.Step == 0 {
		text = "Checking the folder's files…"
	}
	if c := openingCount(p, 0, 0); p.Done > 0 || p.Total > 0 {
		text += " " + c
	}
	u.doing.SetText(text)
}

// Stop makes a passphrase still being tried do nothing when it ends: the
// app has stopped. Any goroutine may call it.
func (u *Unlock) Stop() { u.closed.Store(true) }

// onQuit ends the app: nothing is open yet.
func (u *Unlock) onQuit() {
	u.closed.Store(true)
	u.app.Quit()
}

// onOpen tries the passphrase typed, off the UI goroutine (deriving the
// key takes a noticeable moment on purpose).
func (u *Unlock) onOpen() {
	p, remember := u.pass.Text, u.remember.Checked
	if p == "" {
		u.say("Type the passphrase first.")
		u.win.Canvas().Focus(u.pass)
		return
	}
	u.setBusy(true)
	u.deps.Go(func() {
		problem, warning := u.deps.Unlock(p, remember)
		fyne.Do(func() {
			if u.closed.Load() {
				return
			}
			u.setBusy(false)
			if problem != "" {
				u.say(problem)
				u.pass.SetText("")
				u.win.Canvas().Focus(u.pass)
				return
			}
			u.closed.Store(true)
			u.deps.OnUnlocked(warning)
			u.win.Close()
		})
	})
}

// say shows a problem under the passphrase.
func (u *Unlock) say(problem string) {
	u.problem.SetText(problem)
}

// setBusy disables the form while a passphrase is tried.
func (u *Unlock) setBusy(busy bool) {
	if busy {
		u.problem.SetText("")
		u.doing.SetText(checkingPassphrase)
		u.checking.Show()
		u.pass.Disable()
		u.remember.Disable()
		u.open.Disable()
		u.busy.Start()
		return
	}
	u.busy.Stop()
	u.checking.Hide()
	u.pass.Enable()
	u.remember.Enable()
	u.open.Enable()
}

// formCheck is a check box in a form: Enter submits the form and Escape
// cancels it, as they do in the form's fields (Space ticks it).
type formCheck struct {
	widget.Check
	onSubmit, onCancel func()
}

func newFormCheck(label string, onSubmit, onCancel func()) *formCheck {
	c := &formCheck{onSubmit: onSubmit, onCancel: onCancel}
	c.Text = label
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey submits on Enter and cancels on Escape.
func (c *formCheck) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		c.onSubmit()
	case fyne.KeyEscape:
		c.onCancel()
	default:
		c.Check.TypedKey(e)
	}
}
