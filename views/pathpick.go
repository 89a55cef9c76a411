package views

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// pathPick asks for a file by its path, typed or pasted, with a Browse…
// button for Fyne's file dialog. That dialog cannot take a typed path (an
// open one shows the chosen name as a label, a save one joins whatever is
// typed to the folder shown: fyne-io/fyne#1098), so the path field is
// ours and the dialog only fills it.
type pathPick struct {
	Env
	title  string   // "Import contacts"
	action string   // the confirm button, "Import"
	exts   []string // accepted endings for an existing file, ".vcf"
	save   bool     // a file to write (it may exist: Rapport asks first)
	path   string   // the path offered at first
	done   func(path string)

	entry   *keyEntry
	problem *widget.Label
	replace string // a path the owner agreed to replace
	dlg     *dialog.CustomDialog
	keys    *dialogKeys
	homeDir string
}

// show opens the dialog.
func (p *pathPick) show() {
	p.homeDir, _ = os.UserHomeDir()
	p.keys = newDialogKeys()
	p.entry = p.keys.entry()
	p.entry.SetText(p.path)
	p.entry.SetPlaceHolder(p.placeholder())
	p.entry.OnChanged = func(string) { p.problem.Hide(); p.replace = "" }
	p.problem = widget.NewLabel("")
	p.problem.Wrapping = fyne.TextWrapWord
	p.problem.Importance = widget.DangerImportance
	p.problem.Hide()
	browse := widget.NewButtonWithIcon("Browse…", theme.FolderOpenIcon(), p.onBrowse)
	hint := widget.NewLabel("Type or paste the file's path (~ is your home folder), or find the file with Browse…")
	hint.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(hint, container.NewBorder(nil, nil, nil, browse, p.entry), p.problem)
	p.dlg = dialog.NewCustomWithoutButtons(p.title, p.keys.wrap(body), p.Win)
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), p.dlg.Hide)
	ok := widget.NewButtonWithIcon(p.action, theme.ConfirmIcon(), p.onConfirm)
	ok.Importance = widget.HighImportance
	p.dlg.SetButtons([]fyne.CanvasObject{cancel, ok})
	p.keys.confirm = p.onConfirm
	p.dlg.Resize(fyne.NewSize(600, 0))
	p.keys.show(p.dlg, p.Win, p.entry)
}

func (p *pathPick) placeholder() string {
	if p.save {
		return filepath.Join("~", "file"+firstOr(p.exts, ""))
	}
	return filepath.Join("~", "Downloads", "file"+firstOr(p.exts, ""))
}

func firstOr(xs []string, def string) string {
	if len(xs) > 0 {
		return xs[0]
	}
	return def
}

// onConfirm checks the path and hands it on, or says what is wrong and
// stays open.
func (p *pathPick) onConfirm() {
	path, err := resolvePath(p.entry.Text, p.homeDir)
	if err == nil {
		if p.save {
			err = checkWritable(path, p.replace == path)
		} else {
			err = checkReadable(path, p.exts)
		}
	}
	var exists *existsError
	if errors.As(err, &exists) {
		p.replace = path // the next confirm replaces it
	}
	if err != nil {
		p.problem.SetText(sentence(err.Error()))
		p.problem.Show()
		return
	}
	p.dlg.Hide()
	p.done(path)
}

// sentence starts s with a capital letter, for an error shown on its own.
func sentence(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// existsError is a file to save that exists already.
type existsError struct{ path string }

func (e *existsError) Error() string {
	return e.path + " exists already. Press Enter or the button again to replace it, or change the name."
}

// resolvePath reads a typed path: ~ is the home folder, and a path that
// is not absolute is taken from the home folder too (the app's own working
// folder means nothing to its user).
func resolvePath(typed, home string) (string, error) {
	p := strings.TrimSpace(typed)
	p = strings.Trim(p, `"'`) // pasted from a shell or a file manager
	p = strings.TrimPrefix(p, "file://")
	if p == "" {
		return "", errors.New("type the path of a file, or use Browse… to find it")
	}
	switch {
	case p == "~":
		p = home
	case strings.HasPrefix(p, "~/") || strings.HasPrefix(p, `~\`):
		p = filepath.Join(home, p[2:])
	case !filepath.IsAbs(p):
		p = filepath.Join(home, p)
	}
	return filepath.Clean(p), nil
}

func checkReadable(path string, exts []string) error {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("there is no file at %s: check the path, or use Browse… to find the file", path)
	case err != nil:
		return fmt.Errorf("%s cannot be read (%v): check the path and its permissions", path, err)
	case st.IsDir():
		return fmt.Errorf("%s is a folder: add the file's name to the path", path)
	}
	if len(exts) > 0 && !slices.Contains(exts, strings.ToLower(filepath.Ext(path))) {
		return fmt.Errorf("only %s files can be read here, and %s is not one: choose another file", orList(exts), filepath.Base(path))
	}
	return nil
}

func checkWritable(path string, replace bool) error {
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("there is no folder %s: check the path, or use Browse… to pick a folder", dir)
	}
	st, err := os.Stat(path)
	switch {
	case err == nil && st.IsDir():
		return fmt.Errorf("%s is a folder: add a file name to the path", path)
	case err == nil && !replace:
		return &existsError{path: path}
	}
	return nil
}

// orList writes ".vcf or .csv", ".a, .b or .c".
func orList(xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " or " + xs[len(xs)-1]
}

// onBrowse opens Fyne's file dialog (a folder dialog when saving, so that
// nothing is created before the owner confirms) and puts the choice in the
// path field.
func (p *pathPick) onBrowse() {
	typed, _ := resolvePath(p.entry.Text, p.homeDir)
	start := p.homeDir
	if typed != "" {
		if st, err := os.Stat(typed); err == nil && st.IsDir() {
			start = typed
		} else if st, err := os.Stat(filepath.Dir(typed)); err == nil && st.IsDir() {
			start = filepath.Dir(typed)
		}
	}
	var d *dialog.FileDialog
	if p.save {
		name := filepath.Base(typed)
		if typed == "" {
			name = filepath.Base(p.path)
		}
		d = dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
			if err == nil && dir != nil {
				p.entry.SetText(filepath.Join(dir.Path(), name))
			}
			p.Win.Canvas().Focus(p.entry)
		}, p.Win)
	} else {
		d = dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err == nil && r != nil {
				p.entry.SetText(r.URI().Path())
				_ = r.Close()
			}
			p.Win.Canvas().Focus(p.entry)
		}, p.Win)
		if len(p.exts) > 0 {
			d.SetFilter(storage.NewExtensionFileFilter(p.exts))
		}
	}
	if dir, err := storage.ListerForURI(storage.NewFileURI(start)); err == nil {
		d.SetLocation(dir)
	}
	size := p.Win.Canvas().Size()
	d.Resize(fyne.NewSize(max(600, size.Width*0.85), max(420, size.Height*0.85)))
	d.Show()
}
