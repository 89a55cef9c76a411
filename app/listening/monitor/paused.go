package monitor

import (
	"github.com/rapportapp/rapport/app/shared/human"
	"github.com/rapportapp/rapport/app/shared/workspace"
)

// PausedSample is why the sample workspace's sources are paused (see
// workspace.NotePaused).
const PausedSample = workspace.PausedSample

// PauseNote says why a source is paused, short for its row in the list
// and in full for its page, with what to do; both are "" when it is not
// paused.
func (v SourceView) PauseNote() (short, long string) {
	const resume = ` Tick "Check this source" and save to have Rapport check it.`
	h := v.Health
	switch {
	case !v.Disabled:
		return "", ""
	case v.PausedWhy == PausedSample:
		return "Paused · sample data, kept offline",
			"Paused: this source is part of the sample workspace, whose business is made up, so Rapport does " +
				"not fetch it and the sample works offline. Its " + human.Count(v.Mentions, "mention", "mentions") +
				" came with the sample."
	case h.LastCheck.IsZero() && v.Mentions > 0:
		return "Paused · never fetched; its mentions came from a file",
			"Paused: Rapport has never fetched this source; its " + human.Count(v.Mentions, "mention", "mentions") +
				" were loaded from a file." + resume
	case h.LastCheck.IsZero():
		return "Paused before its first check", "Paused before its first check." + resume
	}
	return "Paused by you", "Paused: Rapport does not check this source until you turn it back on." + resume
}
