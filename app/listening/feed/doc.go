// Package feed turns feed bytes into Rapport entries. Parsing works on an
// io.Reader and never fetches (fetching is package fetch's job): gofeed
// reads RSS 0.9x/1.0/2.0 and Atom, a lenient reader of our own reads JSON
// Feed, and this package bounds the input, decodes it from whatever
// encoding the byte order mark, the HTTP charset or the XML declaration
// names (decode.go), forgives what real feeds get wrong on the way to
// gofeed without copying a well-formed UTF-8 body (xmlclean.go), converts
// HTML to safe plain text cut at 64 KB a post, distrusts impossible dates,
// works out who wrote each entry on each platform and gives every entry
// stable identity keys for de-duplication. docs/reliability.md lists what
// is forgiven and what is still refused.
package feed
