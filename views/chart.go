package views

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// bar is one column of a chart: up to two stacked values (a second series
// drawn beside the first), its label on the axis, and what tapping it opens.
type bar struct {
	label  string // under the axis ("11-20")
	values []float64
	tip    string // shown on hover ("20 Nov: 14 mentions")
	onTap  func()
}

// barChart draws bars with Fyne's canvas, in the theme's colours: an axis
// with its largest value, labels under the bars, the value of the bar under
// the pointer and a tap that opens the mentions behind it. An empty chart
// says so. Each series has a named colour.
type barChart struct {
	widget.BaseWidget
	title  string
	bars   []bar
	colors []fyne.ThemeColorName
	hover  int // -1: none
}

func newBarChart(title string, colors ...fyne.ThemeColorName) *barChart {
	c := &barChart{title: title, colors: colors, hover: -1}
	c.ExtendBaseWidget(c)
	return c
}

// setBars replaces the data.
func (c *barChart) setBars(bs []bar) {
	c.bars, c.hover = bs, -1
	c.Refresh()
}

func (c *barChart) MinSize() fyne.Size { return fyne.NewSize(260, 150) }

func (c *barChart) CreateRenderer() fyne.WidgetRenderer {
	r := &chartRenderer{
		c: c, title: canvas.NewText("", nil), tip: canvas.NewText("", nil), max: canvas.NewText("", nil),
		min: canvas.NewText("", nil), axis: canvas.NewLine(nil), empty: canvas.NewText("", nil),
	}
	r.title.TextStyle.Bold = true
	r.Refresh()
	return r
}

// at is the bar under x, or -1.
func (c *barChart) at(x float32) int {
	left, w := chartLeft, c.Size().Width-chartLeft
	if len(c.bars) == 0 || x < left {
		return -1
	}
	i := int((x - left) / (w / float32(len(c.bars))))
	if i >= len(c.bars) {
		return -1
	}
	return i
}

// Tapped opens the mentions of the bar tapped.
func (c *barChart) Tapped(e *fyne.PointEvent) {
	if i := c.at(e.Position.X); i >= 0 && c.bars[i].onTap != nil {
		c.bars[i].onTap()
	}
}

// MouseIn, MouseMoved and MouseOut show the value of the bar under the
// pointer.
func (c *barChart) MouseIn(e *desktop.MouseEvent) { c.MouseMoved(e) }

func (c *barChart) MouseMoved(e *desktop.MouseEvent) {
	if i := c.at(e.Position.X); i != c.hover {
		c.hover = i
		c.Refresh()
	}
}

func (c *barChart) MouseOut() {
	c.hover = -1
	c.Refresh()
}

const (
	chartLeft   float32 = 40
	chartTop    float32 = 40 // title and the hovered value
	chartBottom float32 = 18
)

type chartRenderer struct {
	c                           *barChart
	title, tip, max, min, empty *canvas.Text
	axis                        *canvas.Line
	rects                       []*canvas.Rectangle
	labels                      []*canvas.Text
	objects                     []fyne.CanvasObject
}

func (r *chartRenderer) Destroy()                     {}
func (r *chartRenderer) MinSize() fyne.Size           { return r.c.MinSize() }
func (r *chartRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *chartRenderer) Refresh() {
	c := r.c
	fg, muted := theme.Color(theme.ColorNameForeground), theme.Color(colorNameMuted)
	small := theme.CaptionTextSize()
	r.title.Text, r.title.Color = c.title, fg
	for _, t := range []*canvas.Text{r.tip, r.max, r.min, r.empty} {
		t.Color, t.TextSize = muted, small
	}
	r.tip.Text = ""
	if c.hover >= 0 && c.hover < len(c.bars) {
		r.tip.Text, r.tip.Color = c.bars[c.hover].tip+" — tap to open", fg
	}
	r.axis.StrokeColor, r.axis.StrokeWidth = muted, 1
	lo, hi := c.span()
	r.max.Text, r.min.Text = chartNum(hi), chartNum(lo)
	r.empty.Text = ""
	if len(c.bars) == 0 || (hi == 0 && lo == 0) {
		r.empty.Text = "Nothing in this period"
	}
	n := 0
	for _, b := range c.bars {
		n += len(b.values)
	}
	for len(r.rects) < n {
		r.rects = append(r.rects, canvas.NewRectangle(color.Transparent))
	}
	r.rects = r.rects[:n]
	for len(r.labels) < len(c.bars) {
		r.labels = append(r.labels, canvas.NewText("", nil))
	}
	r.labels = r.labels[:len(c.bars)]
	k := 0
	for i, b := range c.bars {
		for j := range b.values {
			col := theme.Color(c.colors[j%len(c.colors)])
			if c.hover == i {
				col = theme.Color(colorNameHighlight)
			}
			r.rects[k].FillColor = col
			k++
		}
		r.labels[i].Text, r.labels[i].Color, r.labels[i].TextSize = b.label, muted, small
	}
	r.objects = []fyne.CanvasObject{r.title, r.tip, r.max, r.min, r.axis, r.empty}
	for _, x := range r.rects {
		r.objects = append(r.objects, x)
	}
	for _, x := range r.labels {
		r.objects = append(r.objects, x)
	}
	r.Layout(c.Size())
	canvas.Refresh(c)
}

// span is the range of the values, always including 0.
func (c *barChart) span() (lo, hi float64) {
	for _, b := range c.bars {
		for _, v := range b.values {
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	return lo, hi
}

func (r *chartRenderer) Layout(size fyne.Size) {
	c := r.c
	r.title.Move(fyne.NewPos(0, 0))
	r.tip.Move(fyne.NewPos(0, theme.TextSize()+4))
	plotH := size.Height - chartTop - chartBottom
	lo, hi := c.span()
	if hi == lo {
		hi = lo + 1
	}
	y := func(v float64) float32 { return chartTop + plotH*float32((hi-v)/(hi-lo)) }
	r.max.Move(fyne.NewPos(0, chartTop-2))
	r.min.Move(fyne.NewPos(0, chartTop+plotH-theme.CaptionTextSize()))
	r.axis.Position1, r.axis.Position2 = fyne.NewPos(chartLeft, y(0)), fyne.NewPos(size.Width, y(0))
	r.empty.Move(fyne.NewPos(chartLeft+8, chartTop+plotH/2-8))
	if len(c.bars) == 0 {
		return
	}
	slot := (size.Width - chartLeft) / float32(len(c.bars))
	every := max(1, int(48/slot)+1) // label only as many bars as fit
	k := 0
	for i, b := range c.bars {
		x := chartLeft + float32(i)*slot
		w := max(1, (slot-2)/float32(max(1, len(b.values))))
		for j, v := range b.values {
			top, bot := y(max(0, v)), y(min(0, v))
			r.rects[k].Move(fyne.NewPos(x+1+float32(j)*w, top))
			r.rects[k].Resize(fyne.NewSize(w, max(1, bot-top)))
			k++
		}
		r.labels[i].Hidden = i%every != 0
		r.labels[i].Move(fyne.NewPos(x, size.Height-chartBottom+2))
	}
}

func chartNum(f float64) string {
	if f == float64(int64(f)) {
		return fmt.Sprint(int64(f))
	}
	return fmt.Sprintf("%.2f", f)
}
