package insights

import (
	"maps"
	"slices"
	"sort"
	"time"

	"github.com/rapportapp/rapport/storage"
)

// Response is how fast the period's mentions were first answered
// (storage.FirstResponse: the first move to "handled", which logging a
// reply makes), counted on the day of the mention.
type Response struct {
	Answered      int64   `json:"answered"`
	MedianMinutes int64   `json:"median_minutes"` // nearest rank, whole minutes
	P90Minutes    int64   `json:"p90_minutes"`
	Within1h      int64   `json:"within_1h"` // answered in less than an hour
	Within24h     int64   `json:"within_24h"`
	ShareWithin1h float64 `json:"share_within_1h"` // of the answered
	// ShareWithin24h is the share of answered mentions answered in less
	// than a day.
	ShareWithin24h float64     `json:"share_within_24h"`
	ByResponder    []Responder `json:"by_responder"`
	// Waiting is who is waiting now (new or needs reply), whatever the
	// period.
	Waiting Waiting `json:"waiting"`
}

// Responder is one person's answers in the period.
type Responder struct {
	Name          string  `json:"name"`
	Answered      int64   `json:"answered"`
	MedianMinutes int64   `json:"median_minutes"`
	ShareWithin1h float64 `json:"share_within_1h"`
}

// Waiting is what waits for an answer now.
type Waiting struct {
	Count int `json:"count"`
	// ByOwner counts the waiting mentions by owner ("" unassigned).
	ByOwner map[string]int `json:"by_owner"`
	// Oldest are the longest-waiting mentions, oldest first.
	Oldest []Waiter `json:"oldest"`
}

// Waiter is one mention waiting for an answer.
type Waiter struct {
	ID       uint64 `json:"id"`
	Author   string `json:"author"`
	Headline string `json:"headline"`
	Owner    string `json:"owner,omitempty"`
	Since    string `json:"since"`
	Hours    int64  `json:"hours"`
}

func responseOf(c *cells) Response {
	all := map[int64]int64{}
	var r Response
	names := slices.Sorted(maps.Keys(c.delay))
	for _, name := range names {
		h := c.delay[name]
		one := Responder{Name: name}
		var w1 int64
		for k, v := range h {
			all[k] += v
			one.Answered += v
			if k < 60 {
				w1 += v
			}
		}
		one.MedianMinutes = Percentile(h, 0.5)
		if one.Answered > 0 {
			one.ShareWithin1h = Round4(float64(w1) / float64(one.Answered))
		}
		r.ByResponder = append(r.ByResponder, one)
	}
	sort.SliceStable(r.ByResponder, func(i, j int) bool { return r.ByResponder[i].Answered > r.ByResponder[j].Answered })
	for k, v := range all {
		r.Answered += v
		if k < 60 {
			r.Within1h += v
		}
		if k < 24*60 {
			r.Within24h += v
		}
	}
	r.MedianMinutes, r.P90Minutes = Percentile(all, 0.5), Percentile(all, 0.9)
	if r.Answered > 0 {
		r.ShareWithin1h = Round4(float64(r.Within1h) / float64(r.Answered))
		r.ShareWithin24h = Round4(float64(r.Within24h) / float64(r.Answered))
	}
	return r
}

// maxWaitingRead bounds how many waiting mentions are read to count them
// by owner; the total comes from the state index alone.
const maxWaitingRead = 2000

// waiting reads who waits now: new and needs-reply mentions.
func waiting(tx *storage.Tx, now time.Time) (Waiting, error) {
	w := Waiting{ByOwner: map[string]int{}}
	var ids []uint64
	for _, st := range []storage.MentionState{storage.StateNew, storage.StateNeedsReply} {
		some, _, err := tx.MentionIDs(storage.MentionsInState(st), nil, 0)
		if err != nil {
			return w, err
		}
		ids = append(ids, some...)
	}
	w.Count = len(ids)
	if len(ids) > maxWaitingRead {
		ids = ids[:maxWaitingRead]
	}
	ms, err := tx.Mentions().GetMany(ids)
	if err != nil {
		return w, err
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Time().Before(ms[j].Time()) })
	for i := range ms {
		m := &ms[i]
		w.ByOwner[m.Owner]++
		if len(w.Oldest) < 5 {
			w.Oldest = append(w.Oldest, Waiter{
				ID: m.ID, Author: m.Author, Headline: clip(m.Headline(), 90), Owner: m.Owner,
				Since: m.Time().UTC().Format(time.RFC3339), Hours: int64(now.Sub(m.Time()).Hours()),
			})
		}
	}
	return w, nil
}
