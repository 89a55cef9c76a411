package desk

import (
	"time"

	"github.com/rapportapp/rapport/app/interacting/routing"
	"github.com/rapportapp/rapport/app/listening/notify"
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/app/understanding/analyze"
)

// Business reads the business profile.
func (d *Desk) Business() (workspace.Business, error) { return d.w.Business() }

// SetBusiness saves the business profile.
func (d *Desk) SetBusiness(b workspace.Business) error { return d.w.SetBusiness(b) }

// TeamMembers reads the team.
func (d *Desk) TeamMembers() ([]workspace.TeamMember, error) { return d.w.Team() }

// SetTeamMembers saves the team.
func (d *Desk) SetTeamMembers(t []workspace.TeamMember) error { return d.w.SetTeam(t) }

// AnalysisConfig reads the touch points and competitors.
func (d *Desk) AnalysisConfig() (analyze.Config, error) { return d.w.AnalysisConfig() }

// SetAnalysisConfig saves edited touch points and competitors.
func (d *Desk) SetAnalysisConfig(c analyze.Config) error { return d.w.SetAnalysisConfig(c) }

// Reanalyze reads every mention again with the current configuration.
func (d *Desk) Reanalyze(progress func(done, total int)) (int, error) {
	n, err := d.w.Understand.Reanalyze(d.w.Store, progress)
	if err == nil {
		d.changed()
	}
	return n, err
}

// NotifySettings reads the notification settings.
func (d *Desk) NotifySettings() (notify.Settings, error) { return d.w.NotifySettings() }

// SetNotifySettings checks and saves the notification settings.
func (d *Desk) SetNotifySettings(s notify.Settings) error { return d.w.SetNotifySettings(s) }

// RoutingRules reads the routing rules with their explanations.
func (d *Desk) RoutingRules() ([]routing.Rule, []string, error) { return d.e.Routing.Rules() }

// SaveRoutingRules checks and saves the routing rules.
func (d *Desk) SaveRoutingRules(rules []routing.Rule) error { return d.e.Routing.Save(rules) }

// SuggestedRules proposes rules from the team's roles.
func (d *Desk) SuggestedRules() ([]routing.Rule, error) { return d.e.Routing.Suggested() }

// HandOff assigns a mention to a team member and returns the mailto: link
// of an email that hands it over with its context.
func (d *Desk) HandOff(mentionID uint64, member string) (string, error) {
	link, err := d.e.Routing.HandOff(mentionID, member, d.w.Me(), time.Now())
	if err == nil {
		d.changed()
	}
	return link, err
}
