// Package fetch is Rapport's polite HTTP client for feeds, plus feed
// discovery for when a user pastes a web page instead of a feed address.
//
// The client does only what a feed reader needs and bounds everything:
//
//   - conditional GET: the caller passes the ETag and Last-Modified it stored
//     for a source and gets the new ones back (or NotModified);
//   - gzip and deflate are decoded here, not by net/http, so the size cap
//     (20 MB by default) applies to the decompressed bytes and a gzip bomb
//     stops at the cap after reading only a few kilobytes of it;
//   - one overall timeout per request (30 s) and an idle timeout (15 s) that
//     fires when a server sends headers and then nothing;
//   - only http and https, at most 5 redirects, loops detected;
//   - at most 2 requests at a time per host and 8 overall. A "host" is the
//     URL's host as written, lower-cased, including a non-default port: two
//     servers on 127.0.0.1:8080 and 127.0.0.1:8081 are different hosts,
//     https://example.com and https://example.com:443 are the same one.
//     Slots are taken for the host of the requested URL; redirect hops to
//     other hosts run inside that slot;
//   - failures come back as *Error, whose Plain method says in plain words
//     what happened and what to do, and whose Temporary method tells the
//     scheduler whether to back off and retry or to flag the source.
//
// Backoff and NextCheck turn failures and Retry-After into the next check
// time; choosing when to run checks is the scheduler's job, not this
// package's. Parsing feeds is the reader package's job: fetch returns bytes.
package fetch
