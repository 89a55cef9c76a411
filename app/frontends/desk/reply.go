package desk

import (
	"os"
	"time"

	"github.com/rapportapp/rapport/app/interacting/compose"
	"github.com/rapportapp/rapport/app/interacting/reply"
)

// ReplyContext gathers what a reply to a mention can say.
func (d *Desk) ReplyContext(mentionID uint64) (reply.Context, error) {
	return d.rep.ContextFor(mentionID)
}

// Templates lists the template library.
func (d *Desk) Templates() ([]compose.Template, error) { return d.rep.Templates() }

// SaveTemplate adds or updates a template.
func (d *Desk) SaveTemplate(t compose.Template) (compose.Template, error) {
	return d.rep.SaveTemplate(t)
}

// DeleteTemplate removes a template.
func (d *Desk) DeleteTemplate(id uint64) error { return d.rep.DeleteTemplate(id) }

// ImportTemplates adds the templates of a JSON library file.
func (d *Desk) ImportTemplates(path string) (int, []compose.Problem, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, nil, err
	}
	defer f.Close()
	return d.rep.ImportTemplates(f)
}

// ExportTemplates writes the library to a JSON file.
func (d *Desk) ExportTemplates(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := d.rep.ExportTemplates(f); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}

// Tone checks a draft for the platform it is meant for.
func (d *Desk) Tone(text, platform string) compose.ToneReport {
	return compose.ToneWith(text, d.w.Understand.Analyzer(), compose.ToneOptionsFor(platform))
}

// LogReply records what the owner did with a reply.
func (d *Desk) LogReply(a reply.Action) error {
	a.By = d.me()
	_, err := d.rep.Log(a)
	if err == nil {
		go d.changed()
	}
	return err
}

// FollowUps lists open (or done) follow-ups.
func (d *Desk) FollowUps(done bool) ([]reply.FollowUp, error) { return d.rep.FollowUps(done) }

// AddFollowUp creates a follow-up by hand.
func (d *Desk) AddFollowUp(t reply.NewFollowUp) error {
	_, err := d.rep.AddFollowUp(t)
	return err
}

// SetFollowUpDone closes or reopens a follow-up.
func (d *Desk) SetFollowUpDone(id uint64, done bool) error { return d.rep.SetDone(id, done) }

// PostponeFollowUp moves a follow-up's due time.
func (d *Desk) PostponeFollowUp(id uint64, due time.Time) error { return d.rep.Postpone(id, due) }

// announceDue notifies follow-ups that fell due.
func (d *Desk) announceDue() {
	due, err := d.rep.DueNow()
	if err != nil {
		d.w.Log.Warn("follow-ups due", "err", err)
		return
	}
	for _, f := range due {
		body := f.Title
		if f.Person != "" {
			body += " — " + f.Person
		}
		d.notify("Follow-up due", body)
	}
	if len(due) > 0 {
		d.changed()
	}
}
