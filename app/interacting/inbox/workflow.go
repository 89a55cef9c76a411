package inbox

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/fxamacker/cbor/v2"

	"github.com/rapportapp/rapport/storage"
)

// State is where a mention is in the workflow. It is defined once, in the
// store's records (storage.MentionState, whose numbers are in index keys);
// this alias and the constants below let the screens and commands use it
// without importing storage.
type State = storage.MentionState

// The workflow's states, in order.
const (
	StateNew        = storage.StateNew
	StateNeedsReply = storage.StateNeedsReply
	StateHandled    = storage.StateHandled
	StateArchived   = storage.StateArchived
	StateSnoozed    = storage.StateSnoozed
)

// States lists every state in workflow order.
func States() []State { return storage.MentionStates() }

// ParseState reads a state's name ("needs reply", "needs-reply", any case).
func ParseState(name string) (State, error) { return storage.ParseMentionState(name) }

// StateSet is a filter's states. Saved views store it as names, as they
// always have, so the numbers stay an implementation detail of the index.
type StateSet []State

// MarshalCBOR stores the states by name.
func (ss StateSet) MarshalCBOR() ([]byte, error) {
	names := make([]string, len(ss))
	for i, st := range ss {
		names[i] = st.String()
	}
	return cbor.Marshal(names)
}

// UnmarshalCBOR reads states stored by name.
func (ss *StateSet) UnmarshalCBOR(b []byte) error {
	var names []string
	if err := cbor.Unmarshal(b, &names); err != nil {
		return fmt.Errorf("read a view's states: %w", err)
	}
	out := make(StateSet, 0, len(names))
	for _, n := range names {
		st, err := ParseState(n)
		if err != nil {
			return err
		}
		out = append(out, st)
	}
	*ss = out
	return nil
}

// String lists the states as a user reads them: "new or needs reply".
func (ss StateSet) String() string {
	names := make([]string, len(ss))
	for i, st := range ss {
		names[i] = st.String()
	}
	return strings.Join(names, " or ")
}

// SetState moves mentions to a state, recording the change with its time;
// snoozing needs until (SnoozeUntil). Mentions already in the state are
// left alone.
func (s *Service) SetState(ids []uint64, to storage.MentionState, by string, now time.Time) (int, error) {
	if to == storage.StateSnoozed {
		return 0, errors.New("choose until when to snooze")
	}
	return s.change(ids, func(m *storage.Mention) bool {
		if m.State == to {
			return false
		}
		m.History = append(m.History, storage.Change{At: now.UTC(), From: m.State, To: to, By: by})
		m.State, m.Snoozed = to, time.Time{}
		return true
	})
}

// SnoozeUntil hides mentions until a time; they come back in the state
// they had (see Wake).
func (s *Service) SnoozeUntil(ids []uint64, until time.Time, by string, now time.Time) (int, error) {
	if !until.After(now) {
		return 0, errors.New("snooze until a time in the future")
	}
	return s.change(ids, func(m *storage.Mention) bool {
		from := m.State
		if from == storage.StateSnoozed {
			from = lastActive(m)
		}
		m.History = append(m.History, storage.Change{
			At: now.UTC(), From: from, To: storage.StateSnoozed, By: by,
			Note: "until " + until.UTC().Format(time.RFC3339),
		})
		m.State, m.Snoozed = storage.StateSnoozed, until.UTC()
		return true
	})
}

// Assign gives mentions to a team member ("" takes them back).
func (s *Service) Assign(ids []uint64, owner, by string, now time.Time) (int, error) {
	owner = strings.TrimSpace(owner)
	return s.change(ids, func(m *storage.Mention) bool {
		if m.Owner == owner {
			return false
		}
		note := "assigned to " + owner
		if owner == "" {
			note = "unassigned"
		}
		m.History = append(m.History, storage.Change{At: now.UTC(), From: m.State, To: m.State, Owner: owner, By: by, Note: note})
		m.Owner = owner
		return true
	})
}

// Wake returns snoozed mentions whose time has come to the state they had
// before, and reports how many woke.
func (s *Service) Wake(now time.Time) (int, error) {
	var due []uint64
	err := s.store.View(func(tx *storage.Tx) error {
		ids, _, err := tx.MentionIDs(storage.MentionsInState(storage.StateSnoozed), nil, 0)
		if err != nil {
			return err
		}
		ms, err := tx.Mentions().GetMany(ids)
		for _, m := range ms {
			if !m.Snoozed.After(now) {
				due = append(due, m.ID)
			}
		}
		return err
	})
	if err != nil || len(due) == 0 {
		return 0, err
	}
	return s.change(due, func(m *storage.Mention) bool {
		if m.State != storage.StateSnoozed || m.Snoozed.After(now) {
			return false
		}
		back := lastActive(m)
		m.History = append(m.History, storage.Change{At: now.UTC(), From: storage.StateSnoozed, To: back, By: "Rapport", Note: "snooze ended"})
		m.State, m.Snoozed = back, time.Time{}
		return true
	})
}

// lastActive is the state a mention had before it was snoozed.
func lastActive(m *storage.Mention) storage.MentionState {
	for i := len(m.History) - 1; i >= 0; i-- {
		if c := m.History[i]; c.To == storage.StateSnoozed && c.From != storage.StateSnoozed {
			return c.From
		}
	}
	return storage.StateNew
}

// eachMention calls fn, inside write transactions of up to 200 mentions
// (fewer when Badger refuses a batch as too big), for each of ids still
// stored; it returns how many calls reported a change (a committed one:
// a failing batch is not counted).
func (s *Service) eachMention(ids []uint64, fn func(tx *storage.Tx, m *storage.Mention) (bool, error)) (int, error) {
	total, n := 0, 0
	err := s.store.UpdateInBatches(len(ids), 200, func(tx *storage.Tx, lo, hi int) error {
		n = 0 // Update may run the function again
		for _, id := range ids[lo:hi] {
			m, err := tx.Mentions().Get(id)
			if errors.Is(err, storage.ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			did, err := fn(tx, &m)
			if err != nil {
				return err
			}
			if did {
				n++
			}
		}
		return nil
	}, func(int, int) { total += n })
	return total, err
}

// change applies fn to each mention and saves the ones it changed; it
// returns how many changed.
func (s *Service) change(ids []uint64, fn func(m *storage.Mention) bool) (int, error) {
	return s.eachMention(ids, func(tx *storage.Tx, m *storage.Mention) (bool, error) {
		if !fn(m) {
			return false, nil
		}
		return true, tx.Mentions().Put(m)
	})
}

// Delete removes mentions for good. Each leaves a tombstone (hashes of its
// identity, no text), so that the feeds that carried it never bring it back.
func (s *Service) Delete(ids []uint64, now time.Time) (int, error) {
	return s.eachMention(ids, func(tx *storage.Tx, m *storage.Mention) (bool, error) {
		for _, key := range m.Keys {
			if len(key) > 0 && key[0] == 'i' { // identity keys (see package feed)
				if err := tx.AddTombstone(key, now); err != nil {
					return false, err
				}
			}
		}
		return true, tx.Mentions().Delete(m.ID)
	})
}
