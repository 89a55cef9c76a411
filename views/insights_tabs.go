package views

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/integrating/ideas"
	"github.com/rapportapp/rapport/app/integrating/insights"
)

func wrapLabel(t string) *widget.Label {
	l := widget.NewLabel(t)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func (s *Insights) quotes(box *fyne.Container, qs []insights.Quote) {
	for _, q := range qs {
		l := wrapLabel(fmt.Sprintf("“%s” — %s, %s", q.Text, q.Author, q.Day))
		l.TextStyle.Italic = true
		box.Add(l)
	}
}

// showTouch fills the touch-point audit and the brand promise.
func (s *Insights) showTouch() {
	d := s.data
	s.touch.RemoveAll()
	s.touch.Add(boldLabel("Touch points — the ones getting worse are flagged"))
	for _, tp := range d.TouchPoints {
		flag := ""
		if tp.Worse {
			flag = "  ⚠ getting worse"
		}
		s.touch.Add(s.figureRow(fmt.Sprintf("%d  %s", tp.Mentions, tp.Key), fmt.Sprintf("%d before (%s); sentiment %+.2f (%+.2f before); %.0f %% negative%s",
			tp.Previous.Mentions, changeText(tp.Change), tp.MeanSentiment, tp.Previous.MeanSentiment, 100*tp.ShareNegative, flag),
			"Touch point: "+tp.Key, insights.Ref{Kind: insights.RefTouch, Value: tp.Key}))
		s.quotes(s.touch, tp.Quotes)
		if len(tp.Quotes) > 0 {
			s.touch.Add(s.ideaButton("Improve "+tp.Key, "process", quoteIDs(tp.Quotes)))
		}
	}
	if len(d.TouchPoints) == 0 {
		s.touch.Add(widget.NewLabel("No touch point was named in this period."))
	}
	pr := d.Promise
	s.touch.Add(widget.NewSeparator())
	s.touch.Add(boldLabel("Brand promise — do conversations align with it?"))
	s.touch.Add(s.figureRow(fmt.Sprintf("%d at odds", pr.AtOdds), fmt.Sprintf("%d before; %.0f %% of the mentions with a verdict", pr.PreviousAtOdds, 100*pr.ShareAtOdds),
		"At odds with the promise", insights.Ref{Kind: insights.RefPromise, Value: "at odds"}))
	s.touch.Add(s.figureRow(fmt.Sprintf("%d in line", pr.InLine), fmt.Sprintf("%d before", pr.PreviousInLine), "In line with the promise", insights.Ref{Kind: insights.RefPromise, Value: "in line"}))
	s.quotes(s.touch, pr.Examples)
	s.touch.Add(widget.NewSeparator())
	s.touch.Add(boldLabel("Content roadmap — questions people keep asking"))
	for i, t := range s.topics {
		if i == 8 {
			break
		}
		row := wrapLabel(fmt.Sprintf("%d × %s — %s", t.Count, t.Label, t.Suggestion))
		s.touch.Add(container.NewBorder(nil, nil, nil, s.ideaButton("Answer: "+t.Label, "content", t.Mentions), row))
	}
	s.touch.Refresh()
}

// showAnswers fills responsiveness and people.
func (s *Insights) showAnswers() {
	r, pe := s.data.Response, s.data.People
	s.answers.RemoveAll()
	s.answers.Add(boldLabel("Time to first answer"))
	s.answers.Add(s.figureRow(fmt.Sprintf("%d answered", r.Answered), fmt.Sprintf("median %s, 90 %% within %s", mins(r.MedianMinutes), mins(r.P90Minutes)),
		"Answered mentions", insights.Ref{Kind: insights.RefAnswered}))
	s.answers.Add(s.figureRow(fmt.Sprintf("%d within 1 h", r.Within1h), fmt.Sprintf("%.0f %% of the answered", 100*r.ShareWithin1h), "Answered within an hour", insights.Ref{Kind: insights.RefWithin1h}))
	s.answers.Add(s.figureRow(fmt.Sprintf("%d within 24 h", r.Within24h), fmt.Sprintf("%.0f %% of the answered", 100*r.ShareWithin24h), "Answered within a day", insights.Ref{Kind: insights.RefWithin24h}))
	for _, o := range r.ByResponder {
		name := o.Name
		if name == "" {
			name = "(not recorded)"
		}
		s.answers.Add(s.figureRow(fmt.Sprintf("%d by %s", o.Answered, name), fmt.Sprintf("median %s, %.0f %% within 1 h", mins(o.MedianMinutes), 100*o.ShareWithin1h),
			"Answered by "+name, insights.Ref{Kind: insights.RefResponder, Value: o.Name}))
	}
	s.answers.Add(boldLabel("Waiting now"))
	s.answers.Add(s.figureRow(fmt.Sprintf("%d waiting", r.Waiting.Count), "new or needs reply, now", "Waiting for an answer", insights.Ref{Kind: insights.RefWaiting}))
	for _, w := range r.Waiting.Oldest {
		s.answers.Add(wrapLabel(fmt.Sprintf("   %s, %s: %s (%s)", w.Author, mins(w.Hours*60), w.Headline, orNobody(w.Owner))))
	}
	s.answers.Add(widget.NewSeparator())
	s.answers.Add(boldLabel("People"))
	s.answers.Add(widget.NewLabel(fmt.Sprintf("Give and get: %d gives, %d gets, %d asks; gets worth %.2f", pe.Gives, pe.Gets, pe.Asks, pe.Value)))
	for _, m := range pe.StageMoves {
		s.answers.Add(widget.NewLabel(fmt.Sprintf("   %s: %s → %s (%s)", m.Name, m.From, m.To, m.Day)))
	}
	for _, p := range pe.NewAdvocates {
		s.answers.Add(widget.NewLabel("   New advocate: " + p.Name))
	}
	s.answers.Add(boldLabel("Advocates to thank"))
	for _, p := range pe.Thank {
		s.answers.Add(wrapLabel(fmt.Sprintf("   %s — %d gets (%s)", p.Name, p.Gets, p.Why)))
	}
	if len(pe.Thank) == 0 {
		s.answers.Add(widget.NewLabel("   Nobody gave in this period."))
	}
	s.answers.Refresh()
}

func orNobody(s string) string {
	if s == "" {
		return "unassigned"
	}
	return s
}

func mins(m int64) string {
	switch {
	case m < 60:
		return fmt.Sprintf("%d min", m)
	case m < 48*60:
		return fmt.Sprintf("%.1f h", float64(m)/60)
	}
	return fmt.Sprintf("%.1f days", float64(m)/1440)
}

// showExperiments lists the experiments with their results.
func (s *Insights) showExperiments() {
	s.expBox.RemoveAll()
	s.expBox.Add(wrapLabel("Experiments prove which tactics work: while one runs, the composer says which variant to use and records it. Add one with 'rapport experiment add FILE.json', then 'rapport experiment start ID'."))
	for _, e := range s.exps {
		s.expBox.Add(boldLabel(fmt.Sprintf("%s (%s, outcome: %s within %d days)", e.Name, e.State, e.Outcome, e.Days)))
		for _, v := range e.Variants {
			s.expBox.Add(wrapLabel(fmt.Sprintf("   %s  %s: %d of %d, %.0f %% (95 %% interval %.0f–%.0f %%), %d pending",
				v.Key, v.Name, v.Successes, v.N, 100*v.Rate, 100*v.Low, 100*v.High, v.Pending)))
		}
		s.expBox.Add(wrapLabel(e.Sentence))
	}
	s.expBox.Refresh()
}

// showBoard shows the ideas board, a row per column.
func (s *Insights) showBoard() {
	s.board.RemoveAll()
	for _, st := range ideas.Stages() {
		s.board.Add(boldLabel(strings.ToUpper(st[:1]) + st[1:]))
		n := 0
		for _, i := range s.ideas {
			if i.Stage != st {
				continue
			}
			n++
			s.board.Add(s.ideaRow(i))
		}
		if n == 0 {
			s.board.Add(widget.NewLabel("   —"))
		}
	}
	s.board.Refresh()
}

func (s *Insights) ideaRow(i ideas.Idea) fyne.CanvasObject {
	text := wrapLabel(fmt.Sprintf("%s  (%s, %s, %d mentions)", i.Title, i.Kind, orNobody(i.Owner), len(i.Mentions)))
	var buttons []fyne.CanvasObject
	stages := ideas.Stages()
	for k, st := range stages {
		if st == i.Stage && k+1 < len(stages) {
			next := stages[k+1]
			buttons = append(buttons, widget.NewButton("Move to "+next, func() { s.move(i.ID, next) }))
		}
	}
	if i.Stage == ideas.StageDone || i.Stage == ideas.StageLearned {
		buttons = append(buttons, widget.NewButton("Close the loop…", func() { s.closeLoop(i.ID) }))
	}
	return container.NewBorder(nil, nil, nil, container.NewHBox(buttons...), text)
}

func (s *Insights) move(id, stage string) {
	s.Go(func() {
		err := s.Svc.MoveIdea(id, stage)
		onUI(err, s.OnError, s.Reload)
	})
}

// closeLoop shows the notes to everyone who raised a done idea and the
// public post, ready to copy.
func (s *Insights) closeLoop(id string) {
	s.Go(func() {
		loop, err := s.Svc.CloseLoop(id)
		onUI(err, s.OnError, func() {
			box := container.NewVBox(wrapLabel("Everyone who raised it hears back personally; the post is for the community who heard the remarks."))
			for _, n := range loop.Notes {
				e := widget.NewMultiLineEntry()
				e.SetText(n.Draft)
				e.Wrapping = fyne.TextWrapWord
				box.Add(boldLabel(n.Name + " (" + n.Platform + ")"))
				box.Add(e)
			}
			pub := widget.NewMultiLineEntry()
			pub.SetText(loop.Public)
			pub.Wrapping = fyne.TextWrapWord
			box.Add(boldLabel("Public post"))
			box.Add(pub)
			d := dialog.NewCustom("Close the loop: "+loop.Idea.Title, "Done", container.NewVScroll(box), s.Win)
			d.Resize(fyne.NewSize(620, 480))
			d.Show()
		})
	})
}

func quoteIDs(qs []insights.Quote) []uint64 {
	out := make([]uint64, len(qs))
	for i, q := range qs {
		out[i] = q.ID
	}
	return out
}

// ideaButton turns a group of mentions into an idea on the board, after
// the user names it.
func (s *Insights) ideaButton(title, kind string, ids []uint64) fyne.CanvasObject {
	b := widget.NewButton("Turn into an idea…", func() {
		name := widget.NewEntry()
		name.SetText(title)
		kinds := widget.NewSelect(ideas.Kinds(), nil)
		kinds.SetSelected(kind)
		items := []*widget.FormItem{widget.NewFormItem("Idea", name), widget.NewFormItem("Kind", kinds)}
		dialog.ShowForm("Turn into an idea", "Add to the board", "Cancel", items, func(ok bool) {
			if !ok {
				return
			}
			t, k := name.Text, kinds.Selected
			s.Go(func() {
				err := s.Svc.IdeaFromMentions(t, k, ids)
				onUI(err, s.OnError, s.Reload)
			})
		}, s.Win)
	})
	b.Importance = widget.LowImportance
	return container.NewHBox(b)
}
