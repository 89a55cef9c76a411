package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportExportsExperimentsAndIdeas drives the step-4 commands on the
// sample: the report in both formats, the three exports, an experiment's
// lifecycle and the board.
func TestReportExportsExperimentsAndIdeas(t *testing.T) {
	t.Parallel()
	dir, out := t.TempDir(), t.TempDir()
	if r := run(t, dir, "sample"); r.code != 0 {
		t.Fatalf("sample: %+v", r)
	}
	for _, f := range []string{"week.html", "week.md"} {
		p := filepath.Join(out, f)
		if r := run(t, dir, "report", "--out", p); r.code != 0 {
			t.Fatalf("report %s: %+v", f, r)
		}
		b := string(mustRead(t, p))
		for _, want := range []string{"Ember", "Oak Coffee Roasters", "Top praise", "Answer questions within the hour", "keep going with A"} {
			if !strings.Contains(b, want) {
				t.Errorf("%s lacks %q", f, want)
			}
		}
		if f == "week.html" && (!strings.Contains(b, "<svg") || strings.Contains(b, "http://") || strings.Contains(b, "<script")) {
			t.Error("the HTML report must embed its charts and load nothing")
		}
	}
	if r := run(t, dir, "report", "--out", filepath.Join(out, "x.pdf")); r.code != 2 {
		t.Errorf("a report to .pdf is a usage error: %+v", r)
	}
	for _, c := range []struct{ what, file, want string }{
		{"mentions", "m.csv", "id,time,platform"}, {"interactions", "x.csv", "id,at,person_id"}, {"metrics", "d.json", `"mean_sentiment"`},
	} {
		p := filepath.Join(out, c.file)
		if r := run(t, dir, "export", c.what, "--out", p); r.code != 0 {
			t.Fatalf("export %s: %+v", c.what, r)
		}
		if b := string(mustRead(t, p)); !strings.Contains(b, c.want) || strings.Count(b, "\n") < 20 {
			t.Errorf("export %s: %.200s", c.what, b)
		}
	}
	spec := filepath.Join(out, "e.json")
	_ = os.WriteFile(spec, []byte(`{"name":"Thank first","variants":[{"name":"Thank"},{"name":"Thank and ask"}],"population":{"intent":"praise"},"outcome":"recommends"}`), 0o600)
	for _, args := range [][]string{{"experiment", "add", spec}, {"experiment", "start", "e2"}, {"experiment", "conclude", "e1", "Answer", "within", "the", "hour"}} {
		if r := run(t, dir, args...); r.code != 0 {
			t.Fatalf("%v: %+v", args, r)
		}
	}
	r := run(t, dir, "idea", "list", "--json")
	var board []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &board); err != nil {
		t.Fatal(err)
	}
	learned := 0
	for _, i := range board {
		if i["stage"] == "learned" && i["experiment"] == "e1" {
			learned++
		}
	}
	if len(board) != 6 || learned != 1 {
		t.Errorf("the board should hold the sample's five ideas and the concluded experiment's learning: %s", r.stdout)
	}
	if r := run(t, dir, "idea", "loop", "i1"); r.code != 0 || !strings.Contains(r.stdout, "Public post:") {
		t.Errorf("idea loop: %+v", r)
	}
}
