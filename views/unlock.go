package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// UnlockDeps is what the passphrase window needs.
type UnlockDeps struct {
	// Dir is the encrypted data folder, shown to the owner.
	Dir string
	// Unlock tries a passphrase off the UI goroutine (remember: keep it in
	// the system keyring). It returns the message to show when it fails
	// ("" on success) and a warning to show once the folder is open.
	Unlock func(passphrase string, remember bool) (problem, warning string)
	// OnUnlocked runs on the UI goroutine once the folder is open, with
	// the warning Unlock gave; the window has closed.
	OnUnlocked func(warning string)
	// Go runs work off the UI goroutine (nil: a goroutine).
	Go func(fn func())
}

// Unlock is the small window that asks for an encrypted folder's
// passphrase before the main window opens.
type Unlock struct {
	deps     UnlockDeps
	win      fyne.Window
	pass     *widget.Entry
	remember *widget.Check
	open     *widget.Button
	problem  *widget.Label
}

// ShowUnlock shows the passphrase window.
func ShowUnlock(a fyne.App, deps UnlockDeps) *Unlock {
	if deps.Go == nil {
		deps.Go = func(fn func()) { go fn() }
	}
	u := &Unlock{deps: deps, win: a.NewWindow("Rapport — passphrase")}
	u.pass = widget.NewPasswordEntry()
	u.pass.SetPlaceHolder("passphrase")
	u.pass.OnSubmitted = func(string) { u.onOpen() }
	u.remember = widget.NewCheck("Remember it in the system keyring", nil)
	u.open = widget.NewButton("Open", u.onOpen)
	u.open.Importance = widget.HighImportance
	quit := widget.NewButton("Quit", a.Quit)
	u.problem = widget.NewLabel("")
	u.problem.Wrapping = fyne.TextWrapWord
	intro := widget.NewLabel("This data folder is encrypted:\n" + deps.Dir + "\nType its passphrase to open it.")
	intro.Wrapping = fyne.TextWrapWord
	u.win.SetContent(container.NewPadded(container.NewVBox(intro, u.pass, u.remember, u.problem, container.NewHBox(quit, u.open))))
	u.win.Resize(fyne.NewSize(440, 0))
	u.win.CenterOnScreen()
	u.win.Show()
	u.win.Canvas().Focus(u.pass)
	return u
}

// onOpen tries the passphrase typed.
func (u *Unlock) onOpen() {
	p, remember := u.pass.Text, u.remember.Checked
	if p == "" {
		u.problem.SetText("Type the passphrase first.")
		return
	}
	u.open.Disable()
	u.problem.SetText("Opening…")
	u.deps.Go(func() {
		problem, warning := u.deps.Unlock(p, remember)
		fyne.Do(func() {
			if problem != "" {
				u.problem.SetText(problem)
				u.pass.SetText("")
				u.open.Enable()
				return
			}
			u.win.Close()
			u.deps.OnUnlocked(warning)
		})
	})
}
