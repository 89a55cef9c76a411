package views

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/people/advocates"
	"github.com/rapportapp/rapport/app/people/crm"
	"github.com/rapportapp/rapport/app/shared/human"
)

// boardColumn is one column of the stages board: the people who have one
// stage label, as the owner wrote it.
type boardColumn struct {
	label string // the stage in lower case; "" for people without one
	rows  []crm.Row
}

// title is the column's heading: "Fan", "At risk", "No stage".
func (col boardColumn) title() string {
	if col.label == "" {
		return "No stage"
	}
	return strings.ToUpper(col.label[:1]) + col.label[1:]
}

// note says what the column holds: "2 people · brought $36.00 · counts
// as Customer".
func (col boardColumn) note() string {
	parts := []string{human.Count(len(col.rows), "person", "people")}
	var value float64
	for _, r := range col.rows {
		value += r.Value
	}
	if value > 0 {
		parts = append(parts, "brought "+money(value))
	}
	if st, ok := advocates.ParseStage(col.label); ok && string(st) != col.label {
		parts = append(parts, "counts as "+st.Title())
	}
	return strings.Join(parts, " · ")
}

// boardColumns groups people by the stage label they have, as written:
// a fan is under "fan" (next to customer, whose alias it is), an
// influencer under "influencer". Columns follow the ladder, each alias
// after its rung, then labels of the owner's own in alphabetical order,
// then people without a stage; only columns with someone in them show.
func boardColumns(rows []crm.Row) []boardColumn {
	var cols []boardColumn
	index := map[string]int{}
	for _, r := range rows {
		label := strings.ToLower(strings.TrimSpace(r.Stage))
		i, ok := index[label]
		if !ok {
			i = len(cols)
			index[label] = i
			cols = append(cols, boardColumn{label: label})
		}
		cols[i].rows = append(cols[i].rows, r)
	}
	slices.SortStableFunc(cols, func(a, b boardColumn) int {
		ka, kb := boardOrder(a.label), boardOrder(b.label)
		if ka != kb {
			return ka - kb
		}
		return strings.Compare(a.label, b.label)
	})
	return cols
}

// boardOrder places a label: the ladder's rungs in order (an alias just
// after its rung), then custom labels, then no stage.
func boardOrder(label string) int {
	if label == "" {
		return 1000
	}
	st, ok := advocates.ParseStage(label)
	if !ok {
		return 100
	}
	if string(st) == label {
		return st.Rank() * 2
	}
	return st.Rank()*2 + 1
}

// boardMax is how many people a column shows (everyone who wrote can be
// hundreds without a stage); the list has the rest.
const boardMax = 40

// buildBoard draws the columns across the whole screen; picking someone
// opens their page.
func (c *Contacts) buildBoard() fyne.CanvasObject {
	cols := boardColumns(c.rows)
	grid := container.NewGridWithColumns(max(1, len(cols)))
	for _, col := range cols {
		title := widget.NewLabelWithStyle(col.title(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Truncation = fyne.TextTruncateEllipsis // the owner's own labels can be long
		note := widget.NewRichText(&widget.TextSegment{Text: col.note(), Style: widget.RichTextStyle{
			ColorName: colorNameMuted, SizeName: theme.SizeNameCaptionText, Inline: true,
		}})
		note.Wrapping = fyne.TextWrapWord // a column is as narrow as its names
		box := container.NewVBox(title, note, widget.NewSeparator())
		for i, r := range col.rows {
			if i == boardMax {
				more := widget.NewLabel("… and " + human.Count(len(col.rows)-boardMax, "other", "others") + " in the list")
				more.Wrapping = fyne.TextWrapWord
				box.Add(more)
				break
			}
			id := r.ID
			box.Add(newBoardCard(r.Name+" · "+human.Int(int(r.Score+0.5)), func() { c.openFromBoard(id) }))
		}
		grid.Add(box)
	}
	return container.NewScroll(grid)
}

// openFromBoard leaves the board for the list and the person's page.
func (c *Contacts) openFromBoard(id uint64) {
	c.selected = id
	c.boardToggle.SetChecked(false) // renders the list, selecting id
}

// boardCard is a person on the board: their name and score, cut short
// with "…" when the column is narrow (a button would push the columns
// wider than the screen); tapping it opens their page.
type boardCard struct {
	widget.BaseWidget
	text  string
	onTap func()
}

func newBoardCard(text string, onTap func()) *boardCard {
	b := &boardCard{text: text, onTap: onTap}
	b.ExtendBaseWidget(b)
	return b
}

func (b *boardCard) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameButton))
	bg.CornerRadius = theme.InputRadiusSize()
	l := widget.NewLabelWithStyle(b.text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Truncation = fyne.TextTruncateEllipsis
	return widget.NewSimpleRenderer(container.NewStack(bg, l))
}

// Tapped opens the person's page.
func (b *boardCard) Tapped(*fyne.PointEvent) { b.onTap() }

// Cursor is a pointer: the card is a link.
func (b *boardCard) Cursor() desktop.Cursor { return desktop.PointerCursor }
