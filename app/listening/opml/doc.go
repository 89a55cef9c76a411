// Package opml imports and exports feed lists as OPML, keeping folders.
//
// Parse reads OPML 1.0, 1.1 and 2.0 from an io.Reader and never fetches
// anything. It is written for files from other feed readers (Feedly,
// Inoreader, NetNewsWire, …) and for hostile ones:
//
//   - at most [MaxSize] bytes are read; a bigger file is refused with
//     [ErrTooLarge];
//   - outlines may nest at most [MaxDepth] deep ([ErrTooDeep]) and a file
//     may list at most [MaxFeeds] feeds ([ErrTooManyFeeds]);
//   - encoding/xml never expands entities declared in a DOCTYPE, so a
//     "billion laughs" file cannot blow up: an undeclared reference such as
//     &lol9; is kept as the literal text "&lol9;";
//   - a bare "&" (common in feed addresses such as ?a=1&b=2) and HTML
//     entities such as &eacute; are accepted, as browsers and most feed
//     readers do;
//   - anything else that is not well-formed XML is a [*SyntaxError] with
//     the line number, and a file whose root is not <opml> is [ErrNotOPML];
//   - unknown elements and attributes are ignored.
//
// Outlines with an xmlUrl are feeds. An outline without one is a folder
// if it has outlines inside, and is otherwise skipped; skipped outlines
// (no address, non-web addresses such as mailto:, duplicates, …) are
// listed in [Outline.Skipped] with their line and the reason, so the
// import screen can say what was left out and why.
//
// Rapport keeps one folder per source, so nested folders are flattened to
// a path of their names joined by "/": a feed in folder Reddit inside
// folder Social gets Folder "Social/Reddit". Write turns a path back into
// nested outlines. A "/" inside one folder's own name is kept as it is:
// after a round trip that folder comes back nested, but the Folder string
// — all Rapport stores — is the same. Feeds listed under a feed (rare, and
// meaningless in OPML) are read as if they were the feed's siblings.
//
// Rapport's own settings travel in optional attributes in the namespace
// [Namespace] (prefix "rapport"): rapport:kind, rapport:every (a Go
// duration such as "15m") and rapport:rule (the watch rule query), so an
// export followed by an import keeps everything Rapport knows about a
// source. Write declares the namespace only when a feed needs it.
package opml
