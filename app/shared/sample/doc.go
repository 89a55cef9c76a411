// Package sample loads the embedded sample workspace (assets/sample) into a
// data folder through the real ingest path, so a newcomer without internet
// sees Rapport working. Dates are moved so that the sample's "now" (its
// anchor) is the moment of loading. Loading twice changes nothing.
package sample
