package storage

import (
	"slices"
	"strings"
)

// Table prefixes (one byte each) and their index prefixes (two bytes: the
// lower-case table letter and a letter for the index). docs/storage.md
// lists them all; a test checks that no two collide.
var (
	sourcesDef = &tableDef[Source]{name: "source", prefix: 'S', id: func(r *Source) *uint64 { return &r.ID }}

	mentionsDef = &tableDef[Mention]{
		name: "mention", prefix: 'M', id: func(r *Mention) *uint64 { return &r.ID },
		recomputed: true,
		indexes: []index[Mention]{
			{name: "by time", prefix: [2]byte{'m', 't'}, entries: func(m *Mention) [][]byte {
				return [][]byte{timeKey(nil, m.Time())}
			}},
			{name: "by state", prefix: [2]byte{'m', 's'}, entries: func(m *Mention) [][]byte {
				return [][]byte{timeKey([]byte{byte(m.State)}, m.Time())}
			}, counter: func(e []byte) string { return stateCounter(MentionState(e[0])) }},
			{name: "by priority", prefix: [2]byte{'m', 'r'}, entries: func(m *Mention) [][]byte {
				return [][]byte{priorityEntry(nil, m)}
			}},
			{name: "by owner and priority", prefix: [2]byte{'m', 'u'}, entries: func(m *Mention) [][]byte {
				if m.Owner == "" || strings.IndexByte(m.Owner, 0) >= 0 {
					return nil
				}
				return [][]byte{priorityEntry(append([]byte(m.Owner), 0), m)}
			}, counter: func(e []byte) string {
				// owner 0x00 state priority(8) time(8)
				cut := len(e) - 17
				return ownerCounter(string(e[:cut-1]), MentionState(e[cut]))
			}},
			{name: "by source", prefix: [2]byte{'m', 'o'}, entries: func(m *Mention) [][]byte {
				out := make([][]byte, 0, len(m.SourceIDs))
				for _, id := range m.SourceIDs {
					out = append(out, timeKey(u64(nil, id), m.Time()))
				}
				return out
			}, counter: func(e []byte) string {
				// source(8) time(8): the Sources screen's counts
				return sourceCounter(e[:8])
			}},
			{name: "by person", prefix: byPersonIndex, entries: func(m *Mention) [][]byte {
				if m.PersonID == 0 {
					return nil
				}
				return [][]byte{timeKey(u64(nil, m.PersonID), m.Time())}
			}},
			// what a mention may say of its author (said.go), for scoring
			// everyone who wrote without reading every mention
			{name: "what they said", prefix: saidIndex, entries: saidEntries},
			// listed (listed.go): one key per identity key, its value the
			// mentions that have it, so that a lookup is a Get.
			{name: "by identity", prefix: identityIndex, listed: true, entries: func(m *Mention) [][]byte {
				// An empty key identifies nothing: listed, it would make
				// every mention with one the same item, and its list's key
				// (the prefix alone) is not one the checks can read.
				if !slices.ContainsFunc(m.Keys, func(k []byte) bool { return len(k) == 0 }) {
					return m.Keys
				}
				return slices.DeleteFunc(slices.Clone(m.Keys), func(k []byte) bool { return len(k) == 0 })
			}},
			{name: "by group", prefix: [2]byte{'m', 'g'}, entries: func(m *Mention) [][]byte {
				if m.GroupID == 0 {
					return nil
				}
				return [][]byte{timeKey(u64(nil, m.GroupID), m.Time())}
			}},
			// The reading's intents and polarity by state, for the counts of
			// views that filter on them (counters.go); both end in the
			// time, so a view's newest mentions could be read from them.
			{name: "by intent", prefix: [2]byte{'m', 'i'}, entries: func(m *Mention) [][]byte {
				var out [][]byte
				for i, in := range m.Analysis.Intents {
					if in == "" || strings.IndexByte(in, 0) >= 0 || slices.Contains(m.Analysis.Intents[:i], in) {
						continue
					}
					out = append(out, timeKey(append([]byte(in), 0, byte(m.State)), m.Time()))
				}
				return out
			}, counter: func(e []byte) string {
				// intent 0x00 state time(8)
				cut := len(e) - 9
				return intentCounter(string(e[:cut-1]), MentionState(e[cut]))
			}},
			{name: "by polarity", prefix: [2]byte{'m', 'l'}, entries: func(m *Mention) [][]byte {
				p := PolarityOf(m)
				if p == "" || strings.IndexByte(p, 0) >= 0 {
					return nil
				}
				return [][]byte{timeKey(append([]byte(p), 0, byte(m.State)), m.Time())}
			}, counter: func(e []byte) string {
				cut := len(e) - 9
				return polarityCounter(string(e[:cut-1]), MentionState(e[cut]))
			}},
		},
		daily: mentionDaily,
	}

	peopleDef = &tableDef[Person]{
		name: "person", prefix: 'P', id: func(r *Person) *uint64 { return &r.ID },
		indexes: []index[Person]{
			{name: "by handle", prefix: [2]byte{'p', 'h'}, entries: func(p *Person) [][]byte {
				out := make([][]byte, 0, len(p.Handles))
				for _, h := range p.Handles {
					out = append(out, handleEntry(h.Platform, h.Handle))
				}
				return out
			}},
			{name: "contacts", prefix: [2]byte{'p', 'c'}, entries: func(p *Person) [][]byte {
				if !p.Contact || p.MergedInto != 0 {
					return nil
				}
				return [][]byte{{}}
			}},
			{name: "by likeness", prefix: likenessIndex, entries: likenessEntries},
			// Who was merged into whom, so that erasing a person finds the
			// people merged into them without reading everyone.
			{name: "by merged into", prefix: [2]byte{'p', 'm'}, entries: func(p *Person) [][]byte {
				if p.MergedInto == 0 {
					return nil
				}
				return [][]byte{u64(nil, p.MergedInto)}
			}},
		},
	}

	interactionsDef = &tableDef[Interaction]{
		name: "interaction", prefix: 'I', id: func(r *Interaction) *uint64 { return &r.ID },
		indexes: []index[Interaction]{
			{name: "by person", prefix: [2]byte{'i', 'p'}, entries: func(x *Interaction) [][]byte {
				if x.PersonID == 0 {
					return nil
				}
				return [][]byte{timeKey(u64(nil, x.PersonID), x.At)}
			}},
			{name: "by mention", prefix: [2]byte{'i', 'm'}, entries: func(x *Interaction) [][]byte {
				if x.MentionID == 0 {
					return nil
				}
				return [][]byte{timeKey(u64(nil, x.MentionID), x.At)}
			}},
			{name: "by time", prefix: [2]byte{'i', 't'}, entries: func(x *Interaction) [][]byte {
				return [][]byte{timeKey(nil, x.At)}
			}},
		},
	}

	tasksDef = &tableDef[Task]{
		name: "task", prefix: 'T', id: func(r *Task) *uint64 { return &r.ID },
		indexes: []index[Task]{
			{name: "by due", prefix: [2]byte{'t', 'd'}, entries: func(t *Task) [][]byte {
				return [][]byte{timeKey([]byte{boolByte(t.Done)}, t.Due)}
			}},
			{name: "by person", prefix: [2]byte{'t', 'p'}, entries: func(t *Task) [][]byte {
				if t.PersonID == 0 {
					return nil
				}
				return [][]byte{timeKey(append(u64(nil, t.PersonID), boolByte(t.Done)), t.Due)}
			}},
			{name: "by mention", prefix: [2]byte{'t', 'm'}, entries: func(t *Task) [][]byte {
				if t.MentionID == 0 {
					return nil
				}
				return [][]byte{u64(nil, t.MentionID)}
			}},
		},
	}

	rulesDef     = &tableDef[Rule]{name: "rule", prefix: 'R', id: func(r *Rule) *uint64 { return &r.ID }}
	templatesDef = &tableDef[Template]{name: "template", prefix: 'L', id: func(r *Template) *uint64 { return &r.ID }}
)

// handleEntry is the index entry for a handle: platform and handle, folded
// to lower case, each terminated by 0 so that prefixes cannot collide.
func handleEntry(platform, handle string) []byte {
	e := append([]byte(strings.ToLower(platform)), 0)
	e = append(e, strings.ToLower(strings.TrimSpace(handle))...)
	return append(e, 0)
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// Sources gives access to feeds.
func (tx *Tx) Sources() Table[Source] { return Table[Source]{tx, sourcesDef} }

// Mentions gives access to mentions (and keeps their word index when a
// splitter is installed, see SetWords).
func (tx *Tx) Mentions() Table[Mention] { return Table[Mention]{tx, tx.s.mentionsTable()} }

// People gives access to people and contacts.
func (tx *Tx) People() Table[Person] { return Table[Person]{tx, peopleDef} }

// Interactions gives access to interactions.
func (tx *Tx) Interactions() Table[Interaction] { return Table[Interaction]{tx, interactionsDef} }

// Tasks gives access to follow-ups.
func (tx *Tx) Tasks() Table[Task] { return Table[Task]{tx, tasksDef} }

// Rules gives access to watch rules.
func (tx *Tx) Rules() Table[Rule] { return Table[Rule]{tx, rulesDef} }

// Templates gives access to reply templates.
func (tx *Tx) Templates() Table[Template] { return Table[Template]{tx, templatesDef} }

// tablePrefixes lists every record table for stats, migrations and tests.
var tablePrefixes = []struct {
	name   string
	prefix byte
}{
	{"sources", 'S'},
	{"mentions", 'M'},
	{"people", 'P'},
	{"interactions", 'I'},
	{"tasks", 'T'},
	{"rules", 'R'},
	{"templates", 'L'},
	{"documents", prefixDoc},
	{"tombstones", prefixTombstone},
}

// priorityEntry appends a mention's entry in the priority indexes: its
// state, its base priority (highest first) and its time.
func priorityEntry(b []byte, m *Mention) []byte {
	b = append(b, byte(m.State))
	b = prioKey(b, m.Analysis.Priority)
	return timeKey(b, m.Time())
}

// NotAnalysed is the polarity of a mention that was not analysed (the
// inbox's filter "not analysed").
const NotAnalysed = "not analysed"

// PolarityOf is the polarity the inbox filters a mention by: its
// reading's, or NotAnalysed.
func PolarityOf(m *Mention) string {
	if !m.Analysis.Analysed {
		return NotAnalysed
	}
	return m.Analysis.Polarity
}
