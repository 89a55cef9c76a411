package views

import "github.com/rapportapp/rapport/app/interacting/inbox"

// ShowFilter lists the mentions of a filter (a figure opened from
// Insights) as an unsaved view named name.
func (in *Inbox) ShowFilter(name string, f inbox.Filter) {
	in.view = inbox.View{ID: "insights", Name: name, Filter: f}
	in.resetToolbar()
	if in.viewList != nil {
		in.viewList.UnselectAll()
	}
	in.Reload()
}
