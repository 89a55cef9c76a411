// Package routing decides who on the team takes care of a mention, and
// helps hand a mention off to them by email.
//
// Routing rules are an ordered list kept as one document in the store
// (DocName). Each rule names an owner (a team member) and conditions on
// what Rapport read in a mention: its intents, touch points, sources,
// watch rules, sentiment and priority. The first enabled rule whose
// conditions all hold wins, so specific rules go above general ones, and
// a rule with no conditions at the end catches everything else. A mention
// no rule matches stays unassigned, where the owner of the business sees
// it.
//
// Apply assigns new, unowned mentions as they arrive and records why in
// the mention's history; it never takes a mention away from someone a
// person chose. HandOff builds a mailto: link that opens the owner's mail
// program with the mention, its link and Rapport's reading filled in, so
// the information reaches the right person in the program they already
// read, and Suggested proposes first rules from the team's roles.
package routing
