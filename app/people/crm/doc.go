// Package crm is the brand-advocate half of Rapport: people and contacts
// with their identities across platforms, the explainable advocate score
// and reciprocity ledger (package advocates) computed from what is stored,
// stages, merge suggestions with merge and undo, import and export
// (package contactio), and erasing everything personal about someone.
package crm
