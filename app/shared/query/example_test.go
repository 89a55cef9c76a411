package query_test

import (
	"errors"
	"fmt"

	"github.com/rapportapp/rapport/app/shared/query"
)

func ExampleParse() {
	q, err := query.Parse(`Title:(Espresso OR latte) "Cold Brew" NOT decaf`)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(q)
	fmt.Println(q.Terms())
	// Output:
	// title:(espresso OR latte) "cold brew" -decaf
	// [espresso latte cold brew]
}

func ExampleParse_error() {
	_, err := query.Parse(`coffee "cold brew`)
	var se *query.SyntaxError
	if errors.As(err, &se) {
		fmt.Println(se.Col, se.Msg)
	}
	fmt.Println(err)
	// Output:
	// 8 missing closing quote for the phrase that starts here
	// col 8: missing closing quote for the phrase that starts here
}

func ExampleQuery_MatchSpans() {
	d := &query.Doc{Title: "Best CAFÉ au lait in town"}
	ok, spans := query.MustParse(`café OR "au lait"`).MatchSpans(d)
	fmt.Println(ok)
	for _, s := range spans {
		fmt.Printf("%s %d-%d %q\n", s.Field, s.Start, s.End, d.Title[s.Start:s.End])
	}
	// Output:
	// true
	// title 5-10 "CAFÉ"
	// title 11-18 "au lait"
}

func ExamplePrepared() {
	rules := []*query.Query{
		query.MustParse("coffee -decaf"),
		query.MustParse("site:reddit.com espresso"),
		query.MustParse(`"cold brew" NEAR/3 aroma`),
	}
	p := query.Prepare(&query.Doc{
		Text: "The cold brew at Café Aroma beats any coffee in town.",
		Link: "https://www.reddit.com/r/coffee/1",
	})
	for _, q := range rules {
		fmt.Println(q, "→", q.MatchPrepared(p))
	}
	// Output:
	// coffee -decaf → true
	// site:reddit.com espresso → false
	// "cold brew" NEAR/3 aroma → true
}

func ExampleTokenize() {
	for _, t := range query.Tokenize("Don't miss Maria's #ColdBrew ☕") {
		fmt.Printf("%d %q alt=%q [%d:%d]\n", t.Pos, t.Text, t.Alt, t.Start, t.End)
	}
	// Output:
	// 0 "dont" alt="" [0:5]
	// 1 "miss" alt="" [6:10]
	// 2 "marias" alt="maria" [11:18]
	// 3 "#coldbrew" alt="" [19:28]
	// 4 "☕" alt="" [29:32]
}

func ExampleFold() {
	fmt.Println(query.Fold("Crème BRÛLÉE at the CAFÉ"))
	// Output: creme brulee at the cafe
}
