package views

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/listening/presets"
	"github.com/rapportapp/rapport/app/shared/workspace"
)

// maxCompetitors is how many competitors the first run asks for.
const maxCompetitors = 5

// setup is the first run on an empty data folder: a short setup of the
// business (its names, competitors, promise and team), then sources that
// listen for its names. The sample stays one click away. Everything it
// asks is editable later in Settings.
type setup struct {
	Env
	svc    Services
	dlg    *dialog.CustomDialog
	page   *fyne.Container // the page shown
	onDone func()          // reloads the screens
	sample func()          // loads the sample instead

	business, owner, names, rivals, promise, team *keyEntry
	next                                          *widget.Button
	problem                                       *widget.Label
	listen                                        *widget.CheckGroup
	presetIDs                                     map[string]string // check label → preset id
}

// showWelcome greets a new user on an empty data folder.
func (m *MainWindow) showWelcome() {
	s := &setup{Env: m.Env, svc: m.svc, onDone: m.reload, sample: m.loadSample, page: container.NewStack()}
	s.dlg = dialog.NewCustomWithoutButtons("Welcome to Rapport", s.page, m.Win)
	s.show(s.welcomePage())
	s.dlg.Resize(fyne.NewSize(640, 520))
	s.dlg.Show()
	m.welcome = s.dlg
}

func (s *setup) show(page fyne.CanvasObject) {
	s.page.Objects = []fyne.CanvasObject{page}
	s.page.Refresh()
}

// welcomePage offers the three ways in.
func (s *setup) welcomePage() fyne.CanvasObject {
	msg := wrapped()
	msg.SetText("Rapport watches the places where people talk about your business, reads each mention for you " +
		"and helps you answer while the moment is still open — all on this computer.\n\n" +
		"Tell it about your business in a minute, and it will start listening for your names. " +
		"Or look around a sample business first: Ember & Oak, a small coffee roaster, with a few hundred mentions, " +
		"contacts and follow-ups. It works offline, and Settings → Data removes it again.")
	start := widget.NewButtonWithIcon("Set up my business", theme.NavigateNextIcon(), func() { s.show(s.formPage()) })
	start.Importance = widget.HighImportance
	sample := widget.NewButtonWithIcon("Try the sample workspace", theme.DownloadIcon(), func() {
		s.dlg.Hide()
		s.sample()
	})
	empty := widget.NewButton("Not now", s.dlg.Hide)
	return container.NewBorder(nil, newFlow(empty, sample, start), nil, nil, msg)
}

// formPage asks about the business.
func (s *setup) formPage() fyne.CanvasObject {
	if s.business == nil {
		s.business, s.owner, s.names, s.rivals, s.promise = newEntry(), newEntry(), newEntry(), newEntry(), newEntry()
		s.team = newMultiLineEntry()
		s.team.SetMinRowsVisible(3)
		s.business.SetPlaceHolder("your business's name")
		s.owner.SetPlaceHolder("your name, as replies are signed")
		s.names.SetPlaceHolder("other names and handles: @yourshop, yourshop.com")
		s.rivals.SetPlaceHolder(fmt.Sprintf("up to %d, separated by commas", maxCompetitors))
		s.promise.SetPlaceHolder("a few words: fresh, friendly, fast delivery")
		s.team.SetPlaceHolder("one a line: name, email, role")
		s.business.OnChanged = func(string) { s.checkForm() }
		s.rivals.OnChanged = func(string) { s.checkForm() }
		s.problem = widget.NewLabel("")
		s.problem.Importance = widget.DangerImportance
		s.problem.Wrapping = fyne.TextWrapWord
		s.problem.Hide()
	}
	form := widget.NewForm(
		widget.NewFormItem("Business", s.business),
		widget.NewFormItem("You", s.owner),
		widget.NewFormItem("Also called", s.names),
		widget.NewFormItem("Competitors", s.rivals),
		widget.NewFormItem("Your promise", s.promise),
		widget.NewFormItem("Team", s.team),
	)
	back := widget.NewButton("Back", func() { s.show(s.welcomePage()) })
	s.next = widget.NewButtonWithIcon("Next", theme.NavigateNextIcon(), func() { s.show(s.listenPage()) })
	s.next.Importance = widget.HighImportance
	s.checkForm()
	return container.NewBorder(nil, container.NewVBox(s.problem, newFlow(back, s.next)), nil, nil, container.NewVScroll(form))
}

// checkForm enables Next when the form can be saved, and says what is
// missing.
func (s *setup) checkForm() {
	if s.next == nil {
		return
	}
	err := s.formProblem()
	if err != nil && strings.TrimSpace(s.business.Text) != "" {
		s.problem.SetText(err.Error())
		s.problem.Show()
	} else {
		s.problem.Hide()
	}
	if err != nil {
		s.next.Disable()
	} else {
		s.next.Enable()
	}
}

func (s *setup) formProblem() error {
	if strings.TrimSpace(s.business.Text) == "" {
		return errors.New("write your business's name")
	}
	if n := len(splitList(s.rivals.Text)); n > maxCompetitors {
		return fmt.Errorf("%d competitors: name the %d that matter most", n, maxCompetitors)
	}
	return nil
}

// keywords are the names to listen for: the business's name, then the
// other names and handles, at most three, without duplicates.
func (s *setup) keywords() []string {
	var out []string
	for _, k := range append([]string{strings.TrimSpace(s.business.Text)}, splitList(s.names.Text)...) {
		k = strings.TrimSpace(strings.TrimPrefix(k, "@"))
		if k != "" && !slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, k) }) && len(out) < 3 {
			out = append(out, k)
		}
	}
	return out
}

// listenPage offers the searches that need nothing but a keyword.
func (s *setup) listenPage() fyne.CanvasObject {
	s.presetIDs = map[string]string{}
	var labels, on []string
	for _, p := range s.svc.Presets() {
		if !p.Keyword || needsMore(p) {
			continue
		}
		labels = append(labels, p.Name)
		s.presetIDs[p.Name] = p.ID
		if p.ID != "hn-comments" {
			on = append(on, p.Name)
		}
	}
	s.listen = widget.NewCheckGroup(labels, nil)
	s.listen.SetSelected(on)
	msg := wrapped()
	msg.SetText("Rapport can listen for " + quoteList(s.keywords()) + " on these services. " +
		"You can add more sources, and any feed, in Sources later.")
	back := widget.NewButton("Back", func() { s.show(s.formPage()) })
	finish := widget.NewButtonWithIcon("Save and start listening", theme.ConfirmIcon(), s.finish)
	finish.Importance = widget.HighImportance
	return container.NewBorder(msg, newFlow(back, finish), nil, nil, container.NewVScroll(s.listen))
}

// needsMore reports a preset that needs more than a keyword (a server, a
// site) without a default for it.
func needsMore(p presets.Preset) bool {
	for _, f := range p.Fields {
		if f.Name != presets.FieldKeyword && !f.Optional && f.Default == "" {
			return true
		}
	}
	return false
}

func quoteList(ks []string) string {
	q := make([]string, len(ks))
	for i, k := range ks {
		q[i] = "“" + k + "”"
	}
	if len(q) == 0 {
		return "your names"
	}
	return listWords(q)
}

// finish saves the answers and adds the sources, in the background.
func (s *setup) finish() {
	team, err := parseTeam(s.team.Text)
	if err != nil {
		s.OnError(err)
		return
	}
	b := workspace.Business{
		Name: strings.TrimSpace(s.business.Text), Owner: strings.TrimSpace(s.owner.Text),
		BrandTerms: splitList(s.names.Text), Promise: splitList(s.promise.Text),
	}
	rivals := splitList(s.rivals.Text)
	var ids []string
	for _, l := range s.listen.Selected {
		ids = append(ids, s.presetIDs[l])
	}
	keywords := s.keywords()
	s.dlg.Hide()
	s.Go(func() {
		added, err := s.save(b, team, rivals, keywords, ids)
		onUI(err, s.OnError, func() {
			s.onDone()
			if added > 0 { // the first mentions, in the background; offline, the sources' health says so
				s.Go(func() { _, _ = s.svc.CheckSources(nil, nil) })
			}
			dialog.ShowInformation("Rapport is listening", fmt.Sprintf("%s is set up, with %s listening for its names. "+
				"New mentions appear in the inbox as the sources are checked; Settings changes any of it.", b.Name, plural(added, "source")), s.Win)
		})
	})
}

// save stores the business, the team, the competitors and the sources.
func (s *setup) save(b workspace.Business, team []workspace.TeamMember, rivals, keywords, presetIDs []string) (int, error) {
	if err := s.svc.SetBusiness(b); err != nil {
		return 0, err
	}
	if err := s.svc.SetTeamMembers(team); err != nil {
		return 0, err
	}
	cfg, err := s.svc.AnalysisConfig()
	if err != nil {
		return 0, err
	}
	cfg.Competitors = rivals
	if err := s.svc.SetAnalysisConfig(cfg); err != nil {
		return 0, err
	}
	added := 0
	var errs []error
	for _, k := range keywords {
		names, es := s.svc.Listen(k, presetIDs, presets.Input{Keyword: k})
		added += len(names)
		errs = append(errs, es...)
	}
	return added, errors.Join(errs...)
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
