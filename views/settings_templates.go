package views

import (
	"cmp"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/interacting/compose"
)

// templatesPane edits the reply template library.
type templatesPane struct {
	svc ReplyService
	Env

	temps   []compose.Template
	current compose.Template
	list    *widget.List
	name    *keyEntry
	subject *keyEntry
	body    *keyEntry
	vars    *widget.Label
}

func newTemplatesPane(env Env, svc ReplyService) *templatesPane {
	t := &templatesPane{Env: env, svc: svc}
	t.list = widget.NewList(func() int { return len(t.temps) }, func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(t.temps[i].Name) })
	t.list.OnSelected = t.onSelected
	t.name, t.subject = newEntry(), newEntry()
	t.subject.SetPlaceHolder("for email replies")
	t.body = newMultiLineEntry()
	t.body.Wrapping = fyne.TextWrapWord
	t.body.SetMinRowsVisible(8)
	t.vars = wrapped()
	var names []string
	for _, v := range compose.Variables() {
		names = append(names, "{"+v.Name+"}")
	}
	t.vars.SetText("Variables you can use: " + strings.Join(names, ", "))
	return t
}

func (t *templatesPane) content() fyne.CanvasObject {
	add := widget.NewButtonWithIcon("New", theme.ContentAddIcon(), t.onNew)
	imp := widget.NewButtonWithIcon("Import…", theme.FolderOpenIcon(), t.onImport)
	exp := widget.NewButtonWithIcon("Export…", theme.DocumentSaveIcon(), t.onExport)
	save := widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), t.onSave)
	save.Importance = widget.HighImportance
	del := widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), t.onDelete)
	form := widget.NewForm(widget.NewFormItem("Name", t.name), widget.NewFormItem("Subject", t.subject), widget.NewFormItem("Text", t.body))
	editor := container.NewVBox(form, t.vars, container.NewHBox(save, del))
	left := container.NewBorder(newFlow(add, imp, exp), nil, nil, nil, t.list)
	split := container.NewHSplit(left, container.NewVScroll(editor))
	split.SetOffset(0.3)
	return split
}

func (t *templatesPane) load() {
	t.Go(func() {
		ts, err := t.svc.Templates()
		onUI(err, t.OnError, func() {
			t.temps = ts
			t.list.Refresh()
			t.selectCurrent() // a save or an import may have moved it
		})
	})
}

func (t *templatesPane) show(c compose.Template) {
	t.current = c
	t.name.SetText(c.Name)
	t.subject.SetText(c.Subject)
	t.body.SetText(c.Body)
}

// onSelected shows the template picked in the list. With changes to the
// one shown not saved, it asks first; Cancel selects that one again.
func (t *templatesPane) onSelected(i widget.ListItemID) {
	if i < 0 || i >= len(t.temps) {
		return
	}
	c := t.temps[i]
	if c.ID != 0 && c.ID == t.current.ID {
		return // the one shown, selected again (Cancel below): its fields stay
	}
	t.leave(func() {
		for _, n := range t.temps { // the list may have been read again meanwhile
			if n.ID == c.ID {
				c = n
			}
		}
		t.show(c)
	}, t.selectCurrent)
}

// onNew starts a new template, asking first about changes not saved.
func (t *templatesPane) onNew() {
	t.leave(func() {
		t.list.UnselectAll()
		t.show(compose.Template{Name: "New template"})
	}, t.selectCurrent)
}

// discardMessage is the question's text when picking something else
// would drop changes in a form (the title names what they are of).
const discardMessage = "They are not saved. Cancel keeps them, to save them first."

// leave runs next when the template shown has no change that is not
// saved, or once the user agrees to discard it; stay runs when they do
// not.
func (t *templatesPane) leave(next, stay func()) {
	if len(t.unsavedChanges()) == 0 {
		next()
		return
	}
	name := cmp.Or(strings.TrimSpace(t.current.Name), "the new template")
	if t.current.ID == 0 {
		name = "the new template"
	}
	showConfirm(t.Win, "Discard your changes to "+name+"?", discardMessage, "Discard", func(discard bool) {
		if discard {
			next()
			return
		}
		stay()
	})
}

// selectCurrent selects the template shown in the list again (none for
// a new one).
func (t *templatesPane) selectCurrent() {
	for i, c := range t.temps {
		if c.ID != 0 && c.ID == t.current.ID {
			t.list.Select(i)
			return
		}
	}
	t.list.UnselectAll()
}

// unsavedChanges names the pane when the template being edited differs
// from the one shown (a new one counts once it has text).
func (t *templatesPane) unsavedChanges() []string {
	c := t.current
	if t.name.Text == c.Name && t.subject.Text == c.Subject && t.body.Text == c.Body {
		return nil
	}
	if c.ID == 0 && t.subject.Text == "" && t.body.Text == "" {
		return nil // a new template with nothing in it yet
	}
	return []string{"Templates"}
}

func (t *templatesPane) onSave() {
	c := t.current
	c.Name, c.Subject, c.Body = t.name.Text, t.subject.Text, t.body.Text
	if _, problems := compose.Render(c.Body, compose.Vars{}); hasUnknown(problems) {
		t.OnError(fmt.Errorf("%s", problemText(problems)))
		return
	}
	t.Go(func() {
		saved, err := t.svc.SaveTemplate(c)
		onUI(err, t.OnError, func() {
			t.current = saved
			t.load()
		})
	})
}

func hasUnknown(ps []compose.Problem) bool {
	for _, p := range ps {
		if p.Kind != compose.ProblemMissing {
			return true
		}
	}
	return false
}

func (t *templatesPane) onDelete() {
	c := t.current
	if c.ID == 0 {
		return
	}
	dialog.ShowConfirm("Delete "+c.Name+"?", "The template is removed from the library.", func(ok bool) {
		if !ok {
			return
		}
		t.Go(func() {
			err := t.svc.DeleteTemplate(c.ID)
			onUI(err, t.OnError, func() {
				t.show(compose.Template{})
				t.load()
			})
		})
	}, t.Win)
}

func (t *templatesPane) onImport() {
	fileJob{
		Env: t.Env, working: "Importing templates…", done: "Templates imported", after: t.load,
		run: func(path string) (string, error) {
			n, problems, err := t.svc.ImportTemplates(path)
			msg := fmt.Sprintf("%d templates imported.", n)
			if len(problems) > 0 {
				msg += "\n" + problemText(problems)
			}
			return msg, err
		},
	}.open(".json")
}

func (t *templatesPane) onExport() {
	fileJob{
		Env: t.Env, working: "Exporting templates…", done: "Templates exported",
		run: func(path string) (string, error) {
			return "Saved to\n" + path, t.svc.ExportTemplates(path)
		},
	}.save("rapport-templates.json")
}
