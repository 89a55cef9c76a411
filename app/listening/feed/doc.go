// Package feed turns feed bytes into Rapport entries. Parsing works on an
// io.Reader and never fetches (fetching is package fetch's job): gofeed
// reads RSS 0.9x/1.0/2.0, Atom and JSON Feed, and this package bounds the
// input, converts HTML to safe plain text, distrusts impossible dates,
// works out who wrote each entry on each platform and gives every entry
// stable identity keys for de-duplication.
package feed
