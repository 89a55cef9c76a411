package views

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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

// buildBoard draws the columns across the whole screen; picking someone
// opens their page.
func (c *Contacts) buildBoard() fyne.CanvasObject {
	cols := boardColumns(c.rows)
	grid := container.NewGridWithColumns(max(1, len(cols)))
	for _, col := range cols {
		title := widget.NewLabelWithStyle(col.title(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		note := widget.NewRichText(&widget.TextSegment{Text: col.note(), Style: widget.RichTextStyle{
			ColorName: colorNameMuted, SizeName: theme.SizeNameCaptionText, Inline: true,
		}})
		note.Wrapping = fyne.TextWrapWord // a column is as narrow as its names
		box := container.NewVBox(title, note, widget.NewSeparator())
		for _, r := range col.rows {
			id := r.ID
			text := r.Name + " · " + human.Int(int(r.Score+0.5))
			if r.Stage == "" && r.Suggested != "" {
				text += " · suggests " + advocates.Stage(r.Suggested).Title()
			}
			b := widget.NewButton(text, func() { c.openFromBoard(id) })
			b.Alignment = widget.ButtonAlignLeading
			box.Add(b)
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
