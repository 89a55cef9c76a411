package monitor

import (
	"strings"
	"testing"

	"github.com/rapportapp/rapport/storage"
)

const previewOPML = `<?xml version="1.0"?>
<opml version="2.0" xmlns:rapport="https://rapport.app/opml"><head><title>My feeds</title></head><body>
  <outline text="Coffee">
    <outline text="Sprudge" type="rss" xmlUrl="https://sprudge.com/feed"/>
    <outline text="Daily Coffee News" type="rss" xmlUrl="https://dailycoffeenews.com/feed/"/>
  </outline>
  <outline text="Top level blog" type="rss" xmlUrl="https://blog.example/rss"/>
  <outline text="Watched already" type="rss" xmlUrl="https://E.com/watched.xml"/>
  <outline text="Bad rule" type="rss" xmlUrl="https://rules.example/feed" rapport:rule="&quot;open"/>
  <outline text="Just a note"/>
</body></opml>`

func TestPreviewOPMLChangesNothing(t *testing.T) {
	// Given one source already watched
	s, w := setup(t)
	_ = w.Store.Update(func(tx *storage.Tx) error {
		return tx.Sources().Put(&storage.Source{Name: "Mine", URL: "https://e.com/watched.xml"})
	})
	// When the owner previews a file
	p, err := s.PreviewOPML(strings.NewReader(previewOPML))
	if err != nil {
		t.Fatal(err)
	}
	// Then it lists the new feeds by folder, the duplicate with the name
	// it is watched under, the skipped outline and the rule problem
	if p.Title != "My feeds" || p.New() != 4 || len(p.Folders) != 2 {
		t.Fatalf("preview %+v", p)
	}
	if p.Folders[0].Name != "" || p.Folders[1].Name != "Coffee" || len(p.Folders[1].Feeds) != 2 {
		t.Errorf("folders %+v", p.Folders)
	}
	if len(p.Duplicates) != 1 || p.Duplicates[0].Watched != "Mine" {
		t.Errorf("duplicates %+v", p.Duplicates)
	}
	if len(p.Skipped) != 1 || len(p.Problems) != 1 || !strings.Contains(p.Problems[0], "Bad rule") {
		t.Errorf("skipped %+v problems %q", p.Skipped, p.Problems)
	}
	// And nothing was added
	vs, _ := s.List()
	if len(vs) != 1 {
		t.Errorf("%d sources after a preview", len(vs))
	}
	// And the import then does what the preview said
	res, err := s.ImportOPML(strings.NewReader(previewOPML))
	if err != nil || len(res.Added) != p.New() || len(res.Duplicates) != len(p.Duplicates) {
		t.Errorf("import added %d, %d duplicates, %v", len(res.Added), len(res.Duplicates), err)
	}
}
