// Package monitor keeps the sources: adding them (checking the address,
// finding the feeds of a web page), listing them with their health, and
// polling them politely in the background or when the owner asks — each
// check a conditional GET through package fetch, parsed by package feed
// and stored by package ingest. A failing source never slows the others.
package monitor
