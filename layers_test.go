package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/rapportapp/rapport"

// pkgImports maps each package of the module (relative path) to the
// module's packages it imports, tests left out.
func pkgImports(t *testing.T) map[string][]string {
	t.Helper()
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	graph := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		pkg := rel(f[0])
		graph[pkg] = nil
		for _, imp := range f[1:] {
			if strings.HasPrefix(imp, module) {
				graph[pkg] = append(graph[pkg], rel(imp))
			}
		}
	}
	return graph
}

func rel(path string) string {
	if path == module {
		return "."
	}
	return strings.TrimPrefix(path, module+"/")
}

// layer names the layer a package belongs to: storage ← app ← views ←
// main. assets and scripts stand apart.
func layer(pkg string) int {
	switch {
	case pkg == "storage":
		return 0
	case strings.HasPrefix(pkg, "app/") || pkg == "app":
		return 1
	case pkg == "views":
		return 2
	case pkg == ".":
		return 3
	}
	return -1
}

// TestLayers reads the import graph and checks the layer rule: storage ←
// app ← views ← main.go, nothing imports upward, storage and app never
// import Fyne, and the front ends (views, app/frontends/cli,
// app/frontends/desk) do not import each other.
func TestLayers(t *testing.T) {
	graph := pkgImports(t)
	frontEnds := []string{"views", "app/frontends/cli", "app/frontends/desk"}
	for pkg, imps := range graph {
		for _, imp := range imps {
			if lp, li := layer(pkg), layer(imp); lp >= 0 && li >= 0 && li > lp {
				t.Errorf("%s imports %s: an import upward (storage ← app ← views ← main.go)", pkg, imp)
			}
			if slices.Contains(frontEnds, pkg) && slices.Contains(frontEnds, imp) {
				t.Errorf("front end %s imports front end %s", pkg, imp)
			}
		}
	}
	out, err := exec.Command("go", "list", "-deps", "-f", `{{.ImportPath}}`, "./storage", "./app/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.HasPrefix(dep, "fyne.io/") {
			t.Errorf("storage or app depends on %s: only views may use Fyne", dep)
		}
	}
	if len(graph) < 20 {
		t.Fatalf("read only %d packages: the graph is wrong", len(graph))
	}
}

// TestNoExportedMutableState finds exported package-level variables in the
// module's non-test code: state a test or a caller could change for the
// whole process. Error values (Err…) are the accepted exception.
func TestNoExportedMutableState(t *testing.T) {
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "bin") && path != "." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			g, ok := decl.(*ast.GenDecl)
			if !ok || g.Tok != token.VAR {
				continue
			}
			for _, spec := range g.Specs {
				for _, name := range spec.(*ast.ValueSpec).Names {
					if name.IsExported() && !strings.HasPrefix(name.Name, "Err") {
						t.Errorf("%s: exported package variable %s", fset.Position(name.Pos()), name.Name)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
