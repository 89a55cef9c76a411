// Package integrating groups step 4 of the method, Integrate: bringing what
// the conversations teach back into the business — insights, experiments
// that show which tactics work, learnings and reports.
package integrating
