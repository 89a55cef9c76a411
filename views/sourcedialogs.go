package views

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/listening/fetch"
	"github.com/rapportapp/rapport/app/listening/monitor"
	"github.com/rapportapp/rapport/app/listening/presets"
)

// onAdd asks for an address and adds it; a web page's feeds are offered
// to pick from.
func (s *Sources) onAdd() {
	url := widget.NewEntry()
	url.SetPlaceHolder("https://example.com/feed or a web page")
	rule := widget.NewEntry()
	rule.SetPlaceHolder(`optional, e.g. "your brand" OR yourbrand`)
	items := []*widget.FormItem{
		widget.NewFormItem("Address", url),
		widget.NewFormItem("Watch rule", rule),
	}
	d := dialog.NewForm("Add a source", "Add", "Cancel", items, func(ok bool) {
		if ok {
			s.add(monitor.AddRequest{URL: url.Text, Rule: strings.TrimSpace(rule.Text)})
		}
	}, s.Win)
	d.Resize(fyne.NewSize(560, 220))
	d.Show()
	s.Win.Canvas().Focus(url)
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
					dialog.ShowInformation("Added, not checked yet", res.Warning, s.Win)
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
	choice := widget.NewRadioGroup(labels, nil)
	choice.SetSelected(labels[0])
	msg := widget.NewLabel("This address is a web page. It offers these feeds:")
	d := dialog.NewCustomConfirm("Choose a feed", "Add", "Cancel", container.NewVBox(msg, choice), func(ok bool) {
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
	d.Resize(fyne.NewSize(600, 300))
	d.Show()
}

// onListen turns a keyword into sources on the services the owner ticks.
func (s *Sources) onListen() {
	keyword := widget.NewEntry()
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
	instance := widget.NewEntry()
	instance.SetText("mastodon.social")
	site := widget.NewEntry()
	site.SetPlaceHolder("coffee, cooking, … (Stack Exchange site)")
	items := []*widget.FormItem{
		widget.NewFormItem("Listen for", keyword),
		widget.NewFormItem("On", where),
		widget.NewFormItem("Mastodon server", instance),
		widget.NewFormItem("Stack Exchange site", site),
	}
	d := dialog.NewForm("Listen for a keyword", "Add sources", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		var ids []string
		for _, n := range where.Selected {
			ids = append(ids, byName[n])
		}
		s.listen(keyword.Text, ids, presets.Input{Instance: instance.Text, Site: site.Text})
	}, s.Win)
	d.Resize(fyne.NewSize(620, 460))
	d.Show()
	s.Win.Canvas().Focus(keyword)
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
				head := fmt.Sprintf("Added %d sources. Some could not be added:", len(added))
				dialog.ShowInformation("Listen for a keyword", head+"\n"+strings.Join(msgs, "\n"), s.Win)
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
			dialog.ShowInformation("Check finished", checkSummary(sum), s.Win)
			s.Reload()
			s.onNews()
		})
	})
}

func checkSummary(sum monitor.Summary) string {
	if sum.Sources == 0 {
		return "There is nothing to check: every source is paused or there are none."
	}
	text := fmt.Sprintf("%d sources checked: %d new mentions, %d already known, %d unchanged.", sum.Sources, sum.New, sum.Duplicate, sum.Unchanged)
	if sum.Failed > 0 {
		text += fmt.Sprintf("\n%d failed — their health in the list says why.", sum.Failed)
	}
	return text
}

func (s *Sources) onImport() {
	fileJob{
		Env: s.Env, working: "Importing sources…", done: "OPML imported", after: s.Reload,
		run: func(path string) (string, error) {
			res, err := s.svc.ImportOPML(path)
			if err != nil {
				return "", fmt.Errorf("%s could not be imported: %w", path, err)
			}
			msg := fmt.Sprintf("Added %d sources; %d were already watched; %d entries were not feeds.", len(res.Added), len(res.Duplicates), len(res.Skipped))
			for _, p := range res.Problems {
				msg += "\n•  " + p
			}
			return msg, nil
		},
	}.open(".opml", ".xml")
}

func (s *Sources) onExport() {
	fileJob{
		Env: s.Env, working: "Exporting sources…", done: "OPML exported",
		run: func(path string) (string, error) {
			return "Your sources were saved to\n" + path, s.svc.ExportOPML(path)
		},
	}.save("rapport-sources.opml")
}
