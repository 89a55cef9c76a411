package views

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/listening/notify"
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/app/understanding/analyze"
)

// prefsPane edits the business, the team, what Rapport listens for in
// mentions and when it notifies: the settings that live in the workspace.
type prefsPane struct {
	svc SettingsService
	Env

	name, owner, email, website, brand, promise *keyEntry
	team                                        *keyEntry
	touch, rivals                               *keyEntry
	notifyOn                                    *widget.Check
	minPri                                      *widget.Slider
	minPriLabel                                 *widget.Label
	quietFrom, quietTo                          *keyEntry
	perMinute                                   *widget.Select
	// saved is what each section's fields held when they were filled or
	// last saved (nil until filled): quitting asks before it drops a
	// change (unsavedChanges).
	saved map[string]string
}

// sections gives each section of the pane what its fields hold now.
func (p *prefsPane) sections() map[string]string {
	join := func(vs ...string) string { return strings.Join(vs, "\x00") }
	return map[string]string{
		"Business":         join(p.name.Text, p.owner.Text, p.email.Text, p.website.Text, p.brand.Text, p.promise.Text),
		"Team and routing": p.team.Text,
		"Understanding":    join(p.touch.Text, p.rivals.Text),
		"Notifications":    join(strconv.FormatBool(p.notifyOn.Checked), strconv.FormatFloat(p.minPri.Value, 'f', -1, 64), p.quietFrom.Text, p.quietTo.Text, p.perMinute.Selected),
	}
}

// unsavedChanges lists the sections whose fields were changed since they
// were filled or saved.
func (p *prefsPane) unsavedChanges() []string {
	if p.saved == nil {
		return nil
	}
	var out []string
	now := p.sections()
	for _, name := range []string{"Business", "Team and routing", "Understanding", "Notifications"} {
		if now[name] != p.saved[name] {
			out = append(out, name)
		}
	}
	return out
}

func newPrefsPane(env Env, svc SettingsService) *prefsPane {
	p := &prefsPane{Env: env, svc: svc}
	p.name, p.owner, p.email, p.website = newEntry(), newEntry(), newEntry(), newEntry()
	p.brand, p.promise = newEntry(), newEntry()
	p.brand.SetPlaceHolder(`the names people use: Ember & Oak, EmberOak, @emberandoak`)
	p.promise.SetPlaceHolder("what you promise: fresh, friendly, fast shipping")
	p.team = newMultiLineEntry()
	p.team.SetPlaceHolder("one per line: Name, email, role")
	p.team.SetMinRowsVisible(4)
	p.touch = newMultiLineEntry()
	p.touch.SetPlaceHolder("one per line: name: term, term, …")
	p.touch.SetMinRowsVisible(8)
	p.rivals = newEntry()
	p.notifyOn = widget.NewCheck("Notify me about new mentions worth attention", nil)
	p.minPriLabel = widget.NewLabel("")
	p.minPriLabel.Wrapping = fyne.TextWrapWord
	p.minPri = widget.NewSlider(0, 100)
	p.minPri.Step = 5
	p.minPri.OnChanged = func(v float64) {
		p.minPriLabel.SetText(fmt.Sprintf("from priority %.0f (and always for questions, complaints, churn risk, purchase intent)", v))
	}
	p.quietFrom, p.quietTo = newEntry(), newEntry()
	p.perMinute = widget.NewSelect([]string{"1", "2", "3", "5", "10"}, nil)
	return p
}

// business is the "Your business" form.
func (p *prefsPane) business() fyne.CanvasObject {
	save := widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), p.saveBusiness)
	save.Importance = widget.HighImportance
	form := widget.NewForm(
		widget.NewFormItem("Business", p.name), widget.NewFormItem("Owner", p.owner),
		widget.NewFormItem("Email", p.email), widget.NewFormItem("Website", p.website),
		widget.NewFormItem("Brand names", p.brand), widget.NewFormItem("Brand promise", p.promise),
	)
	hint := wrapped()
	hint.SetText("Brand names help Rapport tell praise and referrals of you from talk of others; the promise is what mentions are held against (\"in line with / at odds with our promise\").")
	return container.NewVBox(form, hint, container.NewHBox(save))
}

func (p *prefsPane) teamForm() fyne.CanvasObject {
	save := widget.NewButtonWithIcon("Save team", theme.DocumentSaveIcon(), p.saveTeam)
	hint := wrapped()
	hint.SetText("People on the team can be assigned mentions and get hand-offs by email.")
	return container.NewVBox(widget.NewForm(widget.NewFormItem("Team", p.team)), hint, container.NewHBox(save))
}

func (p *prefsPane) understanding() fyne.CanvasObject {
	save := widget.NewButtonWithIcon("Save and re-read every mention", theme.ViewRefreshIcon(), p.saveAnalysis)
	save.Importance = widget.HighImportance
	hint := wrapped()
	hint.SetText("Touch points are the parts of your business a mention can be about. Each line is a name, a colon and the words that point to it. Competitors help spot people switching away.")
	form := widget.NewForm(widget.NewFormItem("Touch points", p.touch), widget.NewFormItem("Competitors", p.rivals))
	return container.NewVBox(hint, form, container.NewHBox(save))
}

func (p *prefsPane) notifications() fyne.CanvasObject {
	save := widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), p.saveNotify)
	form := widget.NewForm(
		widget.NewFormItem("", p.notifyOn),
		widget.NewFormItem("Worth it", container.NewVBox(p.minPri, p.minPriLabel)),
		widget.NewFormItem("Quiet from", p.quietFrom), widget.NewFormItem("Quiet until", p.quietTo),
		widget.NewFormItem("At most", container.NewHBox(p.perMinute, widget.NewLabel("a minute; more are summed up in one"))),
	)
	return container.NewVBox(form, container.NewHBox(save))
}

// load fills every form from the workspace.
func (p *prefsPane) load() {
	p.Go(func() {
		b, err := p.svc.Business()
		team, err2 := p.svc.TeamMembers()
		cfg, err3 := p.svc.AnalysisConfig()
		ns, err4 := p.svc.NotifySettings()
		fyne.Do(func() {
			for _, e := range []error{err, err2, err3, err4} {
				if e != nil {
					p.OnError(e)
					return
				}
			}
			p.fill(b, team, cfg, ns)
		})
	})
}

// fill shows what the workspace holds, except in a section whose changes
// are not saved: showing Settings again reloads it, and that took what
// was being typed.
func (p *prefsPane) fill(b workspace.Business, team []workspace.TeamMember, cfg analyze.Config, ns notify.Settings) {
	keep := map[string]bool{}
	for _, name := range p.unsavedChanges() {
		keep[name] = true
	}
	if !keep["Business"] {
		p.name.SetText(b.Name)
		p.owner.SetText(b.Owner)
		p.email.SetText(b.Email)
		p.website.SetText(b.Website)
		p.brand.SetText(strings.Join(b.BrandTerms, ", "))
		p.promise.SetText(strings.Join(b.Promise, ", "))
	}
	if !keep["Team and routing"] {
		var lines []string
		for _, m := range team {
			lines = append(lines, strings.Join([]string{m.Name, m.Email, m.Role}, ", "))
		}
		p.team.SetText(strings.Join(lines, "\n"))
	}
	if !keep["Understanding"] {
		p.touch.SetText(formatTouchPoints(cfg.TouchPoints))
		p.rivals.SetText(strings.Join(cfg.Competitors, ", "))
	}
	if !keep["Notifications"] {
		p.notifyOn.SetChecked(ns.Enabled)
		p.minPri.SetValue(ns.MinPriority)
		p.quietFrom.SetText(ns.QuietFrom)
		p.quietTo.SetText(ns.QuietTo)
		p.perMinute.SetSelected(strconv.Itoa(ns.PerMinute))
	}
	now := p.sections()
	if p.saved == nil {
		p.saved = now
	}
	for name, v := range now {
		if !keep[name] {
			p.saved[name] = v
		}
	}
}

func formatTouchPoints(cs []analyze.Category) string {
	lines := make([]string, len(cs))
	for i, c := range cs {
		lines[i] = c.Name + ": " + strings.Join(c.Terms, ", ")
	}
	return strings.Join(lines, "\n")
}

// parseTouchPoints reads "name: term, term" lines, keeping the subjects
// the categories had.
func parseTouchPoints(text string, old []analyze.Category) ([]analyze.Category, error) {
	var out []analyze.Category
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		name, terms, ok := strings.Cut(line, ":")
		if !ok || strings.TrimSpace(name) == "" {
			return nil, fmt.Errorf("touch points, line %d: write a name, a colon, then the words (e.g. price: price, expensive, cheap)", i+1)
		}
		c := analyze.Category{Name: strings.TrimSpace(name), Terms: splitList(terms)}
		for _, o := range old {
			if strings.EqualFold(o.Name, c.Name) {
				c.Subjects = o.Subjects
			}
		}
		out = append(out, c)
	}
	return out, nil
}

func (p *prefsPane) saveBusiness() {
	b := workspace.Business{
		Name: strings.TrimSpace(p.name.Text), Owner: strings.TrimSpace(p.owner.Text), Email: strings.TrimSpace(p.email.Text),
		Website: strings.TrimSpace(p.website.Text), BrandTerms: splitList(p.brand.Text), Promise: splitList(p.promise.Text),
	}
	p.save("Business", func() error { return p.svc.SetBusiness(b) }, "Saved. New mentions are read with these names and this promise.")
}

func (p *prefsPane) saveTeam() {
	team, err := parseTeam(p.team.Text)
	if err != nil {
		p.OnError(err)
		return
	}
	p.save("Team and routing", func() error { return p.svc.SetTeamMembers(team) }, "Team saved.")
}

// parseTeam reads one member a line: a name, then an email address and a
// role, separated by commas.
func parseTeam(text string) ([]workspace.TeamMember, error) {
	var team []workspace.TeamMember
	for i, line := range strings.Split(text, "\n") {
		parts := splitList(line)
		if len(parts) == 0 {
			continue
		}
		m := workspace.TeamMember{Name: parts[0]}
		if len(parts) > 1 {
			if !strings.Contains(parts[1], "@") {
				return nil, fmt.Errorf("team, line %d: the second part should be an email address", i+1)
			}
			m.Email = parts[1]
		}
		if len(parts) > 2 {
			m.Role = strings.Join(parts[2:], ", ")
		}
		team = append(team, m)
	}
	return team, nil
}

func (p *prefsPane) saveNotify() {
	n, _ := strconv.Atoi(p.perMinute.Selected)
	s := notify.Settings{
		Enabled: p.notifyOn.Checked, MinPriority: p.minPri.Value, QuietFrom: strings.TrimSpace(p.quietFrom.Text),
		QuietTo: strings.TrimSpace(p.quietTo.Text), PerMinute: max(1, n),
	}
	p.save("Notifications", func() error { return p.svc.SetNotifySettings(s) }, "Notification settings saved.")
}

// saveAnalysis saves the touch points and re-reads every mention with a
// progress bar.
func (p *prefsPane) saveAnalysis() {
	p.Go(func() {
		old, err := p.svc.AnalysisConfig()
		onUI(err, p.OnError, func() {
			cats, err := parseTouchPoints(p.touch.Text, old.TouchPoints)
			if err != nil {
				p.OnError(err)
				return
			}
			old.TouchPoints, old.Competitors = cats, splitList(p.rivals.Text)
			p.reread(old, p.sections()["Understanding"])
		})
	})
}

func (p *prefsPane) reread(cfg analyze.Config, state string) {
	bar := widget.NewProgressBar()
	d := dialog.NewCustomWithoutButtons("Re-reading every mention…", bar, p.Win)
	d.Show()
	p.Go(func() {
		err := p.svc.SetAnalysisConfig(cfg)
		n := 0
		if err == nil {
			n, err = p.svc.Reanalyze(func(done, total int) {
				fyne.Do(func() { bar.SetValue(float64(done) / float64(max(1, total))) })
			})
		}
		fyne.Do(func() {
			d.Hide()
			if err != nil {
				p.OnError(err)
				return
			}
			if p.saved != nil {
				p.saved["Understanding"] = state
			}
			dialog.ShowInformation("Done", fmt.Sprintf("%d mentions were read again. Your corrections were kept.", n), p.Win)
		})
	})
}

// save makes the change in the background and, once it is made, takes
// the section's fields as they were when Save was pressed as saved.
func (p *prefsPane) save(section string, change func() error, done string) {
	state := p.sections()[section]
	p.Go(func() {
		err := change()
		onUI(err, p.OnError, func() {
			if p.saved != nil {
				p.saved[section] = state
			}
			dialog.ShowInformation("Saved", done, p.Win)
		})
	})
}
