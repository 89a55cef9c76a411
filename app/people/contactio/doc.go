// Package contactio imports and exports contacts as vCard (3.0 and 4.0,
// and 2.1 for reading) and CSV, and finds which imported contacts
// duplicate people Rapport already knows.
//
// The readers work on an io.Reader and never fetch anything. They are
// written for the files address books really produce — iCloud, Google
// Contacts, Outlook, phones, European Excel — and for broken or hostile
// ones:
//
//   - at most [MaxSize] bytes and [MaxContacts] contacts are read; bigger
//     files are refused with a clear error ([ErrTooLarge],
//     [ErrTooManyContacts]), as are binary files ([ErrBinary]);
//   - a card or row that cannot be used is left out and the rest of the
//     file is still read; each such thing is a [Problem] with its line,
//     in plain words ("line 14: this card has no name, company, email,
//     phone or handle — skipped"); at most [MaxProblems] are listed;
//   - a vCard cut off before END:VCARD, or a CSV row with a quote that is
//     never closed, is read as far as it goes and reported, instead of
//     swallowing the rest of the file;
//   - UTF-8 and UTF-16 byte order marks, CRLF/LF mixes, folded lines,
//     vCard 2.1 quoted-printable and CHARSET, and non-UTF-8 files
//     (read as Windows-1252) are handled; photos and other binary
//     properties are skipped without being held in memory.
//
// # Contacts and people
//
// [Contact] is the neutral form; [Contact.ToPerson] and [FromPerson] turn
// it into Rapport's storage.Person and back. Person has one Email and one
// Phone, so a contact's further addresses and numbers are kept as handles
// on the platforms "email" and "phone" (after its other handles). This
// keeps them stored, indexed by the store's handle index, and seen by
// [Match], and CSV files carry them the same way, as "email:…" and
// "phone:…" items of the handles column.
//
// Both readers return contacts in one tidy form (see clean): text is
// trimmed and valid UTF-8, line breaks are LF, repeats are dropped, and a
// contact without a name is named after its company, email, phone or
// first handle (with a Problem saying so). The writers write contacts in
// that same form, so reading what was written gives back every field
// Rapport stores.
//
// # Handles
//
// Profile addresses in vCard URL, X-SOCIALPROFILE, SOCIALPROFILE and IMPP
// properties, in X-TWITTER, X-MASTODON and similar properties, and in
// CSV website columns become handles, written the way Rapport's feeds
// write them: reddit.com/user/x → reddit "x", https://mastodon.social/@x
// → mastodon "@x@mastodon.social", bsky.app/profile/x → bluesky "x",
// youtube.com/@x → youtube "@x", news.ycombinator.com/user?id=x →
// hackernews "x"; Twitter/X, Instagram, GitHub, Facebook, LinkedIn,
// TikTok, Threads and Medium are known too; any other web address is a
// "web" handle holding the address.
//
// # Rapport's own fields
//
// vCards carry Stage, Owner and Preferences in X-RAPPORT-STAGE,
// X-RAPPORT-OWNER and X-RAPPORT-PREFERENCES, and every handle exactly as
// stored in X-RAPPORT-HANDLE (platform;handle). Handles that have a
// profile address are written a second time as X-SOCIALPROFILE or URL
// for other address books; on reading, those copies are recognised and
// not counted twice. CSV files use Rapport's own columns (see WriteCSV),
// with Excel formula-injection protection.
//
// # Duplicates
//
// An import should not create copies: [Match] (or [Index.Match] for many
// contacts) names the existing person a contact most likely is, why, and
// how sure it is, so that the import screen can offer a merge instead.
package contactio
