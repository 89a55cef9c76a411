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
	"reddit": "reddit", "mastodon": "mastodon", "bluesky": "bluesky", "hackernews": "reddit",
	"youtube": "reddit", "blog": "reddit", "stackexchange": "reddit", "x": "x", "twitter": "x", "linkedin": "linkedin-comment",
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
		c.Vars = compose.Vars{Name: m.Author, AuthorHandle: m.Author, Brand: b.Name, Link: m.Link, Owner: b.Owner,
			OwnerEmail: b.Email, Platform: m.Platform, Today: s.now().Format("2 January 2006"), Product: product(m)}
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

// Log records a reply: an interaction (a give) on the mention and its
// author, the mention marked handled, and the follow-up if asked for.
func (s *Service) Log(a Action) (storage.Interaction, error) {
	if a.MentionID == 0 {
		return storage.Interaction{}, errors.New("no mention to reply to")
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
		x = storage.Interaction{PersonID: m.PersonID, MentionID: m.ID, Kind: kindOf(a.Channel), Direction: "give",
			Channel: a.Channel, At: now, Note: a.Text, TemplateID: a.TemplateID,
			Experiment: a.Experiment, Variant: a.Variant}
		if err := tx.Interactions().Put(&x); err != nil {
			return err
		}
		if m.State != storage.StateHandled {
			m.History = append(m.History, storage.Change{At: now, From: m.State, To: storage.StateHandled, By: a.By, Note: "replied by " + a.Channel})
			m.State, m.Snoozed = storage.StateHandled, time.Time{}
			if err := tx.Mentions().Put(&m); err != nil {
				return err
			}
		}
		if a.FollowUp <= 0 {
			return nil
		}
		t := &storage.Task{Title: followUpTitle(m), Due: now.Add(a.FollowUp), Owner: a.Owner, PersonID: m.PersonID,
			MentionID: m.ID, Created: now, AutoClose: true}
		return tx.Tasks().Put(t)
	})
	if err != nil {
		return x, fmt.Errorf("log the reply: %w", err)
	}
	return x, nil
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
