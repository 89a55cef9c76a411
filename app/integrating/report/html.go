package report

import (
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/rapportapp/rapport/app/integrating/insights"
)

const style = `body{font:14px/1.45 system-ui,sans-serif;color:#222;max-width:960px;margin:24px auto;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:20px 0 6px;border-bottom:1px solid #ddd}
table{border-collapse:collapse}td,th{padding:2px 10px;text-align:right}td:first-child,th:first-child{text-align:left}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:12px}blockquote{margin:4px 0;padding:2px 10px;border-left:3px solid #C9572F;color:#333}
.worse{color:#C02B2B;font-weight:600}.muted{color:#6B6B6B}svg text{font:11px system-ui,sans-serif;fill:#444}
@media print{body{margin:0;font-size:12px}.grid{break-inside:avoid}}`

// HTML writes the report as one self-contained HTML file.
func HTML(w io.Writer, d Data) error {
	in := d.Insights
	var b strings.Builder
	e := html.EscapeString
	fmt.Fprintf(&b, "<!doctype html><html lang=en><meta charset=utf-8><title>%s — %s to %s</title><style>%s</style><body>",
		e(d.Business), in.From, in.To, style)
	fmt.Fprintf(&b, "<h1>%s — week report</h1><div class=muted>%s to %s, compared with %s to %s</div>", e(d.Business), in.From, in.To, in.PrevFrom, in.PrevTo)
	if in.Empty {
		b.WriteString("<p><b>No mentions in this period.</b></p>")
	}
	b.WriteString("<div class=grid><div><h2>Numbers</h2><table><tr><th></th><th>now</th><th>before</th><th>change</th></tr>")
	for _, l := range numbers(in) {
		fmt.Fprintf(&b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>", l.name, e(l.now), e(l.before), e(l.change))
	}
	b.WriteString("</table></div><div><h2>Mentions per day</h2>")
	b.WriteString(bars(in.Days, func(r insights.DayRow) float64 { return float64(r.Mentions) }, "#C9572F"))
	b.WriteString("<h2>Mean sentiment per day</h2>")
	b.WriteString(bars(in.Days, func(r insights.DayRow) float64 { return r.MeanSentiment }, "#1E853A"))
	b.WriteString("</div></div><div class=grid><div>")
	htmlQuotes(&b, "Top praise", in.Praise)
	b.WriteString("</div><div>")
	htmlQuotes(&b, "Top issues", in.Issues)
	b.WriteString("</div></div><div class=grid><div><h2>Touch points</h2><table><tr><th></th><th>mentions</th><th>before</th><th>sentiment</th></tr>")
	for _, tp := range in.TouchPoints {
		cls := ""
		if tp.Worse {
			cls = " class=worse"
		}
		fmt.Fprintf(&b, "<tr%s><td>%s</td><td>%d</td><td>%d</td><td>%+.2f</td></tr>", cls, e(tp.Key), tp.Mentions, tp.Previous.Mentions, tp.MeanSentiment)
	}
	b.WriteString("</table><h2>Advocates to thank</h2><ul>")
	for _, p := range in.People.Thank {
		fmt.Fprintf(&b, "<li>%s — %d gets <span class=muted>(%s)</span>", e(p.Name), p.Gets, e(p.Why))
	}
	b.WriteString("</ul></div><div><h2>Experiments</h2><ul>")
	for _, x := range d.Experiments {
		fmt.Fprintf(&b, "<li><b>%s</b> <span class=muted>(%s)</span>: %s", e(x.Name), x.State, e(x.Sentence))
	}
	b.WriteString("</ul><h2>Learnings</h2><ul>")
	for _, l := range d.Learnings {
		fmt.Fprintf(&b, "<li>%s <span class=muted>(%s)</span>", e(l.Title), l.Stage)
	}
	b.WriteString("</ul></div></div></body></html>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func htmlQuotes(b *strings.Builder, title string, qs []insights.Quote) {
	fmt.Fprintf(b, "<h2>%s</h2>", title)
	if len(qs) == 0 {
		b.WriteString("<p class=muted>None this period.</p>")
	}
	for _, q := range qs {
		fmt.Fprintf(b, "<blockquote>%s <span class=muted>— %s, %s</span></blockquote>", html.EscapeString(q.Text), html.EscapeString(q.Author), q.Day)
	}
}

// bars draws a bar chart of one value per day as inline SVG, with the
// axis labelled and each bar's value in its tooltip; negative values hang
// below the axis.
func bars(days []insights.DayRow, v func(insights.DayRow) float64, colour string) string {
	const w, h, left, bottom = 440.0, 130.0, 34.0, 18.0
	lo, hi := 0.0, 0.0
	for _, d := range days {
		lo, hi = min(lo, v(d)), max(hi, v(d))
	}
	if hi == lo {
		hi = lo + 1
	}
	y := func(f float64) float64 { return (h - bottom) * (hi - f) / (hi - lo) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg viewBox="0 0 %.0f %.0f" width="100%%" role=img>`, w, h)
	fmt.Fprintf(&b, `<line x1=%.0f y1=%.1f x2=%.0f y2=%.1f stroke=#999 />`, left, y(0), w, y(0))
	fmt.Fprintf(&b, `<text x=0 y=10>%s</text><text x=0 y=%.0f>%s</text>`, num(hi), h-bottom, num(lo))
	bw := (w - left) / float64(max(1, len(days)))
	for i, d := range days {
		x := left + float64(i)*bw
		top, bot := y(max(0, v(d))), y(min(0, v(d)))
		fmt.Fprintf(&b, `<rect x=%.1f y=%.1f width=%.1f height=%.1f fill=%s><title>%s: %s</title></rect>`, x+1, top, bw-2, max(0.5, bot-top), colour, d.Day, num(v(d)))
		if len(days) <= 14 || i%7 == 0 {
			fmt.Fprintf(&b, `<text x=%.1f y=%.0f>%s</text>`, x+1, h-4, d.Day[5:])
		}
	}
	b.WriteString("</svg>")
	return b.String()
}

func num(f float64) string {
	if f == float64(int64(f)) {
		return fmt.Sprint(int64(f))
	}
	return fmt.Sprintf("%.2f", f)
}
