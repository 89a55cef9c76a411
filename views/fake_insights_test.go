package views

import (
	"errors"

	"github.com/rapportapp/rapport/app/integrating/experiments"
	"github.com/rapportapp/rapport/app/integrating/ideas"
	"github.com/rapportapp/rapport/app/integrating/insights"
)

// The fake's InsightsService: an empty workspace's step 4. The Insights
// screen is tested on the real sample (insights_test.go).

func (f *fakeServices) Insights(p insights.Period) (*insights.Insights, error) {
	return &insights.Insights{Period: p, Empty: true, From: p.From.String(), To: p.To.String()}, nil
}
func (f *fakeServices) Experiments() ([]experiments.Result, error) { return nil, nil }
func (f *fakeServices) SuggestVariant(uint64) (experiments.Suggestion, bool, error) {
	return experiments.Suggestion{}, false, nil
}
func (f *fakeServices) Ideas() ([]ideas.Idea, error)                    { return nil, nil }
func (f *fakeServices) MoveIdea(string, string) error                   { return nil }
func (f *fakeServices) IdeaFromMentions(string, string, []uint64) error { return nil }
func (f *fakeServices) CloseLoop(string) (ideas.Loop, error) {
	return ideas.Loop{}, errors.New("no ideas")
}
func (f *fakeServices) Roadmap(insights.Period) ([]ideas.Topic, error) { return nil, nil }
func (f *fakeServices) WriteReport(insights.Period, string) error      { return nil }
