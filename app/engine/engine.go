// Package engine assembles the services of an open workspace, each from
// its Params, for the front ends: the command line and the desktop
// adapter build them here, the same way, so both reach the same features.
package engine

import (
	"context"
	"time"

	"github.com/rapportapp/rapport/app/integrating/experiments"
	"github.com/rapportapp/rapport/app/integrating/ideas"
	"github.com/rapportapp/rapport/app/integrating/insights"

	"github.com/rapportapp/rapport/app/interacting/inbox"
	"github.com/rapportapp/rapport/app/interacting/reply"
	"github.com/rapportapp/rapport/app/interacting/routing"
	"github.com/rapportapp/rapport/app/listening/fetch"
	"github.com/rapportapp/rapport/app/listening/monitor"
	"github.com/rapportapp/rapport/app/people/crm"
	"github.com/rapportapp/rapport/app/shared/workspace"
)

// Engine is every service of one open workspace.
type Engine struct {
	W       *workspace.Workspace
	Inbox   *inbox.Service
	Monitor *monitor.Service
	Reply   *reply.Service
	CRM     *crm.Service
	Routing *routing.Service
	// Step 4, Integrate (app/integrating).
	Insights    *insights.Service
	Experiments *experiments.Service
	Ideas       *ideas.Service
}

// New builds the services of w; version names the app to the servers it
// fetches from.
func New(w *workspace.Workspace, version string) *Engine {
	e := &Engine{W: w, Inbox: inbox.New(inbox.Params{Store: w.Store, Understand: w.Understand, Me: w.Me})}
	e.Monitor = monitor.New(monitor.Params{
		Store: w.Store, Ingest: w.Ingest, Events: w.Events, Log: w.Log,
		Client: fetch.New(fetch.DefaultOptions(version)),
	})
	// Sources saved before passwords were kept apart (docs/storage.md).
	if n, err := e.Monitor.MovePasswords(); err != nil {
		w.Log.Warn("move the passwords of feeds to the keyring", "err", err)
	} else if n > 0 {
		w.Log.Info("moved the passwords of feeds out of their addresses", "sources", n)
	}
	e.Reply = reply.New(reply.Params{Store: w.Store, Business: w.Business, Me: w.Me, Handled: func(id uint64) {
		if _, err := w.Understand.Learn(context.Background(), w.Store, id); err != nil {
			w.Log.Warn("learn from a handled mention", "mention", id, "err", err)
		}
	}})
	e.CRM = crm.New(crm.Params{Store: w.Store, Business: w.Business, Log: w.Log})
	e.Routing = routing.New(routing.Params{
		Store: w.Store, Team: w.Team, Business: w.Business,
		Assign: func(ids []uint64, owner, by string, now time.Time) (int, error) {
			return e.Inbox.Assign(ids, owner, by, now)
		},
	})
	e.integrate()
	return e
}

// integrate builds the services of step 4: a concluded experiment's
// conclusion is written on the board as a learning.
func (e *Engine) integrate() {
	w := e.W
	e.Insights = insights.New(insights.Params{Store: w.Store, Inbox: e.Inbox, Config: w.AnalysisConfig})
	e.Ideas = ideas.New(ideas.Params{Store: w.Store, Business: w.Business})
	e.Experiments = experiments.New(experiments.Params{
		Store: w.Store,
		OnConcluded: func(x experiments.Experiment, summary string) error {
			note := x.Hypothesis + "\n" + summary
			_, err := e.Ideas.AddLearning(x.Conclusion, note, x.ID)
			return err
		},
	})
}
