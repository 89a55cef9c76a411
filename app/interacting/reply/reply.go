package reply

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/rapportapp/rapport/app/interacting/compose"
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/storage"
)

// Params is what the reply service is built from.
type Params struct {
	Store *storage.Store
	// Business reads the business profile (the variables of a reply).
	Business func() (workspace.Business, error)
	// Me names who the owner's actions are recorded as (Action.By when
	// empty).
	Me func() string
	// Handled is told of a mention the owner replied to: the reading they
	// accepted is an example to learn from (nil: nobody listens).
	Handled func(mentionID uint64)
}

// Service composes replies in one workspace.
type Service struct {
	p   Params
	now func() time.Time
}

// New returns the reply service.
func New(p Params) *Service {
	if p.Me == nil {
		p.Me = func() string { return "you" }
	}
	if p.Handled == nil {
		p.Handled = func(uint64) {}
	}
	return &Service{p: p, now: time.Now}
}

// Context is what the composer knows about the mention it answers.
type Context struct {
	MentionID uint64
	PersonID  uint64
	Link      string
	Platform  string // the compose platform to count for
	Email     string // the author's, when known
	Phone     string
	Vars      compose.Vars
}

// platformFor maps where a mention came from to how a reply is counted.
var platformFor = map[string]string{
	"reddit": "reddit", "mastodon": "mastodon", "bluesky": "bluesky", "hackernews": "hackernews",
	"youtube": "youtube", "blog": "blog", "stackexchange": "stackexchange", "x": "x", "twitter": "x", "linkedin": "linkedin-comment",
}

// ContextFor gathers the variables of a reply to a mention.
func (s *Service) ContextFor(mentionID uint64) (Context, error) {
	var c Context
	b, err := s.p.Business()
	if err != nil {
		return c, err
	}
	err = s.p.Store.View(func(tx *storage.Tx) error {
		m, err := tx.Mentions().Get(mentionID)
		if err != nil {
			return err
		}
		c = Context{MentionID: m.ID, PersonID: m.PersonID, Link: m.Link, Platform: platformFor[m.Platform]}
		if c.Platform == "" {
			c.Platform = "email"
		}
		c.Vars = compose.Vars{
			Name: m.Author, AuthorHandle: m.Author, Brand: b.Name, Link: m.Link, Owner: b.Owner,
			OwnerEmail: b.Email, Platform: m.Platform, Today: s.now().Format("2 January 2006"), Product: product(m),
		}
		if m.PersonID != 0 {
			if p, err := tx.People().Get(m.PersonID); err == nil {
				c.Email, c.Phone = p.Email, p.Phone
				if p.Contact && p.Name != "" {
					c.Vars.Name = p.Name
				}
			}
		}
		c.Vars.FirstName = firstName(c.Vars.Name)
		return nil
	})
	return c, err
}

// product is what a mention is about, if its touch points say so.
func product(m storage.Mention) string {
	if len(m.Analysis.TouchPoints) > 0 {
		return m.Analysis.TouchPoints[0]
	}
	return ""
}

// firstName guesses a first name from a display name; handles give none.
func firstName(name string) string {
	name = strings.TrimSpace(name)
	if name == "" || strings.ContainsAny(name, "@/.") || strings.HasPrefix(name, "u/") {
		return ""
	}
	first, _, _ := strings.Cut(name, " ")
	return first
}

// Action is what the owner did with a reply.
type Action struct {
	MentionID  uint64
	Channel    string // the platform replied on, "email" or "phone"
	TemplateID uint64
	Text       string // the reply as sent, or call notes
	// FollowUp, when set, creates a follow-up that long from now, closed
	// automatically if the person speaks up again.
	FollowUp time.Duration
	Owner    string // who follows up
	By       string // who replied
	// Experiment and Variant record the variant of a running experiment
	// the reply used (package experiments suggests it).
	Experiment, Variant string
}

// ErrEmptyReply is returned for a reply or draft with no text.
var ErrEmptyReply = errors.New("the reply is empty: write it first")

// Log records a reply that was given: an interaction (a give) on the
// mention and its author, the mention marked handled, and the follow-up if
// asked for. Use it only for what the owner did themselves (a call whose
// notes they saved, a reply they say they posted); a reply handed to
// another program is a Draft until the owner confirms it (Confirm).
func (s *Service) Log(a Action) (storage.Interaction, error) {
	if a.MentionID == 0 {
		return storage.Interaction{}, errors.New("no mention to reply to")
	}
	if a.Channel != "phone" && strings.TrimSpace(a.Text) == "" {
		return storage.Interaction{}, ErrEmptyReply
	}
	if a.By == "" {
		a.By = s.p.Me()
	}
	now := s.now().UTC()
	var x storage.Interaction
	err := s.p.Store.Update(func(tx *storage.Tx) error {
		m, err := tx.Mentions().Get(a.MentionID)
		if err != nil {
			return err
		}
		x, err = logIn(tx, &m, a, now)
		return err
	})
	if err != nil {
		return x, fmt.Errorf("log the reply: %w", err)
	}
	s.p.Handled(a.MentionID)
	return x, nil
}

// logIn records a given reply on m inside tx (see Log) and saves m.
func logIn(tx *storage.Tx, m *storage.Mention, a Action, now time.Time) (storage.Interaction, error) {
	x := storage.Interaction{
		PersonID: m.PersonID, MentionID: m.ID, Kind: kindOf(a.Channel), Direction: "give",
		Channel: a.Channel, At: now, Note: a.Text, TemplateID: a.TemplateID,
		Experiment: a.Experiment, Variant: a.Variant,
	}
	if err := tx.Interactions().Put(&x); err != nil {
		return x, err
	}
	if m.State != storage.StateHandled {
		m.History = append(m.History, storage.Change{At: now, From: m.State, To: storage.StateHandled, By: a.By, Note: "replied by " + a.Channel})
		m.State, m.Snoozed = storage.StateHandled, time.Time{}
	}
	m.Draft = nil
	if err := tx.Mentions().Put(m); err != nil {
		return x, err
	}
	if a.FollowUp <= 0 {
		return x, nil
	}
	t := &storage.Task{
		Title: followUpTitle(*m), Due: now.Add(a.FollowUp), Owner: a.Owner, PersonID: m.PersonID,
		MentionID: m.ID, Created: now, AutoClose: true,
	}
	return x, tx.Tasks().Put(t)
}

// Draft records that the owner prepared a reply and handed it to another
// program (copied it and opened the conversation, or opened their mail
// program with it). Nothing is recorded as given: the mention keeps its
// state, its history says "reply drafted", and the draft waits on the
// mention until the owner confirms it was sent (Confirm) or not (NotSent).
func (s *Service) Draft(a Action) error {
	if strings.TrimSpace(a.Text) == "" {
		return ErrEmptyReply
	}
	if a.By == "" {
		a.By = s.p.Me()
	}
	now := s.now().UTC()
	return s.editMention(a.MentionID, func(m *storage.Mention) {
		m.Draft = &storage.ReplyDraft{
			At: now, Channel: a.Channel, Text: a.Text, TemplateID: a.TemplateID, FollowUp: a.FollowUp,
			Owner: a.Owner, By: a.By, Experiment: a.Experiment, Variant: a.Variant,
		}
		m.History = append(m.History, storage.Change{
			At: now, From: m.State, To: m.State, By: a.By,
			Note: "reply drafted for " + channelName(a.Channel) + ", not yet confirmed as sent",
		})
	})
}

// Confirm records the mention's draft as given: the owner says they posted
// or sent it. It returns the interaction recorded.
func (s *Service) Confirm(mentionID uint64) (storage.Interaction, error) {
	now := s.now().UTC()
	var x storage.Interaction
	err := s.p.Store.Update(func(tx *storage.Tx) error {
		m, err := tx.Mentions().Get(mentionID)
		if err != nil {
			return err
		}
		d := m.Draft
		if d == nil {
			return errors.New("there is no drafted reply on this mention to confirm")
		}
		x, err = logIn(tx, &m, Action{
			MentionID: m.ID, Channel: d.Channel, TemplateID: d.TemplateID, Text: d.Text,
			FollowUp: d.FollowUp, Owner: d.Owner, By: d.By, Experiment: d.Experiment, Variant: d.Variant,
		}, now)
		return err
	})
	if err != nil {
		return x, fmt.Errorf("record the reply as sent: %w", err)
	}
	s.p.Handled(mentionID)
	return x, nil
}

// NotSent drops the mention's draft: the owner did not post it. The
// mention needs a reply still, and its history says so.
func (s *Service) NotSent(mentionID uint64) error {
	now := s.now().UTC()
	by := s.p.Me()
	return s.editMention(mentionID, func(m *storage.Mention) {
		if m.Draft == nil {
			return
		}
		to := m.State
		if to == storage.StateNew || to == storage.StateHandled {
			to = storage.StateNeedsReply
		}
		m.History = append(m.History, storage.Change{At: now, From: m.State, To: to, By: by, Note: "the drafted reply was not sent"})
		m.State, m.Draft = to, nil
	})
}

// editMention changes one mention in a transaction.
func (s *Service) editMention(id uint64, edit func(m *storage.Mention)) error {
	return s.p.Store.Update(func(tx *storage.Tx) error {
		m, err := tx.Mentions().Get(id)
		if err != nil {
			return fmt.Errorf("read mention %d: %w", id, err)
		}
		edit(&m)
		return tx.Mentions().Put(&m)
	})
}

// channelName names a channel in words ("mastodon" → "Mastodon").
func channelName(ch string) string {
	if p, ok := compose.PlatformByID(ch); ok {
		return p.Name
	}
	if ch == "" {
		return "a reply"
	}
	return ch
}

func kindOf(channel string) string {
	switch channel {
	case "email":
		return "email"
	case "phone":
		return "call"
	}
	return "reply"
}

func followUpTitle(m storage.Mention) string {
	who := m.Author
	if who == "" {
		who = "them"
	}
	return "Follow up with " + who + " if they haven't answered"
}
