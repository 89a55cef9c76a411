// Package understanding groups step 2 of the method, Understand: reading
// each mention the way the owner would.
//
//	analyze     the pure reader of one post: sentiment with its cues,
//	            intents, touch points, the brand promise (no storage)
//	understand  the service around it: the workspace's configuration, the
//	            priority score, corrections, re-reading stored mentions
package understanding
