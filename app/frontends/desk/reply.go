package desk

import (
	"io"
	"os"
	"time"

	"github.com/rapportapp/rapport/app/interacting/compose"
	"github.com/rapportapp/rapport/app/interacting/reply"
)

// ReplyContext gathers what a reply to a mention can say.
func (d *Desk) ReplyContext(mentionID uint64) (reply.Context, error) {
	return d.e.Reply.ContextFor(mentionID)
}

// Templates lists the template library.
func (d *Desk) Templates() ([]compose.Template, error) { return d.e.Reply.Templates() }

// SaveTemplate adds or updates a template.
func (d *Desk) SaveTemplate(t compose.Template) (compose.Template, error) {
	return d.e.Reply.SaveTemplate(t)
}

// DeleteTemplate removes a template.
func (d *Desk) DeleteTemplate(id uint64) error { return d.e.Reply.DeleteTemplate(id) }

// ImportTemplates adds the templates of a JSON library file.
func (d *Desk) ImportTemplates(path string) (int, []compose.Problem, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, nil, err
	}
	defer f.Close()
	return d.e.Reply.ImportTemplates(f)
}

// ExportTemplates writes the library to a JSON file.
func (d *Desk) ExportTemplates(path string) error {
	return writeFile(path, func(w io.Writer) error { return d.e.Reply.ExportTemplates(w) })
}

// Tone checks a draft for the platform it is meant for.
func (d *Desk) Tone(text, platform string) compose.ToneReport {
	return compose.ToneWith(text, d.w.Understand.Analyzer(), compose.ToneOptionsFor(platform))
}

// LogReply records what the owner did with a reply.
func (d *Desk) LogReply(a reply.Action) error {
	_, err := d.e.Reply.Log(a)
	if err == nil {
		d.changed()
	}
	return err
}

// FollowUps lists open (or done) follow-ups.
func (d *Desk) FollowUps(done bool) ([]reply.FollowUp, error) { return d.e.Reply.FollowUps(done) }

// AddFollowUp creates a follow-up by hand.
func (d *Desk) AddFollowUp(t reply.NewFollowUp) error {
	_, err := d.e.Reply.AddFollowUp(t)
	return err
}

// SetFollowUpDone closes or reopens a follow-up.
func (d *Desk) SetFollowUpDone(id uint64, done bool) error { return d.e.Reply.SetDone(id, done) }

// PostponeFollowUp moves a follow-up's due time.
func (d *Desk) PostponeFollowUp(id uint64, due time.Time) error { return d.e.Reply.Postpone(id, due) }

// DraftReply records a reply handed to another program, not yet sent.
func (d *Desk) DraftReply(a reply.Action) error {
	err := d.e.Reply.Draft(a)
	if err == nil {
		d.changed()
	}
	return err
}

// ConfirmReply records the mention's drafted reply as sent.
func (d *Desk) ConfirmReply(mentionID uint64) error {
	_, err := d.e.Reply.Confirm(mentionID)
	if err == nil {
		d.changed()
	}
	return err
}

// ReplyNotSent drops the mention's drafted reply: it was not sent.
func (d *Desk) ReplyNotSent(mentionID uint64) error {
	err := d.e.Reply.NotSent(mentionID)
	if err == nil {
		d.changed()
	}
	return err
}
