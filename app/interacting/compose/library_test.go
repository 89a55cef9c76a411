package compose

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestLibraryRoundTrip(t *testing.T) {
	in := DefaultTemplates()
	in[0].ID = 42 // IDs are local and must not travel
	var buf bytes.Buffer
	if err := ExportJSON(&buf, in); err != nil {
		t.Fatal(err)
	}
	var head struct {
		Format    string           `json:"format"`
		Version   int              `json:"version"`
		Templates []map[string]any `json:"templates"`
	}
	if err := json.Unmarshal(buf.Bytes(), &head); err != nil {
		t.Fatal(err)
	}
	if head.Format != "rapport-templates" || head.Version != 1 || len(head.Templates) != len(in) {
		t.Fatalf("header = %+v", head)
	}
	if _, ok := head.Templates[0]["id"]; ok {
		t.Error("export carries the ID")
	}
	out, probs, err := ImportJSON(&buf)
	if err != nil || len(probs) != 0 {
		t.Fatalf("import: %v, %+v", err, probs)
	}
	in[0].ID = 0
	if !reflect.DeepEqual(out, in) {
		t.Errorf("round trip changed the templates:\n%+v\n%+v", out, in)
	}
}

func TestExportEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := ExportJSON(&buf, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"templates": []`) {
		t.Errorf("export of nothing = %s", buf.String())
	}
}

func TestImportErrors(t *testing.T) {
	many := `{"format":"rapport-templates","version":1,"templates":[` +
		strings.TrimSuffix(strings.Repeat(`{"name":"x","body":"y"},`, MaxTemplates+1), ",") + `]}`
	cases := []struct {
		name, in string
		err      error
	}{
		{"not json", "hello", ErrNotLibrary},
		{"empty", "", ErrNotLibrary},
		{"wrong format", `{"format":"other","version":1,"templates":[]}`, ErrNotLibrary},
		{"no version", `{"format":"rapport-templates","templates":[]}`, ErrNotLibrary},
		{"newer version", `{"format":"rapport-templates","version":2,"templates":[]}`, ErrNewerLibrary},
		{"trailing data", `{"format":"rapport-templates","version":1,"templates":[]} {}`, ErrNotLibrary},
		{"wrong types", `{"format":"rapport-templates","version":1,"templates":{"name":1}}`, ErrNotLibrary},
		{"too many templates", many, ErrTooLarge},
		{"too large", `{"format":"rapport-templates","version":1,"templates":[{"name":"x","body":"` +
			strings.Repeat("a", MaxLibraryBytes) + `"}]}`, ErrTooLarge},
	}
	for _, c := range cases {
		_, _, err := ImportJSON(strings.NewReader(c.in))
		if !errors.Is(err, c.err) {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.err)
		}
	}
}

func TestImportProblems(t *testing.T) {
	body20k := strings.Repeat("é", MaxBodyChars)
	in := `{"format":"rapport-templates","version":1,"templates":[
		{"name":"  Thanks  ","body":"Thank you, {first_name}!"},
		{"name":"","body":"no name"},
		{"name":"Empty","body":"   "},
		{"name":"Long","body":"` + body20k + `x"},
		{"name":"Just fits","body":"` + body20k + `"},
		{"name":"thanks","body":"a duplicate, by case"},
		{"name":"Elsewhere","body":"Hi","platform":"myspace"},
		{"name":"Typo","body":"Hi {frist_name}","subject":"About {brand"},
		{"name":"Mail","body":"Hi","platform":"email","subject":"Re: {brand}","future_field":true}
	]}`
	got, probs, err := ImportJSON(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tp := range got {
		names = append(names, tp.Name+"/"+tp.Platform)
	}
	wantNames := []string{"Thanks/", "Just fits/", "Elsewhere/", "Typo/", "Mail/email"}
	if !reflect.DeepEqual(names, wantNames) {
		t.Errorf("imported %v, want %v", names, wantNames)
	}
	var kinds []string
	for _, p := range probs {
		kinds = append(kinds, p.Kind+"@"+p.Template)
		if p.Message == "" {
			t.Errorf("problem without message: %+v", p)
		}
	}
	wantKinds := []string{
		"invalid@#2", "invalid@Empty", "invalid@Long", "duplicate@thanks",
		"platform@Elsewhere", "brace@Typo", "unknown@Typo",
	}
	if !reflect.DeepEqual(kinds, wantKinds) {
		t.Errorf("problems %v, want %v", kinds, wantKinds)
	}
}
