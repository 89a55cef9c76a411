package views

import (
	"fyne.io/fyne/v2"

	"github.com/rapportapp/rapport/app/interacting/inbox"
)

// newInsights builds the Insights area, whose figures open the inbox.
func (m *MainWindow) newInsights(env Env) fyne.CanvasObject {
	m.insights = NewInsights(InsightsDeps{Env: env, Svc: m.svc, OnOpenFilter: m.openFilter})
	return m.insights.Content()
}

// openFilter shows the mentions behind a figure of Insights in the inbox.
func (m *MainWindow) openFilter(name string, f inbox.Filter) {
	m.tabs.SelectIndex(tabInbox)
	m.inbox.ShowFilter(name, f)
}
