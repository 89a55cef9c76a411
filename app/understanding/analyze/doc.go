// Package analyze understands short social posts locally and explainably.
//
// For each post it gives a sentiment score in [-1, 1] (a re-implementation of
// VADER, Hutto & Gilbert 2014, on the VADER lexicon shipped with
// github.com/jonreiter/govader, with measured fixes), the intents it shows
// (complaint, question, praise, purchase, referral, churn and the
// micro-moments know, go, do, buy), the touch points it is about and whether
// it is in line with or at odds with the owner's brand promise. Every
// decision carries the cues that drove it, with byte offsets into the post,
// so the UI can say why.
//
// It reads only the author's words: quoted lines, reply headers, signatures
// and names of people are left out first (author.go). Beside the rules sits
// a learned layer: logistic regression per intent over hashed words, word
// pairs, stems and the rule cues, trained offline by scripts/trainintents on
// the labelled posts in testdata/posts and embedded (model.go, features.go,
// train.go); a workspace adds a layer learned from its owner's corrections
// (personal.go). Learned decisions are explained by the words that weighed
// most.
//
// Posts that do not look like English are marked "not analysed" instead of
// being scored wrong. Categories, terms and promise words are data (Config,
// readable from JSON) that the owner edits. Nothing is downloaded or sent;
// docs/understanding.md describes the method and its measured quality.
//
// Attribution: the VADER lexicon and emoji lexicon are © 2016 C.J. Hutto,
// MIT licence, reached through govader (© 2020 jr, MIT licence).
package analyze
