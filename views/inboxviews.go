package views

import (
	"errors"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/interacting/inbox"
	"github.com/rapportapp/rapport/app/shared/human"
)

// viewsColumn lists the saved views with their counts, and saves the
// current filter as a new view.
func (in *Inbox) viewsColumn() fyne.CanvasObject {
	in.viewList = widget.NewList(
		func() int { return len(in.views) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("")
			name.Truncation = fyne.TextTruncateEllipsis
			n := widget.NewLabel("")
			return container.NewBorder(nil, nil, nil, n, name)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(in.views[i].Name)
			n := ""
			if i < len(in.counts) {
				n = viewCount(in.counts[i])
			}
			c.Objects[1].(*widget.Label).SetText(n)
		})
	in.viewList.OnSelected = in.onViewSelected
	in.viewList.Select(0)
	save := widget.NewButtonWithIcon("Save view…", theme.ContentAddIcon(), in.onSaveView)
	del := widget.NewButtonWithIcon("", theme.DeleteIcon(), in.onDeleteView)
	return container.NewBorder(nil, container.NewBorder(nil, nil, nil, del, save), nil, nil, in.viewList)
}

// reloadViews reads the views and their counts in the background, one
// reading at a time: asked again while one runs (archiving e, e, e), it
// reads them once more when that one ends, instead of once per action —
// a view with a search costs seconds to count at 100,000 mentions.
func (in *Inbox) reloadViews() {
	if in.viewsBusy {
		in.viewsAgain = true
		return
	}
	in.viewsBusy = true
	in.Go(func() {
		views, err := in.Svc.Views()
		var counts []inbox.Count
		if err == nil {
			fs := make([]inbox.Filter, len(views))
			for i, v := range views {
				fs[i] = v.Filter
			}
			counts, err = in.Svc.Counts(fs)
		}
		fyne.Do(func() {
			in.viewsBusy = false
			if in.viewsAgain {
				in.viewsAgain = false
				defer in.reloadViews()
			}
			if err != nil {
				in.OnError(err)
				return
			}
			in.views, in.counts = views, counts
			in.viewList.Refresh()
			if i := slices.IndexFunc(views, func(v inbox.View) bool { return v.ID == in.view.ID }); i >= 0 {
				in.viewList.Select(i) // the view shown is the one highlighted (after saving one, too)
			}
			in.updateEmpty()
		})
	})
}

func (in *Inbox) onViewSelected(i widget.ListItemID) {
	if i < 0 || i >= len(in.views) || in.views[i].ID == in.view.ID {
		return
	}
	in.view = in.views[i]
	in.filter.Sort = in.view.Filter.Sort
	if in.sortSel != nil {
		in.sortSel.SetSelected(sortLabel(in.filter.Sort))
	}
	in.selected = 0
	in.Reload()
}

func sortLabel(s string) string {
	if s == inbox.SortPriority {
		return sortPriorityLabel
	}
	return sortNewestLabel
}

// onSaveView saves what is shown now (the view and the toolbar's
// filters) under a new name.
func (in *Inbox) onSaveView() {
	keys := newDialogKeys()
	name := keys.entry()
	name.SetPlaceHolder("e.g. Complaints about delivery")
	name.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New("give the view a name")
		}
		return nil
	}
	f := in.effective()
	what := widget.NewLabel(f.Describe())
	what.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{widget.NewFormItem("Name", name), widget.NewFormItem("Shows", what)}
	d := dialog.NewForm("Save this view", "Save", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		v := inbox.View{Name: name.Text, Filter: f}
		in.Go(func() {
			saved, err := in.Svc.SaveView(v)
			onUI(err, in.OnError, func() {
				in.view = saved
				in.filter = inbox.Filter{Sort: saved.Filter.Sort}
				in.resetToolbar()
				in.Reload()
			})
		})
	}, in.Win)
	keys.confirm = d.Submit
	d.Resize(fyne.NewSize(520, 240))
	keys.show(d, in.Win, name)
}

func (in *Inbox) onDeleteView() {
	v := in.view
	if v.BuiltIn {
		showInfo(in.Win, "Built-in view", v.Name+" is built in and cannot be removed. Saved views can.")
		return
	}
	showConfirm(in.Win, "Remove "+v.Name+"?", "The view is removed; no mention is touched.", "Remove", func(ok bool) {
		if !ok {
			return
		}
		in.Go(func() {
			err := in.Svc.DeleteView(v.ID)
			onUI(err, in.OnError, func() {
				in.view = inbox.BuiltInViews()[0]
				in.viewList.Select(0)
				in.Reload()
			})
		})
	})
}

// viewCount is a view's count in the narrow column of views: 100,000 and
// more rounded down ("100k", "1.2M"; exact in the list's header once the
// view is open), "+" when the view selects more than it lists.
func viewCount(c inbox.Count) string {
	if c.More {
		return human.Short(c.N) + "+"
	}
	return human.Short(c.N)
}
