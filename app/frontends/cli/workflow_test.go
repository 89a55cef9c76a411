package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sampleFolder is a data folder holding the sample workspace.
func sampleFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if r := run(t, dir, "sample"); r.code != 0 {
		t.Fatalf("sample: %+v", r)
	}
	return dir
}

// TestWorkflowFromTheCommandLine moves mentions along the workflow and
// hands one off, as the desktop's buttons do, and reads the records back.
func TestWorkflowFromTheCommandLine(t *testing.T) {
	t.Parallel()
	dir := sampleFolder(t)
	steps := []struct {
		args []string
		want string
	}{
		{[]string{"mention", "state", "needs-reply", "1", "2"}, "2 of 2 mentions moved to needs reply"},
		{[]string{"mention", "state", "Handled", "2"}, "1 of 1 mentions moved to handled"},
		{[]string{"mention", "assign", "Kim Park", "3"}, "assigned to Kim Park"},
		{[]string{"mention", "snooze", "2h", "4"}, "snoozed until"},
		{[]string{"wake"}, "0 snoozed mentions came back"},
		{[]string{"handoff", "5", "kim park"}, "mailto:kim@"},
		{[]string{"mention", "delete", "6"}, "1 of 1 mentions deleted for good"},
	}
	for _, s := range steps {
		if r := run(t, dir, s.args...); r.code != 0 || !strings.Contains(r.stdout, s.want) {
			t.Fatalf("%v: %+v, want %q", s.args, r, s.want)
		}
	}
	r := run(t, dir, "mentions", "--limit", "0", "--json")
	states := map[uint64]string{}
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var m struct {
			ID    uint64 `json:"id"`
			State string `json:"state"`
		}
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		states[m.ID] = m.State
	}
	want := map[uint64]string{1: "needs reply", 2: "handled", 4: "snoozed"}
	for id, st := range want {
		if states[id] != st {
			t.Errorf("mention %d is %q, want %q", id, states[id], st)
		}
	}
	if _, ok := states[6]; ok {
		t.Error("the deleted mention is still listed")
	}
	for _, bad := range [][]string{
		{"mention", "state", "bogus", "1"},
		{"mention", "state", "snoozed", "1"},
		{"mention", "assign", "Kim"},
		{"mention", "snooze", "someday", "1"},
		{"handoff", "1", "Nobody Here"},
	} {
		r := run(t, dir, bad...)
		oneLineError(t, r, "")
	}
}

// TestRoutingAndNotifySettingsFromTheCommandLine edits what Settings edits.
func TestRoutingAndNotifySettingsFromTheCommandLine(t *testing.T) {
	t.Parallel()
	dir := sampleFolder(t)
	if r := run(t, dir, "routing", "suggest", "--save"); r.code != 0 || !strings.Contains(r.stdout, "Saved") {
		t.Fatalf("suggest: %+v", r)
	}
	r := run(t, dir, "routing", "list", "--json")
	var rules []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &rules); err != nil || len(rules) != 3 {
		t.Fatalf("list --json: %v %q", err, r.stdout)
	}
	file := filepath.Join(t.TempDir(), "rules.json")
	_ = os.WriteFile(file, []byte(`[{"name": "All", "owner": "Nobody Here"}]`), 0o600)
	oneLineError(t, run(t, dir, "routing", "set", file), "not on the team")
	if r := run(t, dir, "routing", "list"); !strings.Contains(r.stdout, "1. ") {
		t.Errorf("a refused set changed the rules: %q", r.stdout)
	}
	_ = os.WriteFile(file, []byte(`[{"name": "All", "owner": "Kim Park"}]`), 0o600)
	if r := run(t, dir, "routing", "set", file); r.code != 0 || !strings.Contains(run(t, dir, "routing", "list").stdout, "All:") {
		t.Errorf("set: %+v", r)
	}
	if r := run(t, dir, "notify", "--on", "no", "--quiet", "21:30-06:00", "--per-minute", "2"); r.code != 0 ||
		!strings.Contains(r.stdout, "Notifications off; from priority 35; quiet hours 21:30-06:00; at most 2 a minute") {
		t.Errorf("notify: %+v", r)
	}
	oneLineError(t, run(t, dir, "notify", "--quiet", "25:00-07:00"), "HH:MM")
	if r := run(t, dir, "notify"); !strings.Contains(r.stdout, "quiet hours 21:30-06:00") {
		t.Errorf("a refused change was saved: %q", r.stdout)
	}
}
