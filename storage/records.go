package storage

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// The record types. Field numbers in the cbor tags are permanent: never
// reuse or renumber one; add new fields with new numbers. Every record has
// an ID assigned by the store on first save.

// Source is a feed Rapport watches.
type Source struct {
	ID       uint64        `cbor:"1,keyasint,omitempty" json:"id"`
	Name     string        `cbor:"2,keyasint,omitempty" json:"name"`
	URL      string        `cbor:"3,keyasint,omitempty" json:"url"`
	Kind     string        `cbor:"4,keyasint,omitempty" json:"kind,omitempty"` // reddit, hackernews, mastodon, …
	Folder   string        `cbor:"5,keyasint,omitempty" json:"folder,omitempty"`
	Every    time.Duration `cbor:"6,keyasint,omitempty" json:"every,omitempty"`
	Disabled bool          `cbor:"7,keyasint,omitempty" json:"disabled,omitempty"`
	RuleIDs  []uint64      `cbor:"8,keyasint,omitempty" json:"rule_ids,omitempty"`
	Created  time.Time     `cbor:"9,keyasint,omitzero" json:"created"`
	Health   SourceHealth  `cbor:"10,keyasint,omitzero" json:"health"`
}

// SourceHealth is what the poller learnt the last times it checked a source.
type SourceHealth struct {
	ETag         string    `cbor:"1,keyasint,omitempty" json:"etag,omitempty"`
	LastModified string    `cbor:"2,keyasint,omitempty" json:"last_modified,omitempty"`
	LastCheck    time.Time `cbor:"3,keyasint,omitzero" json:"last_check,omitzero"`
	LastSuccess  time.Time `cbor:"4,keyasint,omitzero" json:"last_success,omitzero"`
	LastError    string    `cbor:"5,keyasint,omitempty" json:"last_error,omitempty"`
	Failures     int       `cbor:"6,keyasint,omitempty" json:"failures,omitempty"`
	NextCheck    time.Time `cbor:"7,keyasint,omitzero" json:"next_check,omitzero"`
	Items        int       `cbor:"8,keyasint,omitempty" json:"items,omitempty"`
	// Warning is set by a check that succeeded but not wholly (a feed
	// longer than Rapport reads, say), in plain words.
	Warning string `cbor:"9,keyasint,omitempty" json:"warning,omitempty"`
	// RetryAfter is when the server asked to be asked again (429, 503),
	// or zero; no check asks it before then, not even one the owner asks for.
	RetryAfter time.Time `cbor:"10,keyasint,omitzero" json:"retry_after,omitzero"`
}

// MentionState is where a mention is in the inbox workflow.
type MentionState uint8

// The inbox states. The numeric values are stored in index keys: never
// renumber them.
const (
	StateNew MentionState = iota
	StateNeedsReply
	StateHandled
	StateArchived
	StateSnoozed
)

var stateNames = [...]string{"new", "needs reply", "handled", "archived", "snoozed"}

// MentionStates lists every state in workflow order.
func MentionStates() []MentionState {
	return []MentionState{StateNew, StateNeedsReply, StateHandled, StateArchived, StateSnoozed}
}

// String names the state as users read it ("needs reply").
func (s MentionState) String() string {
	if int(s) < len(stateNames) {
		return stateNames[s]
	}
	return "unknown"
}

// ParseMentionState reads a state's name, in any case, with a hyphen or a
// space ("needs-reply", "Needs reply").
func ParseMentionState(name string) (MentionState, error) {
	n := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(name), "-", " "))
	for i, sn := range stateNames {
		if n == sn {
			return MentionState(i), nil
		}
	}
	return 0, fmt.Errorf("no state %q: use %s", name, strings.Join(stateNames[:], ", "))
}

// MarshalText writes the state's name, so JSON shows "needs reply" rather
// than a number (CBOR, in the store, keeps the number).
func (s MentionState) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalJSON reads a state's name or, as the first layout stored it, its
// number.
func (s *MentionState) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] != '"' {
		var n uint8
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("read a state: %w", err)
		}
		*s = MentionState(n)
		return nil
	}
	var name string
	if err := json.Unmarshal(b, &name); err != nil {
		return fmt.Errorf("read a state: %w", err)
	}
	st, err := ParseMentionState(name)
	*s = st
	return err
}

// Span is a matched range in one field of a mention, in byte offsets of the
// stored (original) text.
type Span struct {
	Field string `cbor:"1,keyasint,omitempty" json:"field"`
	Start int    `cbor:"2,keyasint,omitempty" json:"start"`
	End   int    `cbor:"3,keyasint,omitempty" json:"end"`
}

// Mention is an item found in a source.
type Mention struct {
	ID        uint64       `cbor:"1,keyasint,omitempty" json:"id"`
	Keys      [][]byte     `cbor:"2,keyasint,omitempty" json:"keys,omitempty"` // dedup identities (hashes of GUID, normalised link, text)
	GUID      string       `cbor:"3,keyasint,omitempty" json:"guid,omitempty"`
	Link      string       `cbor:"4,keyasint,omitempty" json:"link,omitempty"`
	Title     string       `cbor:"5,keyasint,omitempty" json:"title,omitempty"`
	Author    string       `cbor:"6,keyasint,omitempty" json:"author,omitempty"`
	AuthorURL string       `cbor:"7,keyasint,omitempty" json:"author_url,omitempty"`
	PersonID  uint64       `cbor:"8,keyasint,omitempty" json:"person_id,omitempty"`
	SourceIDs []uint64     `cbor:"9,keyasint,omitempty" json:"source_ids,omitempty"`
	Published time.Time    `cbor:"10,keyasint,omitzero" json:"published,omitzero"`
	Fetched   time.Time    `cbor:"11,keyasint,omitzero" json:"fetched,omitzero"`
	Text      string       `cbor:"12,keyasint,omitempty" json:"text,omitempty"` // plain text, converted from the feed's HTML
	Lang      string       `cbor:"13,keyasint,omitempty" json:"lang,omitempty"`
	State     MentionState `cbor:"14,keyasint,omitempty" json:"state"`
	Owner     string       `cbor:"15,keyasint,omitempty" json:"owner,omitempty"`
	Snoozed   time.Time    `cbor:"16,keyasint,omitzero" json:"snoozed_until,omitzero"`
	RuleIDs   []uint64     `cbor:"17,keyasint,omitempty" json:"rule_ids,omitempty"`
	Matches   []Span       `cbor:"18,keyasint,omitempty" json:"matches,omitempty"`
	GroupID   uint64       `cbor:"19,keyasint,omitempty" json:"group_id,omitempty"` // near-duplicates share the first one's ID
	Platform  string       `cbor:"20,keyasint,omitempty" json:"platform,omitempty"`
	Reach     int          `cbor:"21,keyasint,omitempty" json:"reach,omitempty"` // followers or views, where a feed tells
	Analysis  Analysis     `cbor:"22,keyasint,omitzero" json:"analysis,omitzero"`
	// Corrected holds the owner's corrections of the analysis; they win
	// over what the analyser says, also after re-analysis.
	Corrected *Correction `cbor:"23,keyasint,omitempty" json:"corrected,omitempty"`
	// History lists every change of state and owner, oldest first.
	History []Change `cbor:"24,keyasint,omitempty" json:"history,omitempty"`
	// Draft is a reply the owner handed to another program and has not yet
	// said they sent (see ReplyDraft); nil when there is none.
	Draft *ReplyDraft `cbor:"25,keyasint,omitempty" json:"draft,omitempty"`
}

// ReplyDraft is a reply the owner prepared and handed to another program
// (the conversation's page, their mail program). Rapport cannot see
// whether it was sent, so it keeps the draft until the owner says so; only
// then is the reply recorded as given.
type ReplyDraft struct {
	At         time.Time     `cbor:"1,keyasint,omitzero" json:"at"`
	Channel    string        `cbor:"2,keyasint,omitempty" json:"channel"`
	Text       string        `cbor:"3,keyasint,omitempty" json:"text"`
	TemplateID uint64        `cbor:"4,keyasint,omitempty" json:"template_id,omitempty"`
	FollowUp   time.Duration `cbor:"5,keyasint,omitempty" json:"follow_up,omitempty"`
	Owner      string        `cbor:"6,keyasint,omitempty" json:"owner,omitempty"`
	By         string        `cbor:"7,keyasint,omitempty" json:"by,omitempty"`
	Experiment string        `cbor:"8,keyasint,omitempty" json:"experiment,omitempty"`
	Variant    string        `cbor:"9,keyasint,omitempty" json:"variant,omitempty"`
}

// Change is one step in a mention's workflow.
type Change struct {
	At    time.Time    `cbor:"1,keyasint,omitzero" json:"at"`
	From  MentionState `cbor:"2,keyasint,omitempty" json:"from"`
	To    MentionState `cbor:"3,keyasint,omitempty" json:"to"`
	Owner string       `cbor:"4,keyasint,omitempty" json:"owner,omitempty"` // set when the owner changed
	By    string       `cbor:"5,keyasint,omitempty" json:"by,omitempty"`    // who made the change
	Note  string       `cbor:"6,keyasint,omitempty" json:"note,omitempty"`
}

// Analysis is what Rapport read in a mention (package analyze).
type Analysis struct {
	Analysed    bool     `cbor:"1,keyasint,omitempty" json:"analysed"`
	Reason      string   `cbor:"2,keyasint,omitempty" json:"reason,omitempty"` // why not analysed
	Sentiment   float64  `cbor:"3,keyasint,omitempty" json:"sentiment"`
	Polarity    string   `cbor:"4,keyasint,omitempty" json:"polarity,omitempty"` // negative, neutral, positive
	Intents     []string `cbor:"5,keyasint,omitempty" json:"intents,omitempty"`
	TouchPoints []string `cbor:"6,keyasint,omitempty" json:"touchpoints,omitempty"`
	Promise     string   `cbor:"7,keyasint,omitempty" json:"promise,omitempty"` // "", "in line", "at odds"
	Priority    float64  `cbor:"8,keyasint,omitempty" json:"priority,omitempty"`
	Why         string   `cbor:"9,keyasint,omitempty" json:"why,omitempty"` // the priority's reason in words
	Version     int      `cbor:"10,keyasint,omitempty" json:"version,omitempty"`
}

// Correction is the owner's own reading of a mention. A nil list keeps the
// analyser's reading; an empty one says "none" (the lists are stored
// without omitempty so that the two stay apart).
type Correction struct {
	Polarity    string   `cbor:"1,keyasint,omitempty" json:"polarity,omitempty"`
	Intents     []string `cbor:"2,keyasint" json:"intents,omitempty"`
	TouchPoints []string `cbor:"3,keyasint" json:"touchpoints,omitempty"`
}

// Time is when the mention happened: its published time, or when we first
// saw it if the feed gave no date. The time index orders by it.
func (m *Mention) Time() time.Time {
	if !m.Published.IsZero() {
		return m.Published
	}
	return m.Fetched
}

// Handle is one identity of a person on one platform.
type Handle struct {
	Platform string `cbor:"1,keyasint,omitempty" json:"platform"`
	Handle   string `cbor:"2,keyasint,omitempty" json:"handle"`
}

// Person is anyone who wrote a mention or whom we talk to. Contact is set
// when the owner promoted them from a lightweight author to a contact.
type Person struct {
	ID          uint64    `cbor:"1,keyasint,omitempty" json:"id"`
	Name        string    `cbor:"2,keyasint,omitempty" json:"name"`
	Handles     []Handle  `cbor:"3,keyasint,omitempty" json:"handles,omitempty"`
	Contact     bool      `cbor:"4,keyasint,omitempty" json:"contact,omitempty"`
	Email       string    `cbor:"5,keyasint,omitempty" json:"email,omitempty"`
	Phone       string    `cbor:"6,keyasint,omitempty" json:"phone,omitempty"`
	Company     string    `cbor:"7,keyasint,omitempty" json:"company,omitempty"`
	Notes       string    `cbor:"8,keyasint,omitempty" json:"notes,omitempty"`
	Tags        []string  `cbor:"9,keyasint,omitempty" json:"tags,omitempty"`
	Preferences string    `cbor:"10,keyasint,omitempty" json:"preferences,omitempty"`
	Stage       string    `cbor:"11,keyasint,omitempty" json:"stage,omitempty"`
	Owner       string    `cbor:"12,keyasint,omitempty" json:"owner,omitempty"`
	Created     time.Time `cbor:"13,keyasint,omitzero" json:"created,omitzero"`
	MergedInto  uint64    `cbor:"14,keyasint,omitempty" json:"merged_into,omitempty"`
}

// Interaction is anything we did for a person or they did for us.
type Interaction struct {
	ID         uint64    `cbor:"1,keyasint,omitempty" json:"id"`
	PersonID   uint64    `cbor:"2,keyasint,omitempty" json:"person_id,omitempty"`
	MentionID  uint64    `cbor:"3,keyasint,omitempty" json:"mention_id,omitempty"`
	Kind       string    `cbor:"4,keyasint,omitempty" json:"kind"`      // reply, thanks, sample, share, referral, review, purchase, call, email, …
	Direction  string    `cbor:"5,keyasint,omitempty" json:"direction"` // "give" (we did) or "get" (they did)
	Channel    string    `cbor:"6,keyasint,omitempty" json:"channel,omitempty"`
	At         time.Time `cbor:"7,keyasint,omitzero" json:"at"`
	Note       string    `cbor:"8,keyasint,omitempty" json:"note,omitempty"`
	Value      float64   `cbor:"9,keyasint,omitempty" json:"value,omitempty"`
	TemplateID uint64    `cbor:"10,keyasint,omitempty" json:"template_id,omitempty"`
	// Experiment and Variant record which variant of a running experiment
	// this reply used (package experiments).
	Experiment string `cbor:"11,keyasint,omitempty" json:"experiment,omitempty"`
	Variant    string `cbor:"12,keyasint,omitempty" json:"variant,omitempty"`
}

// Task is a follow-up.
type Task struct {
	ID        uint64    `cbor:"1,keyasint,omitempty" json:"id"`
	Title     string    `cbor:"2,keyasint,omitempty" json:"title"`
	Due       time.Time `cbor:"3,keyasint,omitzero" json:"due"`
	Owner     string    `cbor:"4,keyasint,omitempty" json:"owner,omitempty"`
	PersonID  uint64    `cbor:"5,keyasint,omitempty" json:"person_id,omitempty"`
	MentionID uint64    `cbor:"6,keyasint,omitempty" json:"mention_id,omitempty"`
	Done      bool      `cbor:"7,keyasint,omitempty" json:"done,omitempty"`
	DoneAt    time.Time `cbor:"8,keyasint,omitzero" json:"done_at,omitzero"`
	Created   time.Time `cbor:"9,keyasint,omitzero" json:"created,omitzero"`
	Note      string    `cbor:"10,keyasint,omitempty" json:"note,omitempty"`
	// AutoClose closes the follow-up when the person speaks up again.
	AutoClose bool `cbor:"11,keyasint,omitempty" json:"auto_close,omitempty"`
	// Notified is set once the owner was told the follow-up fell due.
	Notified bool `cbor:"12,keyasint,omitempty" json:"notified,omitempty"`
}

// Rule is a watch rule: a query in the rule language (docs/queries.md).
type Rule struct {
	ID       uint64 `cbor:"1,keyasint,omitempty" json:"id"`
	Name     string `cbor:"2,keyasint,omitempty" json:"name"`
	Query    string `cbor:"3,keyasint,omitempty" json:"query"`
	Disabled bool   `cbor:"4,keyasint,omitempty" json:"disabled,omitempty"`
}

// Template is a reply template.
type Template struct {
	ID       uint64 `cbor:"1,keyasint,omitempty" json:"id"`
	Name     string `cbor:"2,keyasint,omitempty" json:"name"`
	Body     string `cbor:"3,keyasint,omitempty" json:"body"`
	Platform string `cbor:"4,keyasint,omitempty" json:"platform,omitempty"`
	Subject  string `cbor:"5,keyasint,omitempty" json:"subject,omitempty"`
}

// Headline is what a list shows for a mention: its title, or the first
// line of its text when the platform has no titles (skipping a blog's
// "In reply to …" line).
func (m *Mention) Headline() string {
	if m.Title != "" {
		return m.Title
	}
	line, rest, _ := strings.Cut(m.Text, "\n")
	if strings.HasPrefix(line, "In reply to ") && strings.TrimSpace(rest) != "" {
		line, _, _ = strings.Cut(strings.TrimSpace(rest), "\n")
	}
	return line
}
