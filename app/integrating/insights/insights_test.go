package insights

import (
	"testing"
	"time"

	"github.com/rapportapp/rapport/app/integrating/insights/gen"
	"github.com/rapportapp/rapport/app/interacting/inbox"
	"github.com/rapportapp/rapport/app/shared/workspace/workspacetest"
	"github.com/rapportapp/rapport/app/understanding/analyze"
	"github.com/rapportapp/rapport/storage"
)

var end = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

func generated(t *testing.T) (*Service, *inbox.Service) {
	t.Helper()
	w := workspacetest.New(t)
	if err := gen.Write(w.Store, gen.Options{Mentions: 1500, Days: 60, End: end, Seed: 1, InteractionEvery: 7}); err != nil {
		t.Fatal(err)
	}
	in := inbox.New(inbox.Params{Store: w.Store})
	cfg := func() (analyze.Config, error) {
		return analyze.Config{Competitors: []string{"Starbucks", "Peet's"}}, nil
	}
	return New(Params{Store: w.Store, Inbox: in, Config: cfg, Now: func() time.Time { return end }}), in
}

// TestEveryFigureOpensTheMentionsItCounts lists, for a sample of figures,
// the inbox filter of each and checks it selects exactly as many mentions
// as the figure says.
func TestEveryFigureOpensTheMentionsItCounts(t *testing.T) {
	svc, in := generated(t)
	p := Period{storage.DayOf(end) - 27, storage.DayOf(end)}
	ins, err := svc.Compute(p)
	if err != nil {
		t.Fatal(err)
	}
	if ins.Empty || ins.Totals.Mentions < 500 {
		t.Fatalf("too few mentions in the period: %+v", ins.Totals)
	}
	type fig struct {
		name string
		ref  Ref
		want int64
	}
	figs := []fig{
		{"all", Ref{Kind: RefAll}, ins.Totals.Mentions},
		{"previous", Ref{Kind: RefAll, Previous: true}, ins.PreviousTotals.Mentions},
		{"negative", Ref{Kind: RefPolarity, Value: "negative"}, ins.Totals.Negative},
		{"at odds", Ref{Kind: RefPromise, Value: "at odds"}, ins.Promise.AtOdds},
		{"answered", Ref{Kind: RefAll}, 0},
		{"within 1h", Ref{Kind: RefWithin1h}, ins.Response.Within1h},
		{"within 24h", Ref{Kind: RefWithin24h}, ins.Response.Within24h},
	}
	figs[4] = fig{"answered", Ref{Kind: RefAnswered}, ins.Response.Answered}
	for _, d := range ins.Days[:3] {
		day, _ := time.Parse(time.DateOnly, d.Day)
		dd := storage.DayOf(day)
		figs = append(figs, fig{"day " + d.Day, Ref{Kind: RefAll, From: dd, To: dd}, d.Mentions},
			fig{"praise on " + d.Day, Ref{Kind: RefIntent, Value: "praise", From: dd, To: dd}, d.Intents["praise"]})
	}
	for _, s := range ins.Networks {
		figs = append(figs, fig{"network " + s.Key, Ref{Kind: RefNetwork, Value: s.Key}, s.Mentions})
	}
	for _, s := range ins.Sources {
		figs = append(figs, fig{"source " + s.Name, Ref{Kind: RefSource, Value: s.Key}, s.Mentions})
	}
	for _, s := range ins.TouchPoints {
		figs = append(figs, fig{"touch point " + s.Key, Ref{Kind: RefTouch, Value: s.Key}, s.Mentions},
			fig{"touch point before " + s.Key, Ref{Kind: RefTouch, Value: s.Key, Previous: true}, s.Previous.Mentions})
	}
	for _, r := range ins.Response.ByResponder {
		figs = append(figs, fig{"answered by " + r.Name, Ref{Kind: RefResponder, Value: r.Name}, r.Answered})
	}
	for _, v := range ins.Voice {
		figs = append(figs, fig{"voice " + v.Name, Ref{Kind: RefQuery, Value: v.Query}, v.Mentions})
	}
	figs = append(figs, fig{"waiting", Ref{Kind: RefWaiting}, int64(ins.Response.Waiting.Count)})
	for _, f := range figs {
		ids, err := in.List(FilterFor(p, f.ref), end)
		if err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		if int64(len(ids)) != f.want {
			t.Errorf("%s: the figure says %d, its filter lists %d", f.name, f.want, len(ids))
		}
	}
	if len(ins.Voice) < 2 {
		t.Errorf("share of voice should name competitors: %+v", ins.Voice)
	}
}

func TestPercentileIsNearestRank(t *testing.T) {
	h := map[int64]int64{1: 1, 2: 1, 3: 1, 4: 1, 10: 1}
	if got := Percentile(h, 0.5); got != 3 {
		t.Errorf("median of 1,2,3,4,10 = %d, want 3", got)
	}
	if got := Percentile(map[int64]int64{5: 2, 9: 2}, 0.5); got != 5 {
		t.Errorf("median of 5,5,9,9 = %d, want 5 (nearest rank)", got)
	}
	if got := Percentile(h, 0.9); got != 10 {
		t.Errorf("p90 = %d, want 10", got)
	}
	if got := Percentile(nil, 0.5); got != 0 {
		t.Errorf("empty: %d", got)
	}
}

func TestAnEmptyPeriodSaysSo(t *testing.T) {
	svc, _ := generated(t)
	ins, err := svc.Compute(Period{storage.DayOf(end) + 10, storage.DayOf(end) + 16})
	if err != nil {
		t.Fatal(err)
	}
	if !ins.Empty || len(ins.Days) != 7 || ins.Days[0].Mentions != 0 {
		t.Errorf("empty period: %+v", ins)
	}
}
