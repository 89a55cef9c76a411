package views

import (
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/shared/human"
	"github.com/rapportapp/rapport/app/shared/workspace"
)

// Settings edits the business, the team, understanding, notifications and
// templates, and shows the data folder in use, what it holds, and backup.
type Settings struct {
	svc WorkspaceService
	Env
	prefs  *prefsPane
	temps  *templatesPane
	routes *routingPane
	backup *backupsPane // nil without a BackupsService

	removeSample    *widget.Button
	onSampleRemoved func() // the window reloads, and welcomes an empty folder
	folder          *widget.Label
	version         *widget.Label
	counts          *widget.Label
	content         fyne.CanvasObject
}

// SettingsDeps is what the settings screen is built from.
type SettingsDeps struct {
	Env
	Workspace WorkspaceService
	Settings  SettingsService
	Replies   ReplyService
	Routing   RoutingService
	Inbox     InboxService // the team and the vocabulary, for routing rules
	// OnSampleRemoved is told after the sample was taken out.
	OnSampleRemoved func()
	// Backups, if set, adds the Backups tab (settings_backups.go).
	Backups BackupsService
}

// NewSettings builds the settings and about screen.
func NewSettings(deps SettingsDeps) *Settings {
	s := &Settings{
		Env: deps.Env, svc: deps.Workspace, onSampleRemoved: deps.OnSampleRemoved, prefs: newPrefsPane(deps.Env, deps.Settings),
		temps: newTemplatesPane(deps.Env, deps.Replies), routes: newRoutingPane(deps.Env, deps.Routing, deps.Inbox),
	}
	s.folder = widget.NewLabel("")
	s.folder.Selectable = true
	s.folder.Wrapping = fyne.TextWrapBreak
	s.version = widget.NewLabel("")
	s.version.Wrapping = fyne.TextWrapWord
	s.counts = widget.NewLabel("")
	s.counts.Wrapping = fyne.TextWrapWord // a long list of counts wraps instead of widening the window
	backup := widget.NewButtonWithIcon("Back up now…", theme.DocumentSaveIcon(), s.onBackup)
	s.removeSample = widget.NewButtonWithIcon("Remove the sample workspace…", theme.DeleteIcon(), s.onRemoveSample)
	s.removeSample.Hide()
	form := widget.NewForm(
		widget.NewFormItem("Data folder", s.folder),
		widget.NewFormItem("Holds", s.counts),
		widget.NewFormItem("Backup", container.NewHBox(backup)),
		widget.NewFormItem("Sample", container.NewHBox(s.removeSample)),
		widget.NewFormItem("Version", s.version),
	)
	hint := widget.NewLabel("Everything Rapport knows is kept in the data folder on this computer. " +
		"Start Rapport with --data DIR to use another folder; 'rapport restore FILE' restores a backup into an empty one.")
	hint.Wrapping = fyne.TextWrapWord
	data := container.NewPadded(container.NewVScroll(container.NewVBox(form, hint)))
	page := func(o fyne.CanvasObject) fyne.CanvasObject { return container.NewPadded(container.NewVScroll(o)) }
	tabs := container.NewAppTabs(
		container.NewTabItem("Business", page(s.prefs.business())),
		container.NewTabItem("Team and routing", page(container.NewVBox(s.prefs.teamForm(), widget.NewSeparator(), s.routes.content()))),
		container.NewTabItem("Understanding", page(s.prefs.understanding())),
		container.NewTabItem("Notifications", page(s.prefs.notifications())),
		container.NewTabItem("Templates", s.temps.content()),
		container.NewTabItem("Data and about", data),
	)
	if deps.Backups != nil {
		s.backup = newBackupsPane(deps.Env, deps.Backups)
		tabs.Append(container.NewTabItem("Backups", page(s.backup.content())))
	}
	// The tabs stand in a column: in a row their names alone needed 920
	// px, which pinned the window wider than a 1024-pixel screen.
	tabs.SetTabLocation(container.TabLocationLeading)
	s.content = tabs
	return s
}

// unsavedChanges lists the sections whose changes were not saved.
func (s *Settings) unsavedChanges() []string {
	out := append(s.prefs.unsavedChanges(), s.temps.unsavedChanges()...)
	if s.backup != nil {
		out = append(out, s.backup.unsavedChanges()...)
	}
	return out
}

// Content is the screen's root object.
func (s *Settings) Content() fyne.CanvasObject { return s.content }

// Reload reads the settings and facts again in the background.
func (s *Settings) Reload() {
	s.prefs.load()
	s.temps.load()
	s.routes.load()
	if s.backup != nil {
		s.backup.load()
	}
	s.Go(func() {
		a, err := s.svc.About()
		sample, err2 := s.svc.SampleLoaded()
		fyne.Do(func() {
			s.apply(a, errors.Join(err, err2))
			s.removeSample.Hidden = !sample
			s.removeSample.Refresh()
		})
	})
}

// onRemoveSample takes the sample out after a confirmation.
func (s *Settings) onRemoveSample() {
	dialog.ShowConfirm("Remove the sample workspace?",
		"Ember & Oak's sources, mentions, contacts and their history are removed, and its business profile if you kept it. "+
			"What you added yourself stays. You can load the sample again from the inbox when it is empty.",
		func(ok bool) {
			if !ok {
				return
			}
			s.Go(func() {
				err := s.svc.RemoveSample()
				onUI(err, s.OnError, func() {
					if s.onSampleRemoved != nil {
						s.onSampleRemoved()
					}
				})
			})
		}, s.Win)
}

func (s *Settings) apply(a workspace.About, err error) {
	if err != nil {
		s.OnError(err)
		return
	}
	s.folder.SetText(a.DataDir)
	s.version.SetText(fmt.Sprintf("Rapport %s · %s · storage schema %d", a.Version, a.Runtime, a.Schema))
	text := ""
	for _, c := range a.Counts {
		if w, ok := recordWords[c.Name]; ok && c.N > 0 {
			text += human.Count(c.N, w[0], w[1]) + " · "
		}
	}
	if text == "" {
		text = "nothing yet · "
	}
	s.counts.SetText(text + human.Bytes(a.Bytes) + " on disk")
}

// recordWords names the store's record types as the owner knows them
// (singular, plural); settings documents and the memory of deleted
// mentions are the app's own business and not listed.
var recordWords = map[string][2]string{
	"sources": {"source", "sources"}, "mentions": {"mention", "mentions"}, "people": {"person", "people"},
	"interactions": {"interaction", "interactions"}, "tasks": {"follow-up", "follow-ups"},
	"rules": {"watch rule", "watch rules"}, "templates": {"reply template", "reply templates"},
}

func (s *Settings) onBackup() {
	fileJob{
		Env: s.Env, working: "Backing up…", done: "Backup written",
		run: func(path string) (string, error) {
			// The file dialog created the file; the store replaces it atomically.
			if err := s.svc.Backup(path); err != nil {
				return "", fmt.Errorf("the backup failed: %w — check that the folder is writable and has free space", err)
			}
			return "Everything in this workspace was saved to\n" + path, nil
		},
	}.save("rapport-" + time.Now().Format("2006-01-02") + ".rapport-backup")
}
