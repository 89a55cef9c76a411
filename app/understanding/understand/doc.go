// Package understand reads mentions for the owner: it runs the local
// analyser (package analyze) with the workspace's own touch points, brand
// names and promise, keeps the owner's corrections above what the analyser
// says, and ranks mentions by one priority score whose reason it can say in
// words ("complaint · negative · customer · 20 min ago").
package understand
