// Package query implements Rapport's watch-rule and search language: a
// parser for queries such as
//
//	title:(espresso OR latte) "cold brew" -decaf site:reddit.com
//
// an evaluator that decides whether a feed entry ([Doc]) matches, with the
// byte ranges to highlight, and the tokenizer and folder ([Tokenize], [Fold])
// that the full-text index shares so that rules and search agree on what a
// "word" is.
//
// Matching is per whole word, case-insensitive and accent-insensitive:
// "café", "CAFE" and "Cafe" are the same word, and "tea" does not match
// "steak". The user-facing description and the precise grammar live in
// docs/queries.md.
//
// A parsed [Query] is immutable and safe for concurrent use. A [Prepared]
// document is not: it caches the tokens of one Doc so that many rules can be
// checked against one incoming entry without splitting it into words again.
package query
