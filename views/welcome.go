package views

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// showWelcome offers a new user the sample workspace or an empty start.
func (m *MainWindow) showWelcome() {
	msg := widget.NewLabel("Rapport watches the feeds where people talk about your business, reads each mention for you " +
		"and helps you answer while the moment is still open — all on this computer.\n\n" +
		"Would you like to look around a sample business first? Ember & Oak, a small coffee roaster, comes with a few " +
		"hundred mentions, contacts and follow-ups. It works offline, and you can remove it later by starting with a new data folder.")
	msg.Wrapping = fyne.TextWrapWord
	var dlg *dialog.CustomDialog
	sampleBtn := widget.NewButtonWithIcon("Try the sample workspace", theme.DownloadIcon(), func() {
		dlg.Hide()
		m.loadSample()
	})
	sampleBtn.Importance = widget.HighImportance
	emptyBtn := widget.NewButton("Start empty", func() {
		dlg.Hide()
		m.tabs.SelectIndex(tabInbox)
	})
	body := container.NewBorder(nil, container.NewHBox(layoutSpacer(), emptyBtn, sampleBtn), nil, nil, msg)
	dlg = dialog.NewCustomWithoutButtons("Welcome to Rapport", body, m.Win)
	dlg.Resize(fyne.NewSize(560, 300))
	dlg.Show()
	m.welcome = dlg
}

// loadSample loads the sample workspace with a progress dialog, then
// refreshes the screens.
func (m *MainWindow) loadSample() {
	bar := widget.NewProgressBar()
	step := widget.NewLabel("Starting…")
	prog := dialog.NewCustomWithoutButtons("Loading the sample workspace", container.NewVBox(step, bar), m.Win)
	prog.Resize(fyne.NewSize(460, 140))
	prog.Show()
	m.Go(func() {
		err := m.svc.LoadSample(func(s string, done, total int) {
			fyne.Do(func() {
				step.SetText(s)
				if total > 0 {
					bar.SetValue(float64(done) / float64(total))
				}
			})
		})
		fyne.Do(func() {
			prog.Hide()
			if err != nil {
				m.showError(fmt.Errorf("the sample workspace could not be loaded: %w", err))
				return
			}
			m.tabs.SelectIndex(tabInbox)
			m.reload()
		})
	})
}
