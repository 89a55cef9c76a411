package views

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/integrating/ideas"
	"github.com/rapportapp/rapport/app/interacting/inbox"
)

// IdeaMaker turns mentions into an idea on the learnings board.
type IdeaMaker interface {
	IdeaFromMentions(title, kind string, ids []uint64) error
}

// askIdea asks what idea mentions make (its title and kind, title and kind
// suggested) and puts it on the board; done runs on the UI goroutine once
// it is there.
func askIdea(env Env, svc IdeaMaker, title, kind string, ids []uint64, done func(title string)) {
	name := widget.NewEntry()
	name.SetText(title)
	name.SetPlaceHolder("what should change, or be made")
	kinds := widget.NewSelect(ideas.Kinds(), nil)
	kinds.SetSelected(kind)
	items := []*widget.FormItem{
		widget.NewFormItem("Idea", name), widget.NewFormItem("Kind", kinds),
		widget.NewFormItem("Evidence", widget.NewLabel(plural(len(ids), "mention"))),
	}
	d := dialog.NewForm("Turn into an idea", "Add to the board", "Cancel", items, func(ok bool) {
		t, k := strings.TrimSpace(name.Text), kinds.Selected
		if !ok || t == "" {
			return
		}
		env.Go(func() {
			err := svc.IdeaFromMentions(t, k, ids)
			onUI(err, env.OnError, func() { done(t) })
		})
	}, env.Win)
	d.Resize(fyne.NewSize(480, 240))
	d.Show()
}

// ideaKind guesses what kind of idea a mention makes: a question asks for
// content, a complaint about a touch point for a better process, else a
// product idea.
func ideaKind(r inbox.Row) string {
	for _, in := range r.Intents {
		switch in {
		case "question", "know":
			return "content"
		case "complaint":
			return "process"
		}
	}
	return "product"
}

// turnIntoIdea is the inbox's "Idea…": the open or ticked mentions become
// the evidence of an idea on the board.
func (in *Inbox) turnIntoIdea(ids []uint64) {
	if len(ids) == 0 {
		return
	}
	r := in.rows[ids[0]]
	title := ""
	if len(ids) == 1 {
		title = clipText(r.Headline, 80)
	}
	askIdea(in.Env, in.Svc, title, ideaKind(r), ids, func(t string) {
		dialog.ShowInformation("Idea added", fmt.Sprintf("%q is on the ideas board, with %s as evidence (Insights → Ideas & learnings).",
			t, plural(len(ids), "mention")), in.Win)
	})
}
