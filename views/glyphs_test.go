package views

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/go-text/typesetting/font"

	"github.com/rapportapp/rapport/assets"
)

// isEmoji reports runes the emoji font draws, not the text font (and the
// replacement character, which the code only compares against).
func isEmoji(r rune) bool {
	return r == unicode.ReplacementChar || r >= 0x1F000 || (r >= 0x2600 && r <= 0x27BF && r != '✓' && r != '✔') || r == 0xFE0F || r == 0x200D
}

// TestEveryUICharacterHasAGlyph reads every string literal of the app's
// own code (screens, engine messages, help texts) and checks that each
// character outside ASCII is in the text font in all four styles. A
// character only a fallback font has is drawn in that font, and Fyne then
// draws the space after it from the same fallback font — "new →�" was that.
func TestEveryUICharacterHasAGlyph(t *testing.T) {
	used := map[rune][]string{}
	fset := token.NewFileSet()
	for _, root := range []string{".", "../app"} {
		err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || strings.Contains(path, "testdata") {
				return err
			}
			if strings.Contains(path, filepath.Join("integrating", "report")) {
				return nil // writes HTML and Markdown files, which the reader's own fonts draw
			}
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				return err
			}
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					return true
				}
				for _, r := range s {
					if r > unicode.MaxASCII && unicode.IsPrint(r) && !isEmoji(r) && len(used[r]) < 3 {
						used[r] = append(used[r], fset.Position(lit.Pos()).String())
					}
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(used) < 5 {
		t.Fatalf("found only %d characters: the walk is wrong", len(used))
	}
	for i := range 4 {
		name, data := assets.Font(i&1 == 1, i&2 == 2)
		face, err := font.ParseTTF(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for r, where := range used {
			if _, ok := face.NominalGlyph(r); !ok {
				t.Errorf("%s has no %q (U+%04X), used at %s", name, r, r, strings.Join(where, ", "))
			}
		}
	}
}
