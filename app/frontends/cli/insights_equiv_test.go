package cli

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/rapportapp/rapport/app/integrating/insights/gen"
	rstats "github.com/rapportapp/rapport/app/integrating/stats"
	"github.com/rapportapp/rapport/app/shared/query"
	"github.com/rapportapp/rapport/app/shared/testkit"
)

// The figures of `insights --json` are recomputed here from `mentions
// --json` and `export interactions`, with none of package insights' code:
// every figure must be equal. On the sample and on generated data.

type mj struct {
	ID             uint64    `json:"id"`
	Title          string    `json:"title"`
	Text           string    `json:"text"`
	Author         string    `json:"author"`
	Link           string    `json:"link"`
	Source         string    `json:"source"`
	Published      time.Time `json:"published"`
	Sentiment      float64   `json:"sentiment"`
	Label          string    `json:"label"`
	Intents        []string  `json:"intents"`
	TouchPoints    []string  `json:"touchpoints"`
	Platform       string    `json:"platform"`
	PersonID       uint64    `json:"person_id"`
	Promise        string    `json:"promise"`
	FirstResponse  string    `json:"first_response"`
	FirstResponder string    `json:"first_responder"`
}

type xj struct {
	At         time.Time `json:"at"`
	PersonID   uint64    `json:"person_id"`
	MentionID  uint64    `json:"mention_id"`
	Kind       string    `json:"kind"`
	Side       string    `json:"side"`
	Value      float64   `json:"value"`
	Note       string    `json:"note"`
	Experiment string    `json:"experiment"`
	Variant    string    `json:"variant"`
}

func round4(f float64) float64 { return math.Round(f*1e4) / 1e4 }

func TestInsightsEqualWhatTheExportsSay(t *testing.T) {
	t.Parallel()
	t.Run("sample", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		if r := run(t, dir, "sample"); r.code != 0 {
			t.Fatalf("sample: %+v", r)
		}
		today := time.Now().UTC().Format(time.DateOnly)
		from := time.Now().UTC().AddDate(0, 0, -55).Format(time.DateOnly)
		checkEquivalence(t, dir, from, today, true)
	})
	t.Run("generated", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		st := testkit.StoreIn(t, dir)
		end := time.Date(2026, 6, 30, 18, 0, 0, 0, time.UTC)
		if err := gen.Write(st, gen.Options{Mentions: 3000, Days: 70, End: end, Seed: 3, InteractionEvery: 5}); err != nil {
			t.Fatal(err)
		}
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
		checkEquivalence(t, dir, "2026-05-20", "2026-06-30", false)
	})
}

func checkEquivalence(t *testing.T, dir, from, to string, sample bool) {
	r := run(t, dir, "insights", "--from", from, "--to", to, "--json")
	if r.code != 0 {
		t.Fatalf("insights: %+v", r)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatal(err)
	}
	ms := readMentions(t, dir)
	xs := readInteractions(t, dir)
	f, _ := time.Parse(time.DateOnly, from)
	l, _ := time.Parse(time.DateOnly, to)
	end := l.AddDate(0, 0, 1)
	prevFrom := f.Add(-end.Sub(f))
	in := func(m mj, a, b time.Time) bool { return !m.Published.Before(a) && m.Published.Before(b) }
	var cur, prev []mj
	for _, m := range ms {
		if in(m, f, end) {
			cur = append(cur, m)
		}
		if in(m, prevFrom, f) {
			prev = append(prev, m)
		}
	}
	if len(cur) < 100 {
		t.Fatalf("only %d mentions in the period", len(cur))
	}
	eq := func(name string, want, have any) {
		t.Helper()
		if w, ok := want.(float64); ok {
			if h, ok := have.(float64); ok && math.Abs(w-h) < 1e-9 {
				return
			}
		}
		if want != have {
			t.Errorf("%s: recomputed %v, insights says %v", name, want, have)
		}
	}
	num := func(v any) float64 { x, _ := v.(float64); return x }
	tot := got["totals"].(map[string]any)
	want := totals(cur)
	for k, v := range want {
		eq("totals."+k, v, num(tot[k]))
	}
	eq("previous mentions", float64(len(prev)), num(got["previous_totals"].(map[string]any)["mentions"]))
	// Per day: volume, praise and purchase, and per network.
	for _, d := range got["days"].([]any) {
		day := d.(map[string]any)
		var n, praise, purchase float64
		nets := map[string]float64{}
		for _, m := range cur {
			if m.Published.Format(time.DateOnly) == day["day"] {
				n++
				nets[m.Platform]++
				if slices.Contains(m.Intents, "praise") {
					praise++
				}
				if slices.Contains(m.Intents, "purchase") {
					purchase++
				}
			}
		}
		eq("mentions of "+day["day"].(string), n, num(day["mentions"]))
		eq("praise of "+day["day"].(string), praise, num(day["intents"].(map[string]any)["praise"]))
		eq("purchase of "+day["day"].(string), purchase, num(day["intents"].(map[string]any)["purchase"]))
		for k, v := range nets {
			eq("network "+k+" of "+day["day"].(string), v, num(day["networks"].(map[string]any)[k]))
		}
	}
	// Per touch point, intent and network: count, mean sentiment, previous.
	for _, dim := range []struct {
		key string
		of  func(m mj) []string
	}{
		{"touchpoints", func(m mj) []string { return m.TouchPoints }},
		{"intents", func(m mj) []string { return m.Intents }},
		{"networks", func(m mj) []string { return []string{m.Platform} }},
	} {
		rows := got[dim.key].([]any)
		if len(rows) == 0 {
			t.Errorf("no %s", dim.key)
		}
		for _, row := range rows {
			s := row.(map[string]any)
			key := s["key"].(string)
			var sub, before []mj
			for _, m := range cur {
				if slices.Contains(dim.of(m), key) {
					sub = append(sub, m)
				}
			}
			for _, m := range prev {
				if slices.Contains(dim.of(m), key) {
					before = append(before, m)
				}
			}
			w := totals(sub)
			eq(dim.key+" "+key+" count", w["mentions"], num(s["mentions"]))
			eq(dim.key+" "+key+" mean sentiment", w["mean_sentiment"], num(s["mean_sentiment"]))
			eq(dim.key+" "+key+" previous", float64(len(before)), num(s["previous"].(map[string]any)["mentions"]))
		}
	}
	// The promise.
	pr := got["promise"].(map[string]any)
	for k, v := range map[string]string{"in_line": "in line", "at_odds": "at odds"} {
		n := 0.0
		for _, m := range cur {
			if m.Promise == v {
				n++
			}
		}
		eq("promise "+v, n, num(pr[k]))
	}
	checkResponse(t, cur, got["response"].(map[string]any), eq)
	checkPeople(t, xs, f, end, got["people"].(map[string]any), eq)
	checkVoice(t, cur, got["share_of_voice"].([]any), eq)
	checkExperiments(t, ms, xs, got["experiments"].([]any), eq, sample)
}

// totals recomputes count, sentiment and polarity of a set of mentions.
func totals(ms []mj) map[string]float64 {
	out := map[string]float64{"mentions": float64(len(ms))}
	var an, neg, pos, sum float64
	for _, m := range ms {
		if m.Label == "not analysed" {
			continue
		}
		an++
		// The figure's definition (docs/insights.md): sentiments are
		// summed in whole millionths, so the sum does not depend on order.
		sum += math.Round(m.Sentiment * 1e6)
		switch m.Label {
		case "negative":
			neg++
		case "positive":
			pos++
		}
	}
	out["analysed"], out["negative"], out["positive"] = an, neg, pos
	if an > 0 {
		out["mean_sentiment"] = round4(sum / 1e6 / an)
		out["share_negative"] = round4(neg / an)
		out["share_positive"] = round4(pos / an)
	} else {
		out["mean_sentiment"], out["share_negative"], out["share_positive"] = 0, 0, 0
	}
	return out
}

func nearestRank(v []float64, q float64) float64 {
	if len(v) == 0 {
		return 0
	}
	sort.Float64s(v)
	return v[int(math.Ceil(q*float64(len(v))))-1]
}

func checkResponse(t *testing.T, cur []mj, resp map[string]any, eq func(string, any, any)) {
	var all []float64
	by := map[string][]float64{}
	var w1, w24 float64
	for _, m := range cur {
		if m.FirstResponse == "" {
			continue
		}
		at, err := time.Parse(time.RFC3339, m.FirstResponse)
		if err != nil {
			t.Fatal(err)
		}
		mins := math.Floor(max(0, at.Sub(m.Published).Minutes()))
		all = append(all, mins)
		by[m.FirstResponder] = append(by[m.FirstResponder], mins)
		if mins < 60 {
			w1++
		}
		if mins < 24*60 {
			w24++
		}
	}
	if len(all) == 0 {
		t.Fatal("no answered mention in the period")
	}
	n := func(v any) float64 { x, _ := v.(float64); return x }
	eq("answered", float64(len(all)), n(resp["answered"]))
	eq("within 1 h", w1, n(resp["within_1h"]))
	eq("within 24 h", w24, n(resp["within_24h"]))
	eq("share within 1 h", round4(w1/float64(len(all))), n(resp["share_within_1h"]))
	eq("first-response median", nearestRank(slices.Clone(all), 0.5), n(resp["median_minutes"]))
	eq("first-response p90", nearestRank(slices.Clone(all), 0.9), n(resp["p90_minutes"]))
	rows := resp["by_responder"].([]any)
	eq("responders", float64(len(by)), float64(len(rows)))
	for _, row := range rows {
		r := row.(map[string]any)
		name := r["name"].(string)
		eq("answered by "+name, float64(len(by[name])), n(r["answered"]))
		eq("median of "+name, nearestRank(slices.Clone(by[name]), 0.5), n(r["median_minutes"]))
	}
}

func checkPeople(t *testing.T, xs []xj, from, end time.Time, people map[string]any, eq func(string, any, any)) {
	var gives, gets, asks, value, moves float64
	for _, x := range xs {
		if x.At.Before(from) || !x.At.Before(end) {
			continue
		}
		if x.Kind == "stage" {
			if strings.HasPrefix(x.Note, "stage: ") {
				moves++
			}
			continue
		}
		switch x.Side {
		case "give":
			gives++
		case "get":
			gets++
			value += x.Value
		case "ask":
			asks++
		}
	}
	n := func(v any) float64 { x, _ := v.(float64); return x }
	eq("gives", gives, n(people["gives"]))
	eq("gets", gets, n(people["gets"]))
	eq("asks", asks, n(people["asks"]))
	eq("value of gets", round4(value), n(people["value"]))
	eq("stage moves", moves, float64(len(people["stage_moves"].([]any))))
}

func checkVoice(t *testing.T, cur []mj, voice []any, eq func(string, any, any)) {
	for _, v := range voice {
		row := v.(map[string]any)
		q, err := query.Parse(row["query"].(string))
		if err != nil {
			t.Fatal(err)
		}
		n := 0.0
		for _, m := range cur {
			if q.Match(&query.Doc{Title: m.Title, Text: m.Text, Author: m.Author, Link: m.Link, Source: m.Source}) {
				n++
			}
		}
		eq("share of voice "+row["name"].(string), n, row["mentions"].(float64))
	}
}

// checkExperiments recomputes the "returns" outcome of every reply
// recorded for an experiment: did the person post again, or do something
// for us, within the window?
func checkExperiments(t *testing.T, ms []mj, xs []xj, exps []any, eq func(string, any, any), sample bool) {
	if sample && len(exps) == 0 {
		t.Fatal("the sample's experiment is missing")
	}
	for _, e := range exps {
		ex := e.(map[string]any)
		if ex["outcome"] != "returns" {
			continue
		}
		id, days := ex["id"].(string), time.Duration(ex["days"].(float64))*24*time.Hour
		n, s := map[string]int{}, map[string]int{}
		for _, x := range xs {
			if x.Experiment != id || x.PersonID == 0 || x.At.Add(days).After(time.Now()) {
				continue
			}
			n[x.Variant]++
			back := false
			for _, m := range ms {
				if m.PersonID == x.PersonID && m.ID != x.MentionID && m.Published.After(x.At) && !m.Published.After(x.At.Add(days)) {
					back = true
				}
			}
			for _, y := range xs {
				if y.PersonID == x.PersonID && y.Side == "get" && y.At.After(x.At) && !y.At.After(x.At.Add(days)) {
					back = true
				}
			}
			if back {
				s[x.Variant]++
			}
		}
		vs := ex["variants"].([]any)
		for _, v := range vs {
			vr := v.(map[string]any)
			k := vr["key"].(string)
			eq("experiment "+id+" n of "+k, float64(n[k]), vr["n"].(float64))
			eq("experiment "+id+" successes of "+k, float64(s[k]), vr["successes"].(float64))
			lo, hi := rstats.Wilson(s[k], n[k])
			eq("experiment "+id+" interval of "+k, [2]float64{round4(lo), round4(hi)}, [2]float64{vr["low"].(float64), vr["high"].(float64)})
		}
		if len(vs) == 2 && sample {
			a, b := vs[0].(map[string]any)["key"].(string), vs[1].(map[string]any)["key"].(string)
			p := rstats.Fisher(s[a], n[a]-s[a], s[b], n[b]-s[b])
			eq("experiment "+id+" p-value", p, ex["p_value"].(float64))
			if p >= 0.05 {
				t.Errorf("the sample's experiment should show a result: p = %v", p)
			}
		}
	}
}

func readMentions(t *testing.T, dir string) []mj {
	r := run(t, dir, "mentions", "--json", "--limit", "0")
	if r.code != 0 {
		t.Fatalf("mentions: %+v", r)
	}
	var out []mj
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var m mj
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatal(err)
		}
		out = append(out, m)
	}
	return out
}

func readInteractions(t *testing.T, dir string) []xj {
	path := filepath.Join(t.TempDir(), "x.json")
	if r := run(t, dir, "export", "interactions", "--out", path); r.code != 0 {
		t.Fatalf("export interactions: %+v", r)
	}
	var out []xj
	if err := json.Unmarshal(mustRead(t, path), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
