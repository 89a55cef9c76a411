// Package understanding groups step 2 of the method, Understand: reading
// each mention the way the owner would.
//
//	analyze     the pure reader of one post: the author's words, sentiment
//	            with its cues, intents (rules and a learned layer), touch
//	            points, the brand promise (no storage)
//	understand  the service around it: the workspace's configuration, the
//	            priority score, corrections and learning from them,
//	            re-reading stored mentions (also after an upgrade)
//	labelled    the labelled posts of testdata/posts the learned layer is
//	            trained and measured on
package understanding
