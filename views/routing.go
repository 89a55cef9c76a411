package views

import (
	"net/url"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/interacting/routing"
)

// handOff asks who should take a mention, assigns it and opens an email
// to them with the mention and its context.
func (in *Inbox) handOff(id uint64) {
	if in.Routing == nil || id == 0 {
		return
	}
	withTeam(in.Env, in.Svc, func(team []string) { in.askHandOff(id, team) })
}

// askHandOff asks which team member takes the mention.
func (in *Inbox) askHandOff(id uint64, team []string) {
	rs := in.Routing
	if len(team) == 0 {
		dialog.ShowInformation("No team yet", "Add the people who help you in Settings → Team, then hand mentions off to them.", in.Win)
		return
	}
	who := widget.NewSelect(team, nil)
	who.SetSelected(team[0])
	d := dialog.NewForm("Hand off by email", "Hand off", "Cancel", []*widget.FormItem{widget.NewFormItem("To", who)}, func(ok bool) {
		if !ok {
			return
		}
		member := who.Selected
		in.Go(func() {
			link, err := rs.HandOff(id, member)
			onUI(err, in.OnError, func() {
				if u, err := url.Parse(link); err == nil {
					_ = fyne.CurrentApp().OpenURL(u)
				}
				in.Reload()
			})
		})
	}, in.Win)
	d.Resize(fyne.NewSize(420, 180))
	d.Show()
}

// routingPane lists and edits the routing rules (Settings → Team).
type routingPane struct {
	Env
	svc   RoutingService
	inbox InboxService // the team and the vocabulary
	rules []routing.Rule
	box   *fyne.Container
}

func newRoutingPane(env Env, svc RoutingService, in InboxService) *routingPane {
	return &routingPane{Env: env, svc: svc, inbox: in, box: container.NewVBox()}
}

func (r *routingPane) content() fyne.CanvasObject {
	add := widget.NewButtonWithIcon("New rule…", theme.ContentAddIcon(), r.onNew)
	suggest := widget.NewButtonWithIcon("Add suggested rules", theme.ContentCopyIcon(), r.onSuggest)
	hint := wrapped()
	hint.SetText("Routing rules give new mentions to the right person as they arrive; the first rule that matches wins. A mention someone assigned by hand keeps its owner.")
	return container.NewVBox(widget.NewLabelWithStyle("Routing rules", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		hint, r.box, newFlow(add, suggest))
}

func (r *routingPane) load() {
	r.Go(func() {
		rules, explained, err := r.svc.RoutingRules()
		onUI(err, r.OnError, func() {
			r.rules = rules
			r.box.Objects = nil
			for i, text := range explained {
				idx := i
				l := wrapped()
				l.SetText(text)
				del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { r.save(slices.Delete(slices.Clone(r.rules), idx, idx+1)) })
				r.box.Add(container.NewBorder(nil, nil, nil, del, l))
			}
			if len(explained) == 0 {
				none := wrapped()
				none.SetText("No rules: new mentions stay unassigned until you assign them.")
				r.box.Add(none)
			}
			r.box.Refresh()
		})
	})
}

func (r *routingPane) save(rules []routing.Rule) {
	r.Go(func() {
		err := r.svc.SaveRoutingRules(rules)
		onUI(err, r.OnError, func() {
			r.load()
		})
	})
}

func (r *routingPane) onSuggest() {
	r.Go(func() {
		sg, err := r.svc.SuggestedRules()
		onUI(err, r.OnError, func() {
			if len(sg) == 0 {
				dialog.ShowInformation("No suggestions", "Give your team members roles (such as \"café manager\" or \"online shop & support\") and Rapport suggests rules for them.", r.Win)
				return
			}
			r.save(append(slices.Clone(r.rules), sg...))
		})
	})
}

func (r *routingPane) onNew() {
	withTeam(r.Env, r.inbox, r.askNew)
}

// askNew asks for a new rule whose owner is one of team.
func (r *routingPane) askNew(team []string) {
	intents, touch := r.inbox.Vocabulary()
	keys := newDialogKeys()
	name := keys.entry()
	in := widget.NewCheckGroup(intents, nil)
	in.Horizontal = true
	tp := widget.NewCheckGroup(touch, nil)
	tp.Horizontal = true
	mood := widget.NewSelect([]string{"any", "negative", "neutral", "positive"}, nil)
	mood.SetSelected("any")
	owner := widget.NewSelect(team, nil)
	items := []*widget.FormItem{
		widget.NewFormItem("Name", name), widget.NewFormItem("Intents", in), widget.NewFormItem("Touch points", tp),
		widget.NewFormItem("Sentiment", mood), widget.NewFormItem("Give to", owner),
	}
	d := dialog.NewForm("New routing rule", "Add", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		rule := routing.Rule{Name: strings.TrimSpace(name.Text), Intents: in.Selected, TouchPoints: tp.Selected, Owner: owner.Selected}
		if mood.Selected != "any" {
			rule.Sentiment = mood.Selected
		}
		r.save(append(slices.Clone(r.rules), rule))
	}, r.Win)
	keys.confirm = d.Submit
	d.Resize(fyne.NewSize(720, 460))
	keys.show(d, r.Win, name)
}
