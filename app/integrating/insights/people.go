package insights

import (
	"sort"
	"strings"

	"github.com/rapportapp/rapport/app/people/advocates"
	"github.com/rapportapp/rapport/storage"
)

// People is what happened with people in the period, from the
// interactions recorded then.
type People struct {
	Gives int64 `json:"gives"` // we did something for someone
	Gets  int64 `json:"gets"`  // they did something for us
	Asks  int64 `json:"asks"`
	// Value is what the gets brought (purchases, referrals), as recorded.
	Value      float64     `json:"value"`
	StageMoves []StageMove `json:"stage_moves"`
	// NewAdvocates are the people who moved up to advocate or champion.
	NewAdvocates []Person `json:"new_advocates"`
	// Thank are the people who gave the most in the period.
	Thank []Person `json:"thank"`
}

// StageMove is one change of a person's stage.
type StageMove struct {
	PersonID uint64 `json:"person_id"`
	Name     string `json:"name"`
	From     string `json:"from"`
	To       string `json:"to"`
	Up       bool   `json:"up"`
	Day      string `json:"day"`
}

// Person is someone named in the figures.
type Person struct {
	ID    uint64  `json:"id"`
	Name  string  `json:"name"`
	Gets  int64   `json:"gets"`
	Value float64 `json:"value"`
	Why   string  `json:"why,omitempty"`
}

// Side is the side of the ledger an interaction is on: "give", "get",
// "ask" or "" (as the advocate ledger reads it).
func Side(x *storage.Interaction) string {
	if advocates.Classify(x.Kind) == advocates.Ask {
		return advocates.Ask
	}
	switch d := strings.ToLower(strings.TrimSpace(x.Direction)); d {
	case advocates.Give, advocates.Get:
		return d
	}
	return advocates.Classify(x.Kind)
}

// ParseStageNote reads "stage: customer → advocate" (crm's stage notes).
func ParseStageNote(note string) (from, to string, ok bool) {
	rest, found := strings.CutPrefix(note, "stage: ")
	if !found {
		return "", "", false
	}
	from, to, ok = strings.Cut(rest, " → ")
	return strings.TrimSpace(from), strings.TrimSpace(to), ok
}

func peopleOf(tx *storage.Tx, p Period) (People, error) {
	out := People{StageMoves: []StageMove{}, NewAdvocates: []Person{}, Thank: []Person{}}
	ids, err := tx.InteractionIDsBetween(p.Start(), p.End())
	if err != nil {
		return out, err
	}
	xs, err := tx.Interactions().GetMany(ids)
	if err != nil {
		return out, err
	}
	names := map[uint64]string{}
	name := func(id uint64) string {
		if n, ok := names[id]; ok {
			return n
		}
		if pr, err := tx.People().Get(id); err == nil {
			names[id] = pr.Name
		}
		return names[id]
	}
	givers := map[uint64]*Person{}
	for i := range xs {
		x := &xs[i]
		if x.Kind == "stage" {
			if from, to, ok := ParseStageNote(x.Note); ok {
				mv := StageMove{PersonID: x.PersonID, Name: name(x.PersonID), From: from, To: to, Day: storage.DayOf(x.At).String()}
				f, _ := advocates.ParseStage(from)
				t, tok := advocates.ParseStage(to)
				mv.Up = tok && t.Rank() > f.Rank()
				out.StageMoves = append(out.StageMoves, mv)
				if mv.Up && t.Rank() >= advocates.Advocate.Rank() && f.Rank() < advocates.Advocate.Rank() {
					out.NewAdvocates = append(out.NewAdvocates, Person{ID: x.PersonID, Name: mv.Name, Why: "now " + to})
				}
			}
			continue
		}
		switch Side(x) {
		case advocates.Give:
			out.Gives++
		case advocates.Get:
			out.Gets++
			out.Value += x.Value
			if x.PersonID != 0 {
				g := givers[x.PersonID]
				if g == nil {
					g = &Person{ID: x.PersonID, Name: name(x.PersonID)}
					givers[x.PersonID] = g
				}
				g.Gets++
				g.Value += x.Value
				g.Why = x.Kind + ": " + clip(x.Note, 80)
			}
		case advocates.Ask:
			out.Asks++
		}
	}
	for _, g := range givers {
		out.Thank = append(out.Thank, *g)
	}
	sort.Slice(out.Thank, func(i, j int) bool {
		a, b := out.Thank[i], out.Thank[j]
		if a.Gets != b.Gets {
			return a.Gets > b.Gets
		}
		if a.Value != b.Value {
			return a.Value > b.Value
		}
		return a.ID < b.ID
	})
	out.Thank = out.Thank[:min(5, len(out.Thank))]
	out.Value = Round4(out.Value)
	return out, nil
}
