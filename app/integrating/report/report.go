// Package report writes the one-page weekly report of a period: the
// numbers against the period before, the charts, top praise and issues,
// advocates to thank, experiments and their state, and learnings. As a
// self-contained HTML file (charts are inline SVG, styles inline, prints
// on one or two pages) and as Markdown for an email.
package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/rapportapp/rapport/app/integrating/experiments"
	"github.com/rapportapp/rapport/app/integrating/ideas"
	"github.com/rapportapp/rapport/app/integrating/insights"
)

// Data is what a report shows.
type Data struct {
	Business    string
	Insights    *insights.Insights
	Experiments []experiments.Result
	Learnings   []ideas.Idea // ideas learned or done
}

// line is one "figure: now (before)" row of the numbers table.
type line struct{ name, now, before, change string }

func numbers(in *insights.Insights) []line {
	t, p := in.Totals, in.PreviousTotals
	pct := func(f float64) string { return fmt.Sprintf("%.0f %%", 100*f) }
	return []line{
		{"Mentions", fmt.Sprint(t.Mentions), fmt.Sprint(p.Mentions), change(float64(t.Mentions), float64(p.Mentions))},
		{"Mean sentiment", fmt.Sprintf("%+.2f", t.MeanSentiment), fmt.Sprintf("%+.2f", p.MeanSentiment), fmt.Sprintf("%+.2f", t.MeanSentiment-p.MeanSentiment)},
		{"Negative", pct(t.ShareNegative), pct(p.ShareNegative), ""},
		{"Positive", pct(t.SharePositive), pct(p.SharePositive), ""},
		{"Answered", fmt.Sprint(in.Response.Answered), "", ""},
		{"First answer, median", orDash(in.Response.Answered > 0, minutes(in.Response.MedianMinutes)), "", ""},
		{"Answered within 1 h", pct(in.Response.ShareWithin1h), "", ""},
		{"Waiting now", fmt.Sprint(in.Response.Waiting.Count), "", ""},
		{"Brand promise at odds", pct(in.Promise.ShareAtOdds), "", ""},
		{"Gives / gets", fmt.Sprintf("%d / %d", in.People.Gives, in.People.Gets), "", ""},
	}
}

// orDash is s, or a dash when there is nothing to measure.
func orDash(ok bool, s string) string {
	if !ok {
		return "—"
	}
	return s
}

func change(now, before float64) string {
	if before == 0 {
		return ""
	}
	return fmt.Sprintf("%+.0f %%", 100*(now-before)/before)
}

func minutes(m int64) string {
	switch {
	case m < 60:
		return fmt.Sprintf("%d min", m)
	case m < 48*60:
		return fmt.Sprintf("%.1f h", float64(m)/60)
	}
	return fmt.Sprintf("%.1f days", float64(m)/1440)
}

// Markdown writes the report as Markdown.
func Markdown(w io.Writer, d Data) error {
	in := d.Insights
	var b strings.Builder
	fmt.Fprintf(&b, "# %s — week report %s to %s\n\n", d.Business, in.From, in.To)
	if in.Empty {
		b.WriteString("_No mentions in this period._\n\n")
	}
	b.WriteString("| | this period | before | change |\n|---|---:|---:|---:|\n")
	for _, l := range numbers(in) {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", l.name, l.now, l.before, l.change)
	}
	b.WriteString("\n## Mentions per day\n\n")
	for _, day := range in.Days {
		fmt.Fprintf(&b, "    %s %-30s %d\n", day.Day, strings.Repeat("█", int(min(30, day.Mentions))), day.Mentions)
	}
	quotes(&b, "Top praise", in.Praise)
	quotes(&b, "Top issues", in.Issues)
	b.WriteString("\n## Touch points\n\n")
	for _, tp := range in.TouchPoints {
		flag := ""
		if tp.Worse {
			flag = " — **getting worse**"
		}
		fmt.Fprintf(&b, "- **%s**: %d mentions (%d before), sentiment %+.2f%s\n", tp.Key, tp.Mentions, tp.Previous.Mentions, tp.MeanSentiment, flag)
	}
	b.WriteString("\n## Advocates to thank\n\n")
	for _, p := range in.People.Thank {
		fmt.Fprintf(&b, "- %s — %d gets (%s)\n", p.Name, p.Gets, p.Why)
	}
	if len(in.People.Thank) == 0 {
		b.WriteString("_Nobody gave this period._\n")
	}
	b.WriteString("\n## Experiments\n\n")
	for _, e := range d.Experiments {
		fmt.Fprintf(&b, "- **%s** (%s): %s\n", e.Name, e.State, e.Sentence)
	}
	b.WriteString("\n## Learnings\n\n")
	for _, l := range d.Learnings {
		fmt.Fprintf(&b, "- %s (%s)\n", l.Title, l.Stage)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func quotes(b *strings.Builder, title string, qs []insights.Quote) {
	fmt.Fprintf(b, "\n## %s\n\n", title)
	if len(qs) == 0 {
		b.WriteString("_None this period._\n")
	}
	for _, q := range qs {
		fmt.Fprintf(b, "> %s — %s, %s\n\n", q.Text, q.Author, q.Day)
	}
}
