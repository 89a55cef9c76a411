package routing

import (
	"testing"
	"time"

	"github.com/rapportapp/rapport/app/shared/testkit"
	"github.com/rapportapp/rapport/storage"
)

var deliveryRule = []Rule{{
	ID: "d", Name: "Delivery complaints", Intents: []string{"complaint"},
	TouchPoints: []string{"delivery/shipping"}, Owner: "Kim Park",
}}

func TestApplyRoutes(t *testing.T) {
	t.Parallel()
	// given a new mention nobody owns
	m := deliveryComplaint()
	m.State = storage.StateNeedsReply
	now := time.Date(2025, 3, 4, 14, 5, 0, 0, time.FixedZone("CET", 3600))
	// when rules are applied
	if !Apply(nil, deliveryRule, m, now, "") {
		t.Fatal("Apply reported no change")
	}
	// then it has an owner, and the history says why
	if m.Owner != "Kim Park" || len(m.History) != 1 {
		t.Fatalf("owner %q, history %+v", m.Owner, m.History)
	}
	want := storage.Change{
		At: now.UTC(), From: storage.StateNeedsReply, To: storage.StateNeedsReply, Owner: "Kim Park",
		By: "Rapport", Note: `routed to Kim Park by rule "Delivery complaints"`,
	}
	if m.History[0] != want {
		t.Errorf("history %+v\nwant %+v", m.History[0], want)
	}
	// and applying again changes nothing
	if Apply(nil, deliveryRule, m, now, "") || len(m.History) != 1 {
		t.Error("Apply routed an owned mention again")
	}
}

func TestApplyBy(t *testing.T) {
	t.Parallel()
	m := deliveryComplaint()
	Apply(nil, deliveryRule, m, time.Now(), "Dana Reyes")
	if m.History[0].By != "Dana Reyes" {
		t.Errorf("By = %q", m.History[0].By)
	}
}

func TestApplyUnnamedRule(t *testing.T) {
	t.Parallel()
	m := deliveryComplaint()
	Apply(nil, []Rule{{Owner: "Dana Reyes"}}, m, time.Now(), "")
	if got := m.History[0].Note; got != `routed to Dana Reyes by rule "every mention → Dana Reyes"` {
		t.Errorf("note %q", got)
	}
}

func TestApplyLeavesAlone(t *testing.T) {
	t.Parallel()
	now := time.Now()
	tests := []struct {
		name string
		edit func(m *storage.Mention)
	}{
		{"assigned by hand", func(m *storage.Mention) { m.Owner = "Luis Ortega" }},
		{"unassigned by hand", func(m *storage.Mention) {
			m.History = []storage.Change{
				{At: now, From: storage.StateNew, To: storage.StateNew, Owner: "Luis Ortega", By: "Dana", Note: "assigned to Luis Ortega"},
				{At: now, From: storage.StateNew, To: storage.StateNew, By: "Dana", Note: "unassigned"},
			}
		}},
		{"handled", func(m *storage.Mention) { m.State = storage.StateHandled }},
		{"archived", func(m *storage.Mention) { m.State = storage.StateArchived }},
		{"no rule matches", func(m *storage.Mention) { m.Analysis.TouchPoints = []string{"price"} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := deliveryComplaint()
			tt.edit(m)
			owner, history := m.Owner, len(m.History)
			if Apply(nil, deliveryRule, m, now, "") || m.Owner != owner || len(m.History) != history {
				t.Errorf("Apply changed the mention: owner %q, history %+v", m.Owner, m.History)
			}
		})
	}
}

func TestApplyAfterStateChanges(t *testing.T) {
	t.Parallel()
	// a mention that only moved between states still gets routed
	m := deliveryComplaint()
	m.State = storage.StateNew
	m.History = []storage.Change{
		{From: storage.StateNew, To: storage.StateSnoozed, By: "Dana"},
		{From: storage.StateSnoozed, To: storage.StateNew, By: "Rapport", Note: "snooze ended"},
	}
	if !Apply(nil, deliveryRule, m, time.Now(), "") || m.Owner != "Kim Park" {
		t.Errorf("not routed: owner %q", m.Owner)
	}
}

func TestApplySavedRules(t *testing.T) {
	t.Parallel()
	// given saved rules
	st := testkit.Store(t)
	if err := st.Update(func(tx *storage.Tx) error { return Save(tx, Set{Rules: deliveryRule}) }); err != nil {
		t.Fatal(err)
	}
	// when a mention is routed with nil rules and then saved by the caller
	var id uint64
	err := st.Update(func(tx *storage.Tx) error {
		m := deliveryComplaint()
		m.ID = 0
		if !Apply(tx, nil, m, time.Now(), "") {
			t.Error("Apply did not use the saved rules")
		}
		err := tx.Mentions().Put(m)
		id = m.ID
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// then the stored mention has its owner and history
	var got storage.Mention
	_ = st.View(func(tx *storage.Tx) (err error) { got, err = tx.Mentions().Get(id); return err })
	if got.Owner != "Kim Park" || len(got.History) != 1 || got.History[0].Note != `routed to Kim Park by rule "Delivery complaints"` {
		t.Errorf("stored %q %+v", got.Owner, got.History)
	}
}
