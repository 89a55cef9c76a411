package contactio

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rapportapp/rapport/storage"
)

// h is a short way to write a handle.
func h(platform, handle string) storage.Handle {
	return storage.Handle{Platform: platform, Handle: handle}
}

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// checkContacts compares contacts field by field, so a failure names the
// contact and the field.
func checkContacts(t *testing.T, got, want []Contact) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d contacts, want %d:\n%s", len(got), len(want), dump(got))
		return
	}
	for i := range want {
		g, w := reflect.ValueOf(got[i]), reflect.ValueOf(want[i])
		for f := 0; f < g.NumField(); f++ {
			if !reflect.DeepEqual(g.Field(f).Interface(), w.Field(f).Interface()) {
				t.Errorf("contact %d (%s) %s = %#v, want %#v", i, want[i].Name, g.Type().Field(f).Name,
					g.Field(f).Interface(), w.Field(f).Interface())
			}
		}
	}
}

// checkProblems checks that the problems are, in order, on the given
// lines and contain the given words.
func checkProblems(t *testing.T, got []Problem, want []Problem) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d problems, want %d: %v", len(got), len(want), got)
		return
	}
	for i := range want {
		if got[i].Line != want[i].Line || !strings.Contains(got[i].Msg, want[i].Msg) {
			t.Errorf("problem %d = %q, want line %d with %q", i, got[i], want[i].Line, want[i].Msg)
		}
	}
}

func dump(cs []Contact) string {
	var b strings.Builder
	for _, c := range cs {
		fmt.Fprintf(&b, "%+v\n", c)
	}
	return b.String()
}

// withoutLines returns the contacts with Line cleared, for round trips.
func withoutLines(cs []Contact) []Contact {
	out := make([]Contact, len(cs))
	for i, c := range cs {
		c.Line = 0
		out[i] = c
	}
	return out
}
