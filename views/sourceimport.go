package views

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/listening/monitor"
	"github.com/rapportapp/rapport/app/shared/human"
)

// previewMax is how many lines a section of the import preview lists; the
// rest are counted.
const previewMax = 100

// previewImport reads what an OPML file would add, then shows it.
func (s *Sources) previewImport(path string) {
	s.Go(func() {
		pv, err := s.svc.PreviewOPML(path)
		if err != nil {
			err = fmt.Errorf("%s could not be read as a feed list: %w", path, err)
		}
		onUI(err, s.OnError, func() { s.showPreview(path, pv) })
	})
}

// showPreview shows the folders and feeds an import would add, those
// watched already and the entries skipped; the owner adds them or not.
func (s *Sources) showPreview(path string, pv monitor.ImportPreview) {
	keys := newDialogKeys()
	box := container.NewVBox(wrappedLabel(previewSummary(pv)))
	section := func(title string, lines []string) {
		if len(lines) == 0 {
			return
		}
		box.Add(widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for i, l := range lines {
			if i == previewMax {
				box.Add(widget.NewLabel(fmt.Sprintf("… and %s more", human.Int(len(lines)-previewMax))))
				break
			}
			box.Add(truncatedLabel("•  " + l))
		}
	}
	for _, f := range pv.Folders {
		name := f.Name
		if name == "" {
			name = "Not in a folder"
		}
		var lines []string
		for _, fd := range f.Feeds {
			lines = append(lines, feedLine(fd.Title, fd.Kind, fd.URL))
		}
		section(fmt.Sprintf("To add · %s (%s)", name, human.Int(len(f.Feeds))), lines)
	}
	var dups, skipped []string
	for _, d := range pv.Duplicates {
		dups = append(dups, d.Feed.Title+" — watched already as \u201c"+d.Watched+"\u201d")
	}
	for _, sk := range pv.Skipped {
		line := sk.Text + " — " + sk.Reason
		if sk.Line > 0 {
			line = fmt.Sprintf("line %d: %s", sk.Line, line)
		}
		skipped = append(skipped, line)
	}
	section("Already watched, left as they are", dups)
	section("Not feeds, skipped", skipped)
	section("Added without their watch rule", pv.Problems)
	content := keys.wrap(container.NewVScroll(box))
	n := pv.New()
	title := "Import " + or(pv.Title, "sources")
	var d dialog.Dialog
	if n == 0 {
		cd := dialog.NewCustom(title, "Close", content, s.Win)
		d = cd
	} else {
		cd := dialog.NewCustomConfirm(title, "Add "+human.Count(n, "source", "sources"), "Cancel", content, func(ok bool) {
			if ok {
				s.runImport(path)
			}
		}, s.Win)
		keys.confirm = cd.Confirm
		d = cd
	}
	size := s.Win.Canvas().Size()
	d.Resize(fyne.NewSize(min(760, size.Width*0.9), min(520, size.Height*0.85)))
	keys.show(d, s.Win, nil)
}

// previewSummary: "Coffee friends lists 2 new feeds in 1 folder; 1 is
// watched already."
func previewSummary(pv monitor.ImportPreview) string {
	folders := 0
	for _, f := range pv.Folders {
		if f.Name != "" {
			folders++
		}
	}
	n := pv.New()
	text := "This file lists " + human.Count(n, "new feed", "new feeds")
	if folders > 0 {
		text += " in " + human.Count(folders, "folder", "folders")
	}
	switch d := len(pv.Duplicates); {
	case d == 1:
		text += "; 1 is watched already"
	case d > 1:
		text += "; " + human.Int(d) + " are watched already"
	}
	if k := len(pv.Skipped); k > 0 {
		text += "; " + human.Count(k, "entry is not a feed", "entries are not feeds")
	}
	text += "."
	if n == 0 {
		text += " There is nothing new to add."
	}
	return text
}

// feedLine: "Sprudge (JSON Feed) — https://sprudge.com/feed".
func feedLine(title, kind, url string) string {
	line := title
	if kind != "" {
		line += " (" + human.Platform(kind) + ")"
	}
	if title != url {
		line += " — " + url
	}
	return line
}

// runImport adds the file's feeds and says what happened.
func (s *Sources) runImport(path string) {
	fileJob{
		Env: s.Env, working: "Importing sources…", done: "OPML imported", after: s.Reload,
		run: func(path string) (string, error) {
			res, err := s.svc.ImportOPML(path)
			if err != nil {
				return "", fmt.Errorf("%s could not be imported: %w", path, err)
			}
			msg := importSummary(res)
			for _, p := range res.Problems {
				msg += "\n•  " + p
			}
			return msg, nil
		},
	}.start(path)
}

// importSummary: "Added 3 sources. 1 was already watched. 2 entries were
// not feeds."
func importSummary(res monitor.ImportResult) string {
	text := "Added no sources."
	if n := len(res.Added); n > 0 {
		text = "Added " + human.Count(n, "source", "sources") + "."
	}
	if d := len(res.Duplicates); d > 0 {
		text += " " + human.Were(d) + " already watched."
	}
	switch k := len(res.Skipped); {
	case k == 1:
		text += " 1 entry was not a feed."
	case k > 1:
		text += " " + human.Int(k) + " entries were not feeds."
	}
	return text
}

func wrappedLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func truncatedLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}
