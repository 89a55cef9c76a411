package compose

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The template library's file format.
const (
	LibraryFormat  = "rapport-templates"
	LibraryVersion = 1
)

// Import limits: a library file is a few kilobytes; these keep a wrong or
// hostile file from filling memory or the template list.
const (
	MaxLibraryBytes = 2 << 20 // 2 MiB
	MaxTemplates    = 500
	MaxBodyChars    = 20000
	MaxNameChars    = 120
	MaxSubjectChars = 300
)

// Import errors: the file as a whole cannot be used.
var (
	ErrNotLibrary   = errors.New("this is not a Rapport template library")
	ErrNewerLibrary = errors.New("this template library was made by a newer Rapport")
	ErrTooLarge     = errors.New("this file is too large to be a template library")
)

// library is the file's shape.
type library struct {
	Format    string     `json:"format"`
	Version   int        `json:"version"`
	Templates []Template `json:"templates"`
}

// ExportJSON writes ts as a versioned library:
// {"format":"rapport-templates","version":1,"templates":[…]}. IDs belong
// to one database and are left out.
func ExportJSON(w io.Writer, ts []Template) error {
	lib := library{Format: LibraryFormat, Version: LibraryVersion, Templates: ts}
	if lib.Templates == nil {
		lib.Templates = []Template{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // keep "&" and "<" readable for people who open the file
	if err := enc.Encode(lib); err != nil {
		return fmt.Errorf("export templates: %w", err)
	}
	return nil
}

// ImportJSON reads a library written by ExportJSON (or by hand). The error
// is for a file that cannot be used at all; problems are per template:
// templates without a name or body, or too long, are skipped; a name that
// repeats an earlier one (ignoring case) is skipped; unknown platforms are
// cleared; unknown variables are kept but reported. Imported templates
// have no ID.
func ImportJSON(r io.Reader) ([]Template, []Problem, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxLibraryBytes+1))
	if err != nil {
		return nil, nil, fmt.Errorf("read template library: %w", err)
	}
	if len(data) > MaxLibraryBytes {
		return nil, nil, ErrTooLarge
	}
	var lib library
	if err := json.Unmarshal(data, &lib); err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrNotLibrary, err)
	}
	switch {
	case lib.Format != LibraryFormat || lib.Version < 1:
		return nil, nil, ErrNotLibrary
	case lib.Version > LibraryVersion:
		return nil, nil, ErrNewerLibrary
	case len(lib.Templates) > MaxTemplates:
		return nil, nil, fmt.Errorf("%w: it holds %d templates, at most %d can be imported at once",
			ErrTooLarge, len(lib.Templates), MaxTemplates)
	}
	return checkTemplates(lib.Templates)
}

// checkTemplates validates imported templates in order.
func checkTemplates(in []Template) ([]Template, []Problem, error) {
	var out []Template
	var probs []Problem
	seen := make(map[string]bool, len(in))
	for i, t := range in {
		t = Template{Name: strings.TrimSpace(t.Name), Subject: t.Subject, Body: t.Body, Platform: t.Platform}
		label := t.Name
		if label == "" {
			label = "#" + strconv.Itoa(i+1)
		}
		if msg := invalidTemplate(t); msg != "" {
			probs = append(probs, Problem{Kind: ProblemInvalid, Template: label, Message: msg})
			continue
		}
		key := strings.ToLower(t.Name)
		if seen[key] {
			probs = append(probs, Problem{
				Kind: ProblemDuplicate, Template: label,
				Message: fmt.Sprintf("There is already a template called %q in this file; only the first was imported.", t.Name),
			})
			continue
		}
		seen[key] = true
		if _, ok := PlatformByID(t.Platform); t.Platform != "" && !ok {
			probs = append(probs, Problem{
				Kind: ProblemPlatform, Template: label,
				Message: fmt.Sprintf("Rapport does not know the platform %q, so this template is for any platform.", t.Platform),
			})
			t.Platform = ""
		}
		probs = append(probs, templateProblems(label, t.Subject)...)
		probs = append(probs, templateProblems(label, t.Body)...)
		out = append(out, t)
	}
	return out, probs, nil
}

// invalidTemplate says why t cannot be imported, or "".
func invalidTemplate(t Template) string {
	switch {
	case t.Name == "":
		return "This template has no name, so it was skipped."
	case utf8.RuneCountInString(t.Name) > MaxNameChars:
		return fmt.Sprintf("The name is longer than %d characters, so it was skipped.", MaxNameChars)
	case strings.TrimSpace(t.Body) == "":
		return "This template has no text, so it was skipped."
	case utf8.RuneCountInString(t.Body) > MaxBodyChars:
		return fmt.Sprintf("The text is longer than %d characters, so it was skipped.", MaxBodyChars)
	case utf8.RuneCountInString(t.Subject) > MaxSubjectChars:
		return fmt.Sprintf("The subject is longer than %d characters, so it was skipped.", MaxSubjectChars)
	}
	return ""
}
