package views

import "github.com/rapportapp/rapport/app/inbox"

// openComposer is replaced by the reply composer.
func (in *Inbox) openComposer(m inbox.Detail) {}
