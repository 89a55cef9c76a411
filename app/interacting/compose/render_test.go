package compose

import (
	"reflect"
	"strings"
	"testing"

	"github.com/rapportapp/rapport/storage"
)

func fullVars() Vars {
	return Vars{
		FirstName: "Ana", Name: "Ana Silva", AuthorHandle: "@ana@mas.to", Brand: "Northside",
		Product: "the oat flat white", Link: "https://mas.to/@ana/1", Owner: "Sam",
		OwnerEmail: "sam@northside.example", ReviewLink: "https://g.page/r/northside",
		Platform: "Mastodon", Today: "2 May",
	}
}

func TestRender(t *testing.T) {
	cases := []struct {
		name, tmpl string
		vars       Vars
		want       string
		problems   []string // kind:var
	}{
		{
			"all variables",
			"{first_name}|{name}|{author_handle}|{brand}|{product}|{link}|{owner}|{owner_email}|{review_link}|{platform}|{today}",
			fullVars(),
			"Ana|Ana Silva|@ana@mas.to|Northside|the oat flat white|https://mas.to/@ana/1|Sam|sam@northside.example|https://g.page/r/northside|Mastodon|2 May",
			nil,
		},
		{"no variables", "Thanks so much!", Vars{}, "Thanks so much!", nil},
		{"escaped braces", "{{first_name}} and }} {{", fullVars(), "{first_name} and } {", nil},
		{"lone closing brace", "smile :-} {first_name}", fullVars(), "smile :-} Ana", nil},
		{"missing value", "Hi {first_name}, from {owner}", Vars{Owner: "Sam"}, "Hi [first name], from Sam", []string{"missing:first_name"}},
		{"missing twice", "{brand} {brand}", Vars{}, "[brand] [brand]", []string{"missing:brand", "missing:brand"}},
		{"unknown kept", "Hi {frist_name}!", fullVars(), "Hi {frist_name}!", []string{"unknown:frist_name"}},
		{"empty braces", "a {} b", fullVars(), "a {} b", []string{"unknown:"}},
		{"forgiving names", "{ First Name }, {FIRST-NAME}, {firstname}", fullVars(), "Ana, Ana, Ana", nil},
		{"aliases", "{url} {date} {handle} {email}", fullVars(), "https://mas.to/@ana/1 2 May @ana@mas.to sam@northside.example", nil},
		{"no double expansion", "Hi {first_name} at {brand}", Vars{FirstName: "{brand}", Brand: "{{x}}"}, "Hi {brand} at {{x}}", nil},
		{"unicode around", "¡Hola {first_name}! 👋 {owner}", Vars{FirstName: "Zoë", Owner: "Søren"}, "¡Hola Zoë! 👋 Søren", nil},
		{"unmatched open", "Price {", fullVars(), "Price {", []string{"brace:"}},
		{"unclosed variable", "Hi {first_name, thanks", fullVars(), "Hi {first_name, thanks", []string{"brace:"}},
		{"brace across lines", "{first\nname}", fullVars(), "{first\nname}", []string{"brace:"}},
		{"too long to be a variable", "{" + strings.Repeat("a", 50) + "}", fullVars(), "{" + strings.Repeat("a", 50) + "}", []string{"brace:"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, probs := Render(c.tmpl, c.vars)
			if got != c.want {
				t.Errorf("Render(%q) = %q, want %q", c.tmpl, got, c.want)
			}
			var kinds []string
			for _, p := range probs {
				kinds = append(kinds, p.Kind+":"+p.Var)
				if p.Start < 0 || p.End > len(got) || p.Start >= p.End || p.Message == "" {
					t.Errorf("bad problem %+v in %q", p, got)
				}
			}
			if !reflect.DeepEqual(kinds, c.problems) {
				t.Errorf("problems = %v, want %v", kinds, c.problems)
			}
		})
	}
}

func TestRenderProblemOffsets(t *testing.T) {
	out, probs := Render("¡Hola {first_name}! Soy {frist}.", Vars{})
	if len(probs) != 2 {
		t.Fatalf("problems = %+v", probs)
	}
	if s := out[probs[0].Start:probs[0].End]; s != "[first name]" {
		t.Errorf("missing placeholder at offsets = %q", s)
	}
	if s := out[probs[1].Start:probs[1].End]; s != "{frist}" {
		t.Errorf("unknown placeholder at offsets = %q", s)
	}
	if !strings.Contains(probs[1].Message, "{first_name}") {
		t.Errorf("no suggestion in %q", probs[1].Message)
	}
}

func TestVariables(t *testing.T) {
	vs := Variables()
	seen := map[string]bool{}
	for _, v := range vs {
		if seen[v.Name] || v.Label == "" || v.Description == "" {
			t.Errorf("bad or repeated variable %+v", v)
		}
		seen[v.Name] = true
		if _, probs := Render("{"+v.Name+"}", fullVars()); len(probs) != 0 {
			t.Errorf("{%s} does not render: %+v", v.Name, probs)
		}
	}
	for _, name := range []string{"first_name", "name", "brand", "product", "link", "owner", "author_handle", "platform", "today"} {
		if !seen[name] {
			t.Errorf("missing variable %s", name)
		}
	}
	for alias, name := range aliases {
		if !seen[name] || seen[alias] {
			t.Errorf("alias %s → %s is broken", alias, name)
		}
	}
}

func TestTemplateRecord(t *testing.T) {
	r := storage.Template{ID: 7, Name: "Thanks", Subject: "Hi", Body: "Thank you, {first_name}!", Platform: PlatformX}
	if got := FromRecord(r).ToRecord(); got != r {
		t.Errorf("round trip = %+v, want %+v", got, r)
	}
}
