package monitor

import (
	"fmt"
	"io"
	"sort"

	"github.com/rapportapp/rapport/app/listening/feed"
	"github.com/rapportapp/rapport/app/listening/opml"
	"github.com/rapportapp/rapport/app/shared/query"
	"github.com/rapportapp/rapport/storage"
)

// ImportPreview is what ImportOPML would do with a file, found without
// changing anything, so the owner can look before adding.
type ImportPreview struct {
	Title   string          // the file's own title
	Folders []PreviewFolder // the feeds to add, by folder, in file order
	// Duplicates are the feeds already watched, with the name they are
	// watched under.
	Duplicates []PreviewDuplicate
	Skipped    []opml.Skip // outlines that are not feeds, with the reason
	Problems   []string    // feeds that would be added without their rule, and why
}

// PreviewFolder is one folder of feeds to add ("" is the top level).
type PreviewFolder struct {
	Name  string
	Feeds []opml.Feed
}

// PreviewDuplicate is a feed of the file that is watched already.
type PreviewDuplicate struct {
	Feed    opml.Feed
	Watched string // the name of the source that watches it
}

// New counts the feeds that would be added.
func (p ImportPreview) New() int {
	n := 0
	for _, f := range p.Folders {
		n += len(f.Feeds)
	}
	return n
}

// PreviewOPML reads an OPML file and says which feeds ImportOPML would
// add, by folder, which are watched already and which outlines it would
// skip. It reads the sources once, so a long file costs one pass.
func (s *Service) PreviewOPML(r io.Reader) (ImportPreview, error) {
	out, err := opml.Parse(r)
	if err != nil {
		return ImportPreview{}, err
	}
	watched := map[string]string{} // normalised address → name
	err = s.p.Store.View(func(tx *storage.Tx) error {
		return tx.Sources().Each(func(src *storage.Source) error {
			if k := feed.NormalizeURL(src.URL); k != "" {
				if _, seen := watched[k]; !seen {
					watched[k] = src.Name
				}
			}
			return nil
		})
	})
	if err != nil {
		return ImportPreview{}, err
	}
	p := ImportPreview{Title: out.Title, Skipped: out.Skipped}
	folders := map[string]int{} // name → index in p.Folders
	for _, f := range out.Feeds {
		k := feed.NormalizeURL(f.URL)
		if name, dup := watched[k]; dup {
			p.Duplicates = append(p.Duplicates, PreviewDuplicate{Feed: f, Watched: name})
			continue
		}
		if k != "" {
			watched[k] = f.Title // a second copy in the file is a duplicate too
		}
		if f.Rule != "" {
			if _, err := query.Parse(f.Rule); err != nil {
				p.Problems = append(p.Problems, fmt.Sprintf("%s: would be added without its watch rule, which does not parse (%v)", f.Title, err))
			}
		}
		i, ok := folders[f.Folder]
		if !ok {
			i = len(p.Folders)
			folders[f.Folder] = i
			p.Folders = append(p.Folders, PreviewFolder{Name: f.Folder})
		}
		p.Folders[i].Feeds = append(p.Folders[i].Feeds, f)
	}
	sort.SliceStable(p.Folders, func(i, j int) bool { return p.Folders[i].Name < p.Folders[j].Name })
	return p, nil
}
