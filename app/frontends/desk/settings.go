package desk

import (
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
		go d.changed()
	}
	return n, err
}
