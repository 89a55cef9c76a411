package views

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/shared/human"
)

// statusBar shows background work at the bottom of the window (reading
// mentions again after an upgrade, say) while the window stays usable; it
// is hidden when nothing runs.
type statusBar struct {
	bar   *fyne.Container
	label *widget.Label
	prog  *widget.ProgressBar
}

func newStatusBar() *statusBar {
	s := &statusBar{label: widget.NewLabel(""), prog: widget.NewProgressBar()}
	s.label.Truncation = fyne.TextTruncateEllipsis
	s.bar = container.NewBorder(nil, nil, nil, container.NewGridWrap(fyne.NewSize(220, s.prog.MinSize().Height), s.prog), s.label)
	s.bar.Hide()
	return s
}

// show tells how far task is; done == total hides the bar.
func (s *statusBar) show(task string, done, total int) {
	if total <= 0 || done >= total {
		s.bar.Hide()
		return
	}
	s.label.SetText(fmt.Sprintf("%s: %s of %s…", task, human.Int(done), human.Int(total)))
	s.prog.SetValue(float64(done) / float64(total))
	s.bar.Show()
}
