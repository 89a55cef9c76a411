// Package compose is the reply composer's logic, without any UI: how long a
// draft is on each platform, templates with variables and their JSON
// library, mailto: and tel: links, and a tone check that runs on every
// keystroke.
//
// Length (Count) follows each platform's own counting rule, because "280
// characters" means something different on X (weighted code points, links
// count 23), Bluesky (grapheme clusters) and Mastodon (grapheme clusters,
// links 23, remote mentions count only the username). platform.go documents
// every rule and where it comes from.
//
// Templates (Render) use {first_name}-style variables. A value that is
// missing renders as a visible "[first name]" and is reported, never
// silently dropped; values are inserted literally, never expanded again.
//
// Tone reads a draft the way the person receiving it might: shouting,
// "!!!", hard-sell words, too many links or hashtags, asking for something
// before giving anything, and a sentiment score from package analyze. Each
// flag carries byte offsets for highlighting and advice in plain words.
// tone_check.go documents the thresholds and why they are where they are.
package compose
