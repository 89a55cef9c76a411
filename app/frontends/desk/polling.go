package desk

import "time"

// StartPolling checks due sources, wakes snoozed mentions and announces
// follow-ups that fell due, in the background until Stop.
func (d *Desk) StartPolling() {
	d.spawn(func() { d.e.Monitor.Run(d.ctx) })
	d.spawn(func() { d.every(time.Minute, d.wake) })
}

// wake brings back snoozed mentions whose time has come and announces
// follow-ups that fell due.
func (d *Desk) wake() {
	d.announceDue()
	if n, err := d.e.Inbox.Wake(time.Now()); err != nil {
		d.w.Log.Warn("wake snoozed mentions", "err", err)
	} else if n > 0 {
		d.changed()
	}
}

// announceDue notifies follow-ups that fell due.
func (d *Desk) announceDue() {
	due, err := d.e.Reply.DueNow()
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

// every runs fn now and then every interval until the desk stops.
func (d *Desk) every(interval time.Duration, fn func()) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		fn()
		select {
		case <-d.ctx.Done():
			return
		case <-t.C:
		}
	}
}
