package desk

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/rapportapp/rapport/app/integrating/experiments"
	"github.com/rapportapp/rapport/app/integrating/ideas"
	"github.com/rapportapp/rapport/app/integrating/insights"
	"github.com/rapportapp/rapport/app/integrating/report"
)

// Insights computes the figures of a period.
func (d *Desk) Insights(p insights.Period) (*insights.Insights, error) {
	return d.e.Insights.Compute(p)
}

// Experiments lists every experiment with its results.
func (d *Desk) Experiments() ([]experiments.Result, error) {
	es, err := d.e.Experiments.List()
	if err != nil {
		return nil, err
	}
	out := make([]experiments.Result, 0, len(es))
	for _, x := range es {
		r, err := d.e.Experiments.Results(x)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// SuggestVariant is the variant of a running experiment a reply to the
// mention should use.
func (d *Desk) SuggestVariant(mentionID uint64) (experiments.Suggestion, bool, error) {
	return d.e.Experiments.Suggest(mentionID)
}

// Ideas lists the board.
func (d *Desk) Ideas() ([]ideas.Idea, error) { return d.e.Ideas.List() }

// MoveIdea puts an idea in another column.
func (d *Desk) MoveIdea(id, stage string) error {
	_, err := d.e.Ideas.Move(id, stage)
	return err
}

// IdeaFromMentions turns mentions into an idea.
func (d *Desk) IdeaFromMentions(title, kind string, ids []uint64) error {
	_, err := d.e.Ideas.FromMentions(title, kind, ids)
	return err
}

// CloseLoop drafts the notes of a done idea.
func (d *Desk) CloseLoop(id string) (ideas.Loop, error) { return d.e.Ideas.CloseLoop(id) }

// Roadmap groups the period's questions.
func (d *Desk) Roadmap(p insights.Period) ([]ideas.Topic, error) {
	return d.e.Ideas.Roadmap(p.Start(), p.End())
}

// WriteReport writes the report of a period to path (.html or .md).
func (d *Desk) WriteReport(p insights.Period, path string) error {
	ins, err := d.e.Insights.Compute(p)
	if err != nil {
		return err
	}
	results, err := d.Experiments()
	if err != nil {
		return err
	}
	all, err := d.e.Ideas.List()
	if err != nil {
		return err
	}
	var learned []ideas.Idea
	for _, i := range all {
		if i.Stage == ideas.StageLearned || i.Stage == ideas.StageDone {
			learned = append(learned, i)
		}
	}
	b, _ := d.w.Business()
	data := report.Data{Business: b.Name, Insights: ins, Experiments: results, Learnings: learned}
	f, err := os.Create(filepath.Clean(path))
	if err != nil {
		return err
	}
	write := report.HTML
	if strings.HasSuffix(strings.ToLower(path), ".md") {
		write = report.Markdown
	}
	if err := write(f, data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
