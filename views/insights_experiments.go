package views

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/integrating/experiments"
)

// parseVariants reads the variants of an experiment, one a line: a name,
// then optionally " — " (or " - ") and the tip the composer shows. They
// are keyed A, B, C… in order; blank lines are skipped.
func parseVariants(text string) []experiments.Variant {
	var out []experiments.Variant
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		name, tip := line, ""
		for _, sep := range []string{" — ", " – ", " - "} {
			if a, b, ok := strings.Cut(line, sep); ok {
				name, tip = strings.TrimSpace(a), strings.TrimSpace(b)
				break
			}
		}
		out = append(out, experiments.Variant{Key: string(rune('A' + len(out))), Name: name, Tip: tip})
	}
	return out
}

// experimentForm is the fields of a new experiment.
type experimentForm struct {
	name, days                *widget.Entry
	hypothesis, variants      *widget.Entry
	outcome, intent, polarity *widget.Select
	touch                     *widget.Select
	contacts                  *widget.Check
	assign                    *widget.RadioGroup
	outcomeKeys, intents, tps []string
}

func (s *Insights) newExperimentForm() *experimentForm {
	f := &experimentForm{name: widget.NewEntry(), days: widget.NewEntry(), hypothesis: widget.NewMultiLineEntry(), variants: widget.NewMultiLineEntry()}
	f.name.SetPlaceHolder("Public or private answers to complaints")
	f.hypothesis.SetPlaceHolder("Taking a complaint to email brings the person back more often")
	f.hypothesis.SetMinRowsVisible(2)
	f.variants.SetPlaceHolder("Reply in public — answer under the post\nTake it offline — offer to continue by email")
	f.variants.SetMinRowsVisible(3)
	f.days.SetText("14")
	outcomes := experiments.Outcomes()
	f.outcomeKeys = slices.Sorted(func(yield func(string) bool) {
		for k := range outcomes {
			if !yield(k) {
				return
			}
		}
	})
	labels := make([]string, len(f.outcomeKeys))
	for i, k := range f.outcomeKeys {
		labels[i] = outcomes[k]
	}
	f.outcome = widget.NewSelect(labels, nil)
	f.outcome.SetSelectedIndex(slices.Index(f.outcomeKeys, experiments.OutcomeReturns))
	f.intents, f.tps = []string{"any intent"}, []string{"any touch point"}
	if s.data != nil {
		for _, sp := range s.data.Intents {
			f.intents = append(f.intents, sp.Key)
		}
		for _, sp := range s.data.TouchPoints {
			f.tps = append(f.tps, sp.Key)
		}
	}
	f.intent, f.touch = widget.NewSelect(f.intents, nil), widget.NewSelect(f.tps, nil)
	f.intent.SetSelectedIndex(0)
	f.touch.SetSelectedIndex(0)
	f.polarity = widget.NewSelect([]string{"any mood", "negative", "neutral", "positive"}, nil)
	f.polarity.SetSelectedIndex(0)
	f.contacts = widget.NewCheck("only from contacts", nil)
	f.assign = widget.NewRadioGroup([]string{"Alternate", "At random"}, nil)
	f.assign.Horizontal = true
	f.assign.SetSelected("Alternate")
	return f
}

func (f *experimentForm) items() []*widget.FormItem {
	who := container.NewGridWithColumns(2, f.intent, f.polarity, f.touch, f.contacts)
	return []*widget.FormItem{
		widget.NewFormItem("Name", f.name),
		widget.NewFormItem("Hypothesis", f.hypothesis),
		{Text: "Variants", Widget: f.variants, HintText: "one a line: a name, then — and the tip the composer shows"},
		{Text: "Who qualifies", Widget: who, HintText: "the mentions whose replies take part"},
		widget.NewFormItem("Success", f.outcome),
		{Text: "Within days", Widget: f.days, HintText: "after the reply"},
		widget.NewFormItem("Variants are", f.assign),
	}
}

// experiment reads the form; an error says what is missing.
func (f *experimentForm) experiment() (experiments.Experiment, error) {
	x := experiments.Experiment{
		Name: strings.TrimSpace(f.name.Text), Hypothesis: strings.TrimSpace(f.hypothesis.Text),
		Variants: parseVariants(f.variants.Text), Random: f.assign.Selected == "At random",
	}
	if i := f.outcome.SelectedIndex(); i >= 0 {
		x.Outcome = f.outcomeKeys[i]
	}
	pick := func(sel *widget.Select) string {
		if sel.SelectedIndex() <= 0 { // "any …"
			return ""
		}
		return sel.Selected
	}
	x.Population = experiments.Population{Intent: pick(f.intent), Polarity: pick(f.polarity), TouchPoint: pick(f.touch), Contacts: f.contacts.Checked}
	days, err := strconv.Atoi(strings.TrimSpace(f.days.Text))
	switch {
	case x.Name == "":
		return x, errors.New("give the experiment a name")
	case len(x.Variants) < 2:
		return x, errors.New("write at least two variants, one a line")
	case err != nil || days < 1 || days > 365:
		return x, errors.New("within days: a number of days from 1 to 365")
	}
	x.Days = days
	return x, nil
}

// newExperiment asks for an experiment and saves it as a draft.
func (s *Insights) newExperiment() {
	f := s.newExperimentForm()
	d := dialog.NewForm("New experiment", "Save as draft", "Cancel", f.items(), func(ok bool) {
		if !ok {
			return
		}
		x, err := f.experiment()
		if err != nil {
			s.OnError(err)
			return
		}
		s.Go(func() {
			_, err := s.Svc.AddExperiment(x)
			onUI(err, s.OnError, s.Reload)
		})
	}, s.Win)
	d.Resize(fyne.NewSize(620, 560))
	d.Show()
}

// experimentButtons are what can be done with an experiment now.
func (s *Insights) experimentButtons(e experiments.Result) fyne.CanvasObject {
	switch e.State {
	case experiments.Draft:
		return widget.NewButton("Start", func() {
			s.Go(func() {
				err := s.Svc.StartExperiment(e.ID)
				onUI(err, s.OnError, s.Reload)
			})
		})
	case experiments.Running:
		return widget.NewButton("Conclude…", func() { s.conclude(e) })
	}
	return nil
}

// conclude asks what was learned and ends the experiment.
func (s *Insights) conclude(e experiments.Result) {
	text := widget.NewMultiLineEntry()
	text.Wrapping = fyne.TextWrapWord
	text.SetText(e.Sentence)
	text.SetMinRowsVisible(3)
	d := dialog.NewForm(fmt.Sprintf("Conclude %q", e.Name), "Conclude", "Cancel",
		[]*widget.FormItem{{Text: "What we learned", Widget: text, HintText: "it goes on the ideas board as a learning"}}, func(ok bool) {
			c := strings.TrimSpace(text.Text)
			if !ok || c == "" {
				return
			}
			s.Go(func() {
				err := s.Svc.ConcludeExperiment(e.ID, c)
				onUI(err, s.OnError, s.Reload)
			})
		}, s.Win)
	d.Resize(fyne.NewSize(560, 300))
	d.Show()
}
