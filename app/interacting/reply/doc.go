// Package reply serves the reply composer and follow-ups: what a reply to
// a mention can say (the template library and the variables filled from
// the mention, its author and the business), logging what the owner did
// (replied, emailed, called) as interactions on the mention and the
// author, and the follow-ups that keep conversations from getting lost.
package reply
