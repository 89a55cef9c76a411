// Package export writes mentions with their analysis, interactions and
// per-day metrics as CSV or JSON (an array), for a spreadsheet or another
// tool.
package export

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/rapportapp/rapport/app/integrating/insights"
	"github.com/rapportapp/rapport/storage"
)

// Mention is one exported mention.
type Mention struct {
	ID             uint64   `json:"id"`
	Time           string   `json:"time"`
	Platform       string   `json:"platform"`
	SourceIDs      []uint64 `json:"source_ids"`
	Author         string   `json:"author"`
	PersonID       uint64   `json:"person_id,omitempty"`
	Title          string   `json:"title"`
	Text           string   `json:"text"`
	Link           string   `json:"link"`
	State          string   `json:"state"`
	Owner          string   `json:"owner,omitempty"`
	Analysed       bool     `json:"analysed"`
	Sentiment      float64  `json:"sentiment"`
	Polarity       string   `json:"polarity"`
	Intents        []string `json:"intents"`
	TouchPoints    []string `json:"touchpoints"`
	Promise        string   `json:"promise,omitempty"`
	Priority       float64  `json:"priority"`
	FirstResponse  string   `json:"first_response,omitempty"`
	FirstResponder string   `json:"first_responder,omitempty"`
}

// MentionOf is the export of one mention.
func MentionOf(m *storage.Mention) Mention {
	a := m.Analysis
	e := Mention{
		ID: m.ID, Time: m.Time().UTC().Format(time.RFC3339), Platform: m.Platform, SourceIDs: nonNil(m.SourceIDs),
		Author: m.Author, PersonID: m.PersonID, Title: m.Title, Text: m.Text, Link: m.Link, State: m.State.String(), Owner: m.Owner,
		Analysed: a.Analysed, Sentiment: a.Sentiment, Polarity: a.Polarity, Intents: nonNil(a.Intents), TouchPoints: nonNil(a.TouchPoints),
		Promise: a.Promise, Priority: a.Priority,
	}
	if at, by, ok := storage.FirstResponse(m); ok {
		e.FirstResponse, e.FirstResponder = at.UTC().Format(time.RFC3339), by
	}
	return e
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// Interaction is one exported interaction.
type Interaction struct {
	ID         uint64  `json:"id"`
	At         string  `json:"at"`
	PersonID   uint64  `json:"person_id"`
	MentionID  uint64  `json:"mention_id"`
	Kind       string  `json:"kind"`
	Direction  string  `json:"direction"`
	Side       string  `json:"side"` // give, get, ask or "" as the ledger reads it
	Channel    string  `json:"channel"`
	Value      float64 `json:"value"`
	Note       string  `json:"note"`
	Experiment string  `json:"experiment,omitempty"`
	Variant    string  `json:"variant,omitempty"`
}

// Format is csv or json.
type Format string

// FormatOf picks the format from a file name's extension.
func FormatOf(path string) (Format, error) {
	switch {
	case strings.HasSuffix(strings.ToLower(path), ".csv"):
		return "csv", nil
	case strings.HasSuffix(strings.ToLower(path), ".json"):
		return "json", nil
	}
	return "", fmt.Errorf("%s: end the file name in .csv or .json", path)
}

// Mentions writes every mention, newest first.
func Mentions(st *storage.Store, w io.Writer, f Format) (int, error) {
	var rows []Mention
	err := st.View(func(tx *storage.Tx) error {
		ids, _, err := tx.MentionIDs(storage.MentionsByTime(), nil, 0)
		if err != nil {
			return err
		}
		return tx.Mentions().EachOf(ids, func(m *storage.Mention) error {
			rows = append(rows, MentionOf(m))
			return nil
		})
	})
	if err != nil {
		return 0, err
	}
	return len(rows), write(w, f, rows, []string{
		"id", "time", "platform", "source_ids", "author", "person_id", "title", "text", "link",
		"state", "owner", "analysed", "sentiment", "polarity", "intents", "touchpoints", "promise", "priority", "first_response", "first_responder",
	},
		func(m Mention) []string {
			return []string{
				u(m.ID), m.Time, m.Platform, ids(m.SourceIDs), m.Author, u(m.PersonID), m.Title, m.Text, m.Link, m.State, m.Owner,
				strconv.FormatBool(m.Analysed), fl(m.Sentiment), m.Polarity, strings.Join(m.Intents, ";"), strings.Join(m.TouchPoints, ";"),
				m.Promise, fl(m.Priority), m.FirstResponse, m.FirstResponder,
			}
		})
}

// Interactions writes every interaction, oldest first.
func Interactions(st *storage.Store, w io.Writer, f Format) (int, error) {
	var rows []Interaction
	err := st.View(func(tx *storage.Tx) error {
		return tx.Interactions().Each(func(x *storage.Interaction) error {
			rows = append(rows, Interaction{
				ID: x.ID, At: x.At.UTC().Format(time.RFC3339), PersonID: x.PersonID, MentionID: x.MentionID,
				Kind: x.Kind, Direction: x.Direction, Side: insights.Side(x), Channel: x.Channel, Value: x.Value, Note: x.Note,
				Experiment: x.Experiment, Variant: x.Variant,
			})
			return nil
		})
	})
	if err != nil {
		return 0, err
	}
	return len(rows), write(w, f, rows, []string{"id", "at", "person_id", "mention_id", "kind", "direction", "side", "channel", "value", "note", "experiment", "variant"},
		func(x Interaction) []string {
			return []string{u(x.ID), x.At, u(x.PersonID), u(x.MentionID), x.Kind, x.Direction, x.Side, x.Channel, fl(x.Value), x.Note, x.Experiment, x.Variant}
		})
}

// Metrics writes one row per day of the store's history (from the daily
// aggregates): mentions, analysed, mean sentiment, negative, neutral,
// positive and the praise and purchase counts.
func Metrics(st *storage.Store, svc *insights.Service, w io.Writer, f Format) (int, error) {
	var p insights.Period
	var ok bool
	if err := st.View(func(tx *storage.Tx) error { p.From, p.To, ok = tx.DailySpan(); return nil }); err != nil {
		return 0, err
	}
	rows := []insights.DayRow{}
	if ok {
		ins, err := svc.Compute(p)
		if err != nil {
			return 0, err
		}
		rows = ins.Days
	}
	return len(rows), write(w, f, rows, []string{"day", "mentions", "analysed", "mean_sentiment", "negative", "neutral", "positive", "praise", "purchase"},
		func(d insights.DayRow) []string {
			return []string{
				d.Day, i64(d.Mentions), i64(d.Analysed), fl(d.MeanSentiment), i64(d.Negative), i64(d.Neutral), i64(d.Positive),
				i64(d.Intents["praise"]), i64(d.Intents["purchase"]),
			}
		})
}

func write[T any](w io.Writer, f Format, rows []T, header []string, cells func(T) []string) error {
	if f == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", " ")
		if rows == nil {
			rows = []T{}
		}
		return enc.Encode(rows)
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, r := range rows {
		if err := cw.Write(cells(r)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func u(v uint64) string   { return strconv.FormatUint(v, 10) }
func i64(v int64) string  { return strconv.FormatInt(v, 10) }
func fl(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
func ids(v []uint64) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = u(x)
	}
	return strings.Join(s, ";")
}
