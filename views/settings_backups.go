package views

import (
	"fmt"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/shared/backups"
)

// BackupsService is what the Backups settings need: the automatic backup
// schedule and how its last run went.
type BackupsService interface {
	BackupSchedule() (backups.Schedule, backups.Status, error)
	SetBackupSchedule(s backups.Schedule) error
}

// backupsOf is svc's BackupsService, or nil when it has none (the
// Backups tab is then left out).
func backupsOf(svc any) BackupsService {
	b, _ := svc.(BackupsService)
	return b
}

// backupsPane edits the automatic backups: on or off, the folder, how
// many to keep; and says how the last one went.
type backupsPane struct {
	Env
	svc    BackupsService
	sch    backups.Schedule
	on     *widget.Check
	folder *keyEntry
	keep   *widget.Select
	status *widget.Label
	shown  *backupFields // what the fields showed of the schedule (p.sch); nil until shown
}

// backupFields is what the pane's fields hold.
type backupFields struct {
	on           bool
	folder, keep string
}

func (p *backupsPane) fields() *backupFields {
	return &backupFields{p.on.Checked, p.folder.Text, p.keep.Selected}
}

// unsavedChanges names the pane when its fields differ from what they
// showed of the schedule.
func (p *backupsPane) unsavedChanges() []string {
	if p.shown == nil || *p.fields() == *p.shown {
		return nil
	}
	return []string{"Backups"}
}

var keepChoices = []string{"3", "7", "14", "30", "90"}

func newBackupsPane(env Env, svc BackupsService) *backupsPane {
	p := &backupsPane{Env: env, svc: svc, sch: backups.Defaults()}
	p.on = widget.NewCheck("Back up automatically every day", nil)
	p.folder = newEntry()
	p.folder.SetPlaceHolder("the folder the backups go to, e.g. on another disk")
	p.keep = widget.NewSelect(keepChoices, nil)
	p.status = widget.NewLabel("")
	p.status.Wrapping = fyne.TextWrapWord
	return p
}

// content is the pane's layout.
func (p *backupsPane) content() fyne.CanvasObject {
	choose := widget.NewButton("Choose…", p.onChooseFolder)
	save := widget.NewButton("Save", p.onSave)
	save.Importance = widget.HighImportance
	form := widget.NewForm(
		widget.NewFormItem("", p.on),
		widget.NewFormItem("Folder", container.NewBorder(nil, nil, nil, choose, p.folder)),
		widget.NewFormItem("Keep the newest", p.keep),
	)
	hint := widget.NewLabel("While Rapport is open it writes a backup a day into the folder and removes the oldest beyond the number kept. " +
		"A backup of an encrypted data folder is encrypted with the same passphrase. " +
		"From cron, 'rapport backup' works while the window is open, and 'rapport backup auto' writes the daily one when Rapport is closed.")
	hint.Wrapping = fyne.TextWrapWord
	return container.NewVBox(form, container.NewHBox(save), p.status, widget.NewSeparator(), hint)
}

// load reads the schedule in the background.
func (p *backupsPane) load() {
	p.Go(func() {
		sch, status, err := p.svc.BackupSchedule()
		onUI(err, p.OnError, func() { p.apply(sch, status) })
	})
}

// apply shows the schedule and how the last backup went; a change not
// saved stays (showing Settings again reloads the pane).
func (p *backupsPane) apply(sch backups.Schedule, status backups.Status) {
	p.status.SetText(statusText(status))
	if len(p.unsavedChanges()) > 0 {
		return
	}
	p.sch = sch
	p.on.SetChecked(sch.Enabled)
	p.folder.SetText(sch.Folder)
	// A number kept that is not one of the choices (set with 'rapport
	// backup schedule --keep') is offered too: the list showed nothing.
	keep := strconv.Itoa(sch.Keep)
	if !slices.Contains(p.keep.Options, keep) {
		p.keep.SetOptions(keepOptions(sch.Keep))
	}
	p.keep.SetSelected(keep)
	p.shown = p.fields()
}

// keepOptions is keepChoices with n among them, in order.
func keepOptions(n int) []string {
	var out []string
	for _, c := range keepChoices {
		if k, _ := strconv.Atoi(c); n > 0 && n < k {
			out, n = append(out, strconv.Itoa(n)), 0
		}
		out = append(out, c)
	}
	if n > 0 {
		out = append(out, strconv.Itoa(n))
	}
	return out
}

// statusText says how the last automatic backup went.
func statusText(s backups.Status) string {
	switch {
	case s.LastError != "" && s.Failed.After(s.Last):
		return fmt.Sprintf("The last automatic backup failed (%s): %s. Rapport tries again in an hour.", s.Failed.Local().Format("2 Jan 15:04"), s.LastError)
	case !s.Last.IsZero():
		return fmt.Sprintf("Last automatic backup: %s, %s.", s.Last.Local().Format("2 Jan 15:04"), s.File)
	}
	return "No automatic backup yet."
}

func (p *backupsPane) onChooseFolder() {
	dialog.ShowFolderOpen(func(u fyne.ListableURI, err error) {
		if err == nil && u != nil {
			p.folder.SetText(u.Path())
		}
	}, p.Win)
}

func (p *backupsPane) onSave() {
	sch := p.sch
	sch.Enabled, sch.Folder = p.on.Checked, p.folder.Text
	if k, err := strconv.Atoi(p.keep.Selected); err == nil {
		sch.Keep = k
	}
	p.Go(func() {
		err := p.svc.SetBackupSchedule(sch)
		onUI(err, p.OnError, func() {
			p.sch = sch
			p.status.SetText("Saved. " + p.status.Text)
			p.load()
		})
	})
}
