package views

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/rapportapp/rapport/app/shared/backups"
)

func TestSettingsTurnOnDailyBackups(t *testing.T) {
	// Given the sample workspace, its Settings open
	m, w := sampleWindow(t)
	m.tabs.SelectIndex(tabSettings)
	p := m.settings.backup
	if p == nil {
		t.Fatal("no Backups tab")
	}
	eventually(t, "the schedule", func() bool { return p.keep.Selected == "7" && strings.Contains(p.status.Text, "No automatic backup") })
	// When the owner turns daily backups on into a folder, keeping 3
	folder := filepath.Join(t.TempDir(), "backups")
	p.on.SetChecked(true)
	p.folder.SetText(folder)
	p.keep.SetSelected("3")
	p.onSave()
	// Then the schedule is saved, and the first backup is written
	eventually(t, "saved and written", func() bool {
		sch, status, _ := backups.Load(w.Store)
		return sch.Enabled && sch.Folder == folder && sch.Keep == 3 && status.File != ""
	})
	eventually(t, "the status says so", func() bool { return strings.Contains(p.status.Text, "Last automatic backup") })
	// A relative folder is refused with a message
	var shown error
	p.OnError = func(err error) { shown = err }
	p.folder.SetText("relative/folder")
	p.onSave()
	work.drain()
	if shown == nil || !strings.Contains(shown.Error(), "full path") {
		t.Fatalf("a relative folder: %v", shown)
	}
}
