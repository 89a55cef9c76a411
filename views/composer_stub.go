package views

import "github.com/rapportapp/rapport/app/inbox"

// reply opens the composer for a mention.
func (in *Inbox) reply(m inbox.Detail) { in.openComposer(m) }
