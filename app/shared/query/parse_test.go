package query

import (
	"errors"
	"strings"
	"testing"
)

func TestParseCanonical(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src, want string
	}{
		{"term", "coffee", "coffee"},
		{"term is folded", "Café", "cafe"},
		{"phrase", `"Cold Brew"`, `"cold brew"`},
		{"curly quotes", "“cold brew”", `"cold brew"`},
		{"one-word phrase is a term", `"coffee"`, "coffee"},
		{"hyphenated word is a phrase", "cold-brew", `"cold brew"`},
		{"apostrophe dropped", "don't", "dont"},
		{"implicit and", "coffee  shop", "coffee shop"},
		{"explicit and", "coffee AND shop", "coffee shop"},
		{"lower-case and is a term", "coffee and shop", "coffee and shop"},
		{"or", "coffee OR tea", "coffee OR tea"},
		{"lower-case or is a term", "coffee or tea", "coffee or tea"},
		{"not keyword", "coffee NOT decaf", "coffee -decaf"},
		{"minus term", "coffee -decaf", "coffee -decaf"},
		{"minus phrase", `coffee -"instant coffee"`, `coffee -"instant coffee"`},
		{"minus group", "coffee -(decaf OR instant)", "coffee -(decaf OR instant)"},
		{"double negation cancels", "-(-coffee)", "coffee"},
		{"not not", "NOT NOT coffee", "coffee"},
		{"and binds tighter than or", "a b OR c d", "a b OR c d"},
		{"or group needs parens under and", "(a OR b) c", "(a OR b) c"},
		{"redundant parens dropped", "((a)) (b c) d", "a b c d"},
		{"nested or flattened", "a OR (b OR c)", "a OR b OR c"},
		{"not binds tighter than and", "NOT a b", "-a b"},
		{"near default", "coffee NEAR shop", "coffee NEAR shop"},
		{"near n", "coffee NEAR/3 shop", "coffee NEAR/3 shop"},
		{"near 5 is default", "coffee NEAR/5 shop", "coffee NEAR shop"},
		{"near phrase", `"cold brew" NEAR/2 "iced"`, `"cold brew" NEAR/2 iced`},
		{"near or group", "(coffee OR espresso) NEAR/2 shop", "(coffee OR espresso) NEAR/2 shop"},
		{"not near", "NOT a NEAR b", "NOT a NEAR b"},
		{"minus near", "-a NEAR b", "NOT a NEAR b"},
		{"near inside and", "x a NEAR b y", "x a NEAR b y"},
		{"wildcard", "Roast*", "roast*"},
		{"wildcard stars collapse", "roast**", "roast*"},
		{"hashtag", "#Coffee", "#coffee"},
		{"handle", "@Jane", "@jane"},
		{"emoji", "☕", "☕"},
		{"regex", `/caf[eé]/`, `/caf[eé]/`},
		{"regex i", `/CAFE/i`, `/CAFE/i`},
		{"regex escaped slash", `/a\/b/`, `/a\/b/`},
		{"regex with spaces", `/a b/ c`, `/a b/ c`},
		{"field term", "Title:Espresso", "title:espresso"},
		{"field group", "title:(espresso OR latte)", "title:(espresso OR latte)"},
		{"field space", "title: espresso", "title:espresso"},
		{"field phrase", `author:"Jane Doe"`, `author:"jane doe"`},
		{"field regex", `source:/^Reddit/`, `source:/^Reddit/`},
		{"field wildcard", "text:roast*", "text:roast*"},
		{"negated field", "-title:decaf", "-title:decaf"},
		{"field near", "title:(a NEAR/2 b)", "title:(a NEAR/2 b)"},
		{"fielded near operands", "title:a NEAR title:b", "title:a NEAR title:b"},
		{"site", "site:Reddit.com", "site:reddit.com"},
		{"site url", "site:https://www.reddit.com/r/coffee", "site:www.reddit.com"},
		{"site wildcard host", "site:*.reddit.com", "site:reddit.com"},
		{"site phrase", `site:"reddit.com"`, "site:reddit.com"},
		{"site trailing dots", "site:0..", "site:0"}, // found by FuzzParse
		{"site group", "site:(reddit.com OR news.ycombinator.com)", "site:(reddit.com OR news.ycombinator.com)"},
		{"lang", "lang:EN", "lang:en"},
		{"lang region", "lang:pt_BR", "lang:pt-br"},
		{"unknown word with colon", "Note: coffee", "note coffee"},
		{"time", "10:30", `"10 30"`},
		{"url is a phrase", "https://example.com", `"https example com"`},
		{"quote right after word", `a"b c"`, `a "b c"`},
		{"and before group", "coffee AND(tea)", "coffee tea"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := Parse(tt.src)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.src, err)
			}
			if got := q.String(); got != tt.want {
				t.Errorf("Parse(%q).String() = %q, want %q", tt.src, got, tt.want)
			}
			again, err := Parse(q.String())
			if err != nil {
				t.Fatalf("re-parse %q: %v", q.String(), err)
			}
			if again.String() != q.String() {
				t.Errorf("round trip %q → %q", q.String(), again.String())
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src string
		col       int
		msg       string // substring of the message
	}{
		{"empty", "", 1, "empty query"},
		{"blank", "   ", 1, "empty query"},
		{"unclosed quote", `coffee "cold brew`, 8, "missing closing quote for the phrase that starts here"},
		{"stray close paren", "(a) b)", 6, `")" without a matching "("`},
		{"close paren first", ") a", 1, `")" without a matching "("`},
		{"unclosed paren", "a (b OR c", 3, `"(" is never closed`},
		{"unclosed paren at end", "a (", 3, `"(" is never closed`},
		{"empty parens", "a ()", 3, "empty parentheses"},
		{"near no left", "NEAR shop", 1, "NEAR needs a term on both sides"},
		{"near no right", "coffee NEAR", 8, "NEAR needs a term on both sides"},
		{"near n no right", "a b NEAR/2 )", 5, "NEAR needs a term on both sides"},
		{"near of not", "a NEAR -b", 3, "NEAR needs a term on both sides"},
		{"near chained", "a NEAR b NEAR c", 10, "NEAR can't be chained"},
		{"near of and", "(a b) NEAR c", 7, "NEAR only works between words"},
		{"near of regex", "/a/ NEAR c", 5, "NEAR only works between words"},
		{"near of site", "site:x.com NEAR c", 12, "NEAR only works between words"},
		{"near mixed fields", "title:a NEAR b", 9, "same field"},
		{"near bad number", "a NEAR/x b", 3, "NEAR/x needs a number"},
		{"near empty number", "a NEAR/ b", 3, "NEAR/ needs a number"},
		{"near too far", "a NEAR/101 b", 3, "the most is NEAR/100"},
		{"near huge", "a NEAR/99999999999999999999 b", 3, "the most is NEAR/100"},
		{"not after not", "a NOT", 3, "NOT needs something to leave out"},
		{"minus alone", "a - b", 3, `a "-" must be written right before`},
		{"minus at end", "a -", 3, `a "-" must be written right before`},
		{"and no left", "AND coffee", 1, "AND needs something to search on both sides"},
		{"and no right", "coffee AND", 8, "AND needs something to search on both sides"},
		{"or no right", "coffee OR", 8, "OR needs something to search on both sides"},
		{"or or", "a OR OR b", 3, "OR needs something to search on both sides"},
		{"and or", "a AND OR b", 3, "AND needs something to search on both sides"},
		{"unknown field", "coffee titel:espresso", 8, `unknown field "titel:" (did you mean title:?) — use title:`},
		{"unknown field no hint", "zzzzzz:a", 1, `unknown field "zzzzzz:" — use`},
		{"field at end", "coffee title:", 8, "title: needs something to search right after it"},
		{"field then or", "title: OR x", 1, "title: needs something"},
		{"field then minus", "title:-decaf", 1, "put the minus before the field"},
		{"nested field", "title:(a author:b)", 10, "a field can't be nested"},
		{"bad site", "site:(a b!)", 9, "site: needs a domain name"},
		{"bad lang", "lang:123", 6, "lang: needs a language code"},
		{"no letters", "coffee !!!", 8, `"!!!" has no letters or digits`},
		{"empty phrase", `a ""`, 3, "nothing to search for between these quotes"},
		{"punctuation phrase", `a "?!"`, 3, "nothing to search for between these quotes"},
		{"star alone", "a *", 3, "* needs letters or digits before it"},
		{"star inside", "ro*st", 1, "* only works at the end of a word"},
		{"leading star", "*coffee", 1, "* only works at the end of a word"},
		{"multiword wildcard", "cold-br*", 1, "a * wildcard works on a single word"},
		{"unclosed regex", "a /caf", 3, "missing closing / for the regex"},
		{"empty regex", "a //", 3, "empty regex"},
		{"invalid regex", "/a(/", 1, "invalid regex: error parsing regexp: missing closing )"},
		{"regex flag", "/a/x", 4, `unknown regex flag "x"`},
		{"regex glued", "/a/b", 4, `unknown regex flag "b"`},
		{"regex glued digit", "/a/9", 4, "put a space after the regex"},
		{"regex too long", "/" + strings.Repeat("a", MaxRegexLen+1) + "/", 1, "regex is too long (501 characters; the limit is 500)"},
		{"column counts runes", "café ) x", 6, `")" without a matching "("`},
		{"too long", strings.Repeat("a ", MaxQueryLen), 1, "query is too long"},
		{"too deep", strings.Repeat("(", MaxDepth+1) + "a" + strings.Repeat(")", MaxDepth+1), MaxDepth + 1, "too much nesting"},
		{"too many nots", strings.Repeat("NOT ", MaxDepth+1) + "a", 4*MaxDepth + 1, "too much nesting"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := Parse(tt.src)
			if err == nil {
				t.Fatalf("Parse(%q) = %q, want an error", tt.src, q)
			}
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q) error %T is not a *SyntaxError", tt.src, err)
			}
			if se.Col != tt.col || !strings.Contains(se.Msg, tt.msg) {
				t.Errorf("Parse(%q) = %q, want col %d and %q", tt.src, err, tt.col, tt.msg)
			}
			if want := "col "; !strings.HasPrefix(se.Error(), want) {
				t.Errorf("Error() = %q, want prefix %q", se.Error(), want)
			}
		})
	}
}

func TestSyntaxErrorPosIsByteOffset(t *testing.T) {
	t.Parallel()
	_, err := Parse(`café "x`)
	var se *SyntaxError
	if !errors.As(err, &se) {
		t.Fatalf("got %v, want a *SyntaxError", err)
	}
	if se.Pos != 6 || se.Col != 6 {
		t.Errorf("Pos, Col = %d, %d; want 6, 6", se.Pos, se.Col)
	}
	if got, want := se.Error(), "col 6: missing closing quote for the phrase that starts here"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestMustParsePanics(t *testing.T) {
	t.Parallel()
	defer func() {
		if recover() == nil {
			t.Error("MustParse(\"(\") did not panic")
		}
	}()
	MustParse("(")
}

func TestTerms(t *testing.T) {
	t.Parallel()
	tests := []struct {
		src  string
		want []string
	}{
		{"coffee", []string{"coffee"}},
		{`"Cold Brew" coffee -decaf`, []string{"cold", "brew", "coffee"}},
		{"roast* OR #Coffee OR roast", []string{"roast*", "#coffee", "roast"}},
		{"title:(a OR b) a NEAR c", []string{"a", "b", "c"}},
		{"-(a b) site:x.com lang:en /re/", nil},
		{"NOT a", nil},
	}
	for _, tt := range tests {
		got := MustParse(tt.src).Terms()
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Terms(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}
