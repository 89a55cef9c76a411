// Package interacting groups step 3 of the method, Interact: deciding what
// to answer, who answers it and how.
//
//	inbox    which mentions to show in what order, their rows and detail,
//	         the workflow (states, owners, snooze) and saved views
//	search   full-text search over mentions and interaction notes
//	routing  who on the team takes care of a mention, and hand-offs
//	compose  the reply composer's logic: templates, platform limits, tone
//	reply    the composer's service: logging replies, follow-ups
package interacting
