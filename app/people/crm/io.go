package crm

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/rapportapp/rapport/app/people/contactio"
	"github.com/rapportapp/rapport/storage"
)

// ImportResult says what an import did.
type ImportResult struct {
	Added     int
	Suggested int // look like someone already here: offered as merge suggestions
	Problems  []contactio.Problem
}

// Format is how a contacts file is written.
type Format string

// The formats, named by file extension.
const (
	VCard Format = "vcf"
	CSV   Format = "csv"
)

// FormatOf picks the format from a file name.
func FormatOf(path string) (Format, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".vcf", ".vcard":
		return VCard, nil
	case ".csv", ".tsv", ".txt":
		return CSV, nil
	}
	return "", fmt.Errorf("%s: contacts import and export understand .vcf (vCard) and .csv files", filepath.Base(path))
}

// Import reads contacts. A contact that looks like someone already here is
// not copied: it waits as a merge suggestion with the reason, to be merged
// into that person (Accept) or added as someone new (Reject).
func (s *Service) Import(r io.Reader, f Format) (ImportResult, error) {
	var cs []contactio.Contact
	var res ImportResult
	var err error
	switch f {
	case VCard:
		cs, res.Problems, err = contactio.ReadVCards(r)
	default:
		cs, res.Problems, err = contactio.ReadCSV(r)
	}
	if err != nil {
		return res, err
	}
	var existing []storage.Person
	if err := s.p.Store.View(func(tx *storage.Tx) (err error) { existing, err = tx.People().All(); return err }); err != nil {
		return res, err
	}
	idx := contactio.NewIndex(existing)
	for start := 0; start < len(cs); start += importBatch {
		chunk := cs[start:min(start+importBatch, len(cs))]
		var added []storage.Person
		var suggested int
		err = s.p.Store.Update(func(tx *storage.Tx) error {
			added, suggested = added[:0], 0 // re-run from scratch on a conflict
			return s.importChunk(tx, chunk, idx, &added, &suggested)
		})
		if err != nil {
			return res, err
		}
		for _, p := range added {
			idx.Add(p) // later chunks are matched against this one too
		}
		res.Added += len(added)
		res.Suggested += suggested
	}
	return res, err
}

// importBatch is how many contacts share one transaction.
const importBatch = 500

// importChunk adds a chunk of contacts, holding those that match someone
// already here (or earlier in the chunk) as merge suggestions.
func (s *Service) importChunk(tx *storage.Tx, cs []contactio.Contact, idx *contactio.Index, added *[]storage.Person, suggested *int) error {
	local := contactio.NewIndex(nil)
	for _, c := range cs {
		p := c.ToPerson()
		p.Created = s.now().UTC()
		id, reason, conf := idx.Match(c)
		if id == 0 {
			id, reason, conf = local.Match(c)
		}
		if id != 0 && conf > 0 {
			*suggested++
			if err := addPending(tx, id, p, reason, conf); err != nil {
				return err
			}
			continue
		}
		if err := tx.People().Put(&p); err != nil {
			return err
		}
		local.Add(p)
		*added = append(*added, p)
	}
	return nil
}

// Pending merge suggestions made by imports, kept until merged or
// dismissed (computed suggestions find the same pairs only when their
// handles or emails meet).
const docPending = "merge-pending"

type pending struct {
	Key        string
	Existing   uint64
	Incoming   storage.Person
	Reason     string
	Confidence float64
}

func loadPending(tx *storage.Tx) ([]pending, error) {
	var ps []pending
	_, err := tx.GetDoc(docPending, &ps)
	return ps, err
}

func addPending(tx *storage.Tx, existing uint64, p storage.Person, reason string, conf float64) error {
	ps, err := loadPending(tx)
	if err != nil {
		return err
	}
	n := 1
	for _, x := range ps {
		var k int
		if _, err := fmt.Sscanf(x.Key, "import/%d", &k); err == nil && k >= n {
			n = k + 1
		}
	}
	ps = append(ps, pending{Key: fmt.Sprintf("import/%d", n), Existing: existing, Incoming: p, Reason: "imported contact: " + reason, Confidence: conf})
	return tx.PutDoc(docPending, ps)
}

// takePending removes and returns a pending import by key.
func takePending(tx *storage.Tx, key string) (pending, bool, error) {
	ps, err := loadPending(tx)
	if err != nil {
		return pending{}, false, err
	}
	for i, p := range ps {
		if p.Key == key {
			ps = append(ps[:i], ps[i+1:]...)
			return p, true, tx.PutDoc(docPending, ps)
		}
	}
	return pending{}, false, nil
}

// Export writes every contact.
func (s *Service) Export(w io.Writer, f Format) (int, error) {
	var cs []contactio.Contact
	err := s.p.Store.View(func(tx *storage.Tx) error {
		return tx.People().Each(func(p *storage.Person) error {
			if p.Contact && p.MergedInto == 0 {
				cs = append(cs, contactio.FromPerson(*p))
			}
			return nil
		})
	})
	if err != nil {
		return 0, err
	}
	if f == VCard {
		return len(cs), contactio.WriteVCards(w, cs, "4.0")
	}
	return len(cs), contactio.WriteCSV(w, cs)
}
