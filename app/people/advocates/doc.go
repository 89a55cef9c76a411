// Package advocates finds a business's brand advocates and keeps the
// relationship with them reciprocal. It is pure logic over stored records:
// it never opens the store, so the views and the command line compute the
// same numbers from the same records.
//
// Three ideas from the issue shape it. An advocate speaks of us more than
// once, to more than one person, in more than one way; the advocate score
// (Compute) measures exactly those, plus sentiment balance and recency, and
// keeps every part with its reason in plain words so the contact page can
// show why. A relationship is reciprocal or it is not one; the ledger
// (BuildLedger) counts what we gave and what we got, and Nudges turns
// imbalances into next steps. Stages (Stranger → Champion) are suggested by
// the score and set by the owner.
//
// docs/advocates.md writes the formula down with a worked example.
package advocates
