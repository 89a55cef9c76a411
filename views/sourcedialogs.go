package views

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/listening/fetch"
	"github.com/rapportapp/rapport/app/listening/monitor"
	"github.com/rapportapp/rapport/app/listening/presets"
	"github.com/rapportapp/rapport/app/shared/human"
)

// onAdd asks for an address and adds it; a web page's feeds are offered
// to pick from.
func (s *Sources) onAdd() {
	keys := newDialogKeys()
	url := keys.entry()
	url.SetPlaceHolder("https://example.com/feed or a web page")
	url.Validator = required("the address of a feed or web page")
	rule := keys.entry()
	rule.SetPlaceHolder(`optional, e.g. "your brand" OR yourbrand`)
	items := []*widget.FormItem{
		widget.NewFormItem("Address", url),
		widget.NewFormItem("Watch rule", rule),
	}
	var d *dialog.FormDialog
	d = dialog.NewForm("Add a source", "Add", "Cancel", items, func(ok bool) {
		switch {
		case ok && strings.TrimSpace(url.Text) == "":
			d.Show() // the button was pressed before an address was typed: keep the form
		case ok:
			s.add(monitor.AddRequest{URL: url.Text, Rule: strings.TrimSpace(rule.Text)})
		}
	}, s.Win)
	keys.confirm = d.Submit
	d.Resize(fyne.NewSize(560, 220))
	keys.show(d, s.Win, url)
}

func (s *Sources) add(r monitor.AddRequest) {
	wait := dialog.NewCustomWithoutButtons("Checking "+r.URL+"…", widget.NewProgressBarInfinite(), s.Win)
	wait.Show()
	s.Go(func() {
		res, err := s.svc.AddSource(r)
		fyne.Do(func() {
			wait.Hide()
			switch {
			case err != nil:
				s.OnError(err)
			case len(res.Feeds) > 0:
				s.pickFeed(r, res.Feeds)
			default:
				if res.Warning != "" {
					showInfo(s.Win, "Added, not checked yet", sentence(res.Warning))
				}
				s.selected = res.Source.ID
				s.Reload()
			}
		})
	})
}

// pickFeed lets the owner choose among the feeds a web page offers.
func (s *Sources) pickFeed(r monitor.AddRequest, feeds []fetch.FeedLink) {
	labels := make([]string, len(feeds))
	for i, f := range feeds {
		labels[i] = f.Title + " — " + f.URL
		if f.Title == "" {
			labels[i] = f.URL
		}
	}
	keys := newDialogKeys()
	choice := widget.NewRadioGroup(labels, nil)
	choice.SetSelected(labels[0])
	msg := widget.NewLabel("This address is a web page. It offers these feeds:")
	d := dialog.NewCustomConfirm("Choose a feed", "Add", "Cancel", keys.wrap(container.NewVBox(msg, choice)), func(ok bool) {
		if !ok {
			return
		}
		for i, l := range labels {
			if l == choice.Selected {
				r.URL = feeds[i].URL
				s.add(r)
			}
		}
	}, s.Win)
	keys.confirm = d.Confirm
	d.Resize(fyne.NewSize(600, 300))
	keys.show(d, s.Win, nil)
}

// onListen turns a keyword into sources on the services the owner ticks.
func (s *Sources) onListen() {
	keys := newDialogKeys()
	keyword := keys.entry()
	keyword.Validator = required("a word to listen for, such as your business's name")
	keyword.SetPlaceHolder("your business, product or topic")
	all := s.svc.Presets()
	var names []string
	byName := map[string]string{}
	var defaults []string
	for _, p := range all {
		if !p.Keyword {
			continue
		}
		names = append(names, p.Name)
		byName[p.Name] = p.ID
		if p.ID != "stackexchange-tag" {
			defaults = append(defaults, p.Name)
		}
	}
	where := widget.NewCheckGroup(names, nil)
	where.SetSelected(defaults)
	instance := keys.entry()
	instance.SetText("mastodon.social")
	site := keys.entry()
	site.SetPlaceHolder("coffee, cooking, … (Stack Exchange site)")
	items := []*widget.FormItem{
		widget.NewFormItem("Listen for", keyword),
		widget.NewFormItem("On", where),
		widget.NewFormItem("Mastodon server", instance),
		widget.NewFormItem("Stack Exchange site", site),
	}
	var d *dialog.FormDialog
	d = dialog.NewForm("Listen for a keyword", "Add sources", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		if strings.TrimSpace(keyword.Text) == "" {
			d.Show() // the button was pressed before a keyword was typed: keep the form
			return
		}
		var ids []string
		for _, n := range where.Selected {
			ids = append(ids, byName[n])
		}
		s.listen(keyword.Text, ids, presets.Input{Instance: instance.Text, Site: site.Text})
	}, s.Win)
	keys.confirm = d.Submit
	d.Resize(fyne.NewSize(620, 460))
	keys.show(d, s.Win, keyword)
}

func (s *Sources) listen(keyword string, ids []string, in presets.Input) {
	s.Go(func() {
		added, errs := s.svc.Listen(keyword, ids, in)
		fyne.Do(func() {
			if len(errs) > 0 {
				msgs := make([]string, len(errs))
				for i, e := range errs {
					msgs[i] = "•  " + e.Error()
				}
				head := "Added " + human.Count(len(added), "source", "sources") + ". Some could not be added:"
				showInfo(s.Win, "Listen for a keyword", head+"\n"+strings.Join(msgs, "\n"))
			}
			s.Reload()
			if len(added) > 0 {
				s.checkNow(nil)
			}
		})
	})
}

// checkNow checks sources with a progress dialog.
func (s *Sources) checkNow(ids []uint64) {
	bar := widget.NewProgressBar()
	line := widget.NewLabel("Starting…")
	line.Truncation = fyne.TextTruncateEllipsis
	d := dialog.NewCustomWithoutButtons("Checking sources", container.NewVBox(line, bar), s.Win)
	d.Resize(fyne.NewSize(480, 140))
	d.Show()
	s.Go(func() {
		sum, err := s.svc.CheckSources(ids, func(p monitor.Progress) {
			fyne.Do(func() {
				bar.SetValue(float64(p.Done) / float64(max(1, p.Total)))
				line.SetText(p.Last.Source.Name)
			})
		})
		fyne.Do(func() {
			d.Hide()
			if err != nil {
				s.OnError(err)
				return
			}
			showInfo(s.Win, "Check finished", checkSummary(sum))
			s.Reload()
			s.onNews()
		})
	})
}

func checkSummary(sum monitor.Summary) string {
	if sum.Sources == 0 {
		return "There is nothing to check: every source is paused or there are none."
	}
	text := fmt.Sprintf("%s checked: %s, %s already known, %s unchanged.", human.Count(sum.Sources, "source", "sources"),
		human.Count(sum.New, "new mention", "new mentions"), human.Int(sum.Duplicate), human.Int(sum.Unchanged))
	if sum.Failed > 0 {
		text += "\n" + human.Int(sum.Failed) + " failed — their health in the list says why."
	}
	return text
}

// onImport asks for an OPML file, shows what it would add, and adds it
// once the owner agrees (sourceimport.go).
func (s *Sources) onImport() {
	p := &pathPick{
		Env: s.Env, title: "Import sources from an OPML file", action: "Preview", exts: []string{".opml", ".xml"},
		done: s.previewImport,
	}
	p.show()
}

func (s *Sources) onExport() {
	fileJob{
		Env: s.Env, working: "Exporting sources…", done: "OPML exported",
		title: "Export sources to an OPML file", action: "Export",
		run: func(path string) (string, error) {
			return "Your sources were saved to\n" + path, s.svc.ExportOPML(path)
		},
	}.save("rapport-sources.opml")
}

// required is a form field's validator: Save and Enter wait until the
// field holds something, rather than closing the form on an error.
func required(what string) fyne.StringValidator {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New("type " + what)
		}
		return nil
	}
}
