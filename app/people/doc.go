// Package people groups the advocate CRM that sits around every step: the
// people who talk about the business, and what was given and received.
//
//	crm        contacts: pages, stages, merging, erasing, import and export
//	advocates  the advocate score, the give-and-get ledger, nudges, stages
//	contactio  vCard and CSV reading and writing, matching imported contacts
package people
