// Package presets turns "listen for a keyword" into feed sources.
//
// The owner types a word or phrase once ("cold brew"); each [Preset] knows
// how to build the public feed address of one kind of place that can
// mention it — a Reddit search, Hacker News, a Mastodon hashtag, Google
// News, a Stack Exchange tag — or of one place the owner names: a
// subreddit, a YouTube channel or playlist, a Bluesky profile, a
// WordPress blog's comments, a Google Alerts feed. The presets are a data
// table (table.go); [All] lists them for the UI and [Preset.Build] or
// [ForKeyword] make [Source] values to save.
//
// Nothing here touches the network: every address is built from what the
// owner typed, with its parts escaped. That is why some presets ask for an
// ID rather than a name (YouTube feeds need the channel ID; resolving an
// @handle needs a page fetch) and why the blog presets assume WordPress's
// usual addresses — when online, feed discovery (package fetch) finds a
// blog's real feeds and is better.
//
// Search presets attach a watch rule made from the keyword (Source.Rule):
// a single plain word as it is, anything else as a quoted phrase, with
// double quotes the owner typed dropped. The rule keeps only entries that
// really mention the keyword, since the sites' searches are looser (stems,
// matches in comments). Tag feeds (Stack Exchange) get no rule: their
// entries are on topic without repeating the tag's words. Every rule is
// checked with query.Parse before it is returned.
//
// Errors are [*Error] values whose message is meant for the owner: what is
// wrong and what to do.
package presets
