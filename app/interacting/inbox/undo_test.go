package inbox

import (
	"testing"
	"time"

	"github.com/rapportapp/rapport/app/shared/testkit"
	"github.com/rapportapp/rapport/storage"
)

func TestChangesCanBeUndoneOnTheRecord(t *testing.T) {
	t.Parallel()
	st := testkit.Store(t)
	svc := New(Params{Store: st})
	t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	ids := testkit.Mentions(t, st, &storage.Mention{Title: "a", Published: t0}, &storage.Mention{Title: "b", Owner: "Kim", Published: t0})
	tests := []struct {
		name   string
		change func() error
	}{
		{"state", func() error { _, err := svc.SetState(ids, StateArchived, "Dana", t0.Add(time.Minute)); return err }},
		{"owner", func() error { _, err := svc.Assign(ids, "Luis", "Dana", t0.Add(time.Minute)); return err }},
		{"snooze", func() error {
			_, err := svc.SnoozeUntil(ids, t0.Add(48*time.Hour), "Dana", t0.Add(time.Minute))
			return err
		}},
	}
	for _, tt := range tests {
		before, err := svc.Snapshots(ids)
		if err != nil {
			t.Fatal(err)
		}
		if err := tt.change(); err != nil {
			t.Fatal(err)
		}
		if n, err := svc.Restore(before, "Dana", t0.Add(2*time.Minute)); err != nil || n != 2 {
			t.Fatalf("%s: restored %d, %v", tt.name, n, err)
		}
		after, _ := svc.Snapshots(ids)
		for i := range before {
			if after[i].State != before[i].State || after[i].Owner != before[i].Owner || !after[i].Snoozed.Equal(before[i].Snoozed) {
				t.Errorf("%s: mention %d is %+v, want %+v", tt.name, ids[i], after[i], before[i])
			}
		}
		m := testkit.Mention(t, st, ids[0])
		if last := m.History[len(m.History)-1]; last.Note == "" || last.By != "Dana" {
			t.Errorf("%s: the undo is not on the record: %+v", tt.name, last)
		}
	}
}
