package compose

import (
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/rapportapp/rapport/app/understanding/analyze"
)

var (
	analyzerOnce sync.Once
	analyzer     *analyze.Analyzer
)

// testAnalyzer is shared: building one reads the lexicons.
func testAnalyzer() *analyze.Analyzer {
	analyzerOnce.Do(func() { analyzer = analyze.New(analyze.DefaultConfig()) })
	return analyzer
}

// flagKinds lists a report's flags as "kind:text", sorted.
func flagKinds(r ToneReport) []string {
	var out []string
	for _, f := range r.Flags {
		out = append(out, f.Kind+":"+f.Text)
	}
	sort.Strings(out)
	return out
}

// toneCases are drafts and the flags they should raise, as "kind:text".
var toneCases = []struct {
	name, text string
	want       []string
}{
	// shouting
	{"short emphasis is fine", "I'm SO sorry, Ana. I'll send a new one today.", nil},
	{"thank you in capitals shouts", "THANK YOU", []string{"shouting:THANK YOU"}},
	{"one loud run", "THANK YOU so much for coming in today, Ana", []string{"shouting:THANK YOU"}},
	{"mostly capitals", "WE ARE SO SORRY ABOUT THIS, we will fix it", []string{"shouting:WE ARE SO SORRY ABOUT THIS"}},
	{"three short words", "Hope you enjoy it. GET IT NOW", []string{"shouting:GET IT NOW"}},
	{"acronyms are not shouting", "Our FAQ has it, and we'll reply ASAP. OK?", nil},
	{"handles are not shouting", "Thanks @ACME_HQ and @BEANS@mas.to for the help", nil},
	{"codes are not shouting", "Thanks! Your order number is ORDER12345 and the size is XXL", nil},
	// exclamation marks
	{"double bang", "Thanks so much!!", []string{"exclamation:!!"}},
	{"interrobang run", "You did what?!!", []string{"exclamation:?!!"}},
	{"one bang with question", "Really?! Thanks for telling us.", nil},
	{"double exclamation mark character", "Thanks‼", []string{"exclamation:‼"}},
	{"three singles are fine", "Thanks! Lovely! See you!", nil},
	{"fourth single", "Thanks! Lovely! See you! Bye!", []string{"exclamation:!"}},
	// hard sell
	{"buy now", "Thanks for asking — buy now while it lasts", []string{"hard-sell:buy now"}},
	{"dont miss without apostrophe", "Thanks! Dont miss the new menu", []string{"hard-sell:Dont miss"}},
	{"curly apostrophe", "Thanks — don’t miss it", []string{"hard-sell:don’t miss"}},
	{"percent off", "Thanks, here's 20% off", []string{"hard-sell:20% off"}},
	{"only n left", "Thanks! Only 3 left", []string{"hard-sell:Only 3 left"}},
	{"use code", "Sorry about that, use code SORRY10 next time", []string{"hard-sell:use code"}},
	{"limited time", "Thanks! Limited-time blend", []string{"hard-sell:Limited-time"}},
	{"guarantee in an apology is fine", "I'm sorry, I can't guarantee it, but I'll try", nil},
	{"open now is fine", "Yes, we're open now until 6", nil},
	// links and hashtags
	{"one link", "Here's our menu: https://northside.example/menu", nil},
	{"two links", "Here's the menu https://a.example/1 and https://b.example/2", []string{"links:https://b.example/2"}},
	{"bare domains count", "Thanks! See a.com and b.com", []string{"links:b.com"}},
	{"two hashtags", "Thanks! #coffee #local", nil},
	{"three hashtags", "Thanks! #coffee #local #smallbiz", []string{"hashtags:#smallbiz"}},
	{"not hashtags", "Thanks! C# and #1 and &#39; and https://x.example/#a #b", nil},
	// ask before give
	{"ask first", "Leave us a review!", []string{"ask-before-give:Leave us a review"}},
	{"ask before thanks", "Follow us for more. Thanks!", []string{"ask-before-give:Follow us"}},
	{"thanks then ask", "Thanks so much for the kind words! If you have a minute, would you leave us a review?", nil},
	{"thanks for following is not an ask", "Thanks for following us", nil},
	{"apology then dm", "Sorry about that. Please DM us your order number and I'll fix it.", nil},
	{"dm first", "DM us your order number.", []string{"ask-before-give:DM us"}},
	{"answer then ask", "Yes, you can order online at our site. Sign up for updates if you like.", nil},
	// sentiment
	{"negative draft", "That's not true. Your complaint is ridiculous and rude.", []string{"negative:rude"}},
	{"apology with next step", "I'm sorry, that's awful. I'll send you a replacement today.", nil},
	{"apology without next step", "I'm sorry, that's awful and disappointing.", []string{"negative:disappointing"}},
	// a bit of everything
	{
		"advert", "GET IT NOW!!! Use code SAVE20 for 20% off at https://shop.example and example.com/deals #sale #coffee #deal",
		[]string{
			"exclamation:!!!", "hard-sell:20% off", "hard-sell:Use code",
			"hashtags:#deal", "links:example.com/deals", "shouting:GET IT NOW",
		},
	},
}

func TestTone(t *testing.T) {
	a := testAnalyzer()
	for _, c := range toneCases {
		t.Run(c.name, func(t *testing.T) {
			r := Tone(c.text, a)
			if got := flagKinds(r); !reflect.DeepEqual(got, c.want) {
				t.Errorf("Tone(%q) flags = %q, want %q", c.text, got, c.want)
			}
			checkReport(t, c.text, r)
		})
	}
}

// checkReport checks what must hold for every report.
func checkReport(t *testing.T, text string, r ToneReport) {
	t.Helper()
	if r.Sentiment < -1 || r.Sentiment > 1 {
		t.Errorf("sentiment %v out of range", r.Sentiment)
	}
	for i, f := range r.Flags {
		if f.Start < 0 || f.End > len(text) || f.Start >= f.End || f.Text != text[f.Start:f.End] || f.Advice == "" {
			t.Errorf("bad flag %+v", f)
		}
		if i > 0 && r.Flags[i-1].Start > f.Start {
			t.Errorf("flags out of order: %+v", r.Flags)
		}
	}
}

func TestToneAdvice(t *testing.T) {
	r := Tone("THANK YOU", nil)
	if len(r.Flags) != 1 || !strings.Contains(r.Flags[0].Advice, "“Thank you”") {
		t.Errorf("advice = %+v", r.Flags)
	}
	r = Tone("Thanks, buy now", nil)
	if len(r.Flags) != 1 || !strings.Contains(r.Flags[0].Advice, "“buy now”") {
		t.Errorf("advice = %+v", r.Flags)
	}
}

func TestToneSentiment(t *testing.T) {
	a := testAnalyzer()
	if r := Tone("Thank you so much, we loved having you!", a); r.Polarity != "positive" || r.Sentiment <= 0.3 {
		t.Errorf("positive draft: %+v", r)
	}
	if r := Tone("Thank you so much, we loved having you!", nil); r.Polarity != "" || r.Sentiment != 0 {
		t.Errorf("without analyser: %+v", r)
	}
}

func TestToneOptions(t *testing.T) {
	text := "Here's the menu https://a.example/1 and the map https://b.example/2. Love, ROASTCO"
	if got := flagKinds(ToneWith(text, nil, ToneOptionsFor(PlatformEmail))); !reflect.DeepEqual(got, []string{"shouting:ROASTCO"}) {
		t.Errorf("email allows two links: %q", got)
	}
	if got := flagKinds(ToneWith(text, nil, ToneOptionsFor(PlatformX))); !reflect.DeepEqual(got, []string{"links:https://b.example/2", "shouting:ROASTCO"}) {
		t.Errorf("x: %q", got)
	}
	o := ToneOptionsFor(PlatformEmail)
	o.Acronyms = []string{"RoastCo"}
	if got := flagKinds(ToneWith(text, nil, o)); got != nil {
		t.Errorf("brand as acronym: %q", got)
	}
}

// TestDefaultTemplates checks the starter library: the right size, known
// variables, short enough for X and calm by our own tone check.
func TestDefaultTemplates(t *testing.T) {
	ts := DefaultTemplates()
	if len(ts) < 6 || len(ts) > 8 {
		t.Errorf("%d default templates", len(ts))
	}
	a := testAnalyzer()
	names := map[string]bool{}
	for _, tp := range ts {
		if names[tp.Name] || tp.Name == "" {
			t.Errorf("bad or repeated name %q", tp.Name)
		}
		names[tp.Name] = true
		body, probs := Render(tp.Body, fullVars())
		_, sprobs := Render(tp.Subject, fullVars())
		if len(probs)+len(sprobs) > 0 {
			t.Errorf("%s: %+v %+v", tp.Name, probs, sprobs)
		}
		if r := Tone(body, a); len(r.Flags) > 0 { // an apology may sit just below 0
			t.Errorf("%s: tone %+v", tp.Name, r)
		}
		if c := Count(PlatformX, body); tp.Platform == "" && c.State != StateOK {
			t.Errorf("%s: %d on X", tp.Name, c.Used)
		}
	}
}

// TestConcurrentUse runs the checks from several goroutines, as a UI
// with more than one composer open would (run with -race).
func TestConcurrentUse(t *testing.T) {
	a := testAnalyzer()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			c := toneCases[i%len(toneCases)]
			for range 20 {
				if got := flagKinds(Tone(c.text, a)); !reflect.DeepEqual(got, c.want) {
					t.Errorf("%s: %q", c.name, got)
				}
				Count(Platforms()[i%len(platforms)].ID, c.text)
			}
		})
	}
	wg.Wait()
}
