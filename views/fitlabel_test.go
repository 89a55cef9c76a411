package views

import (
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

func TestFitText(t *testing.T) {
	// Every rune is 10 wide.
	measure := func(s string) float32 { return float32(10 * utf8.RuneCountInString(s)) }
	for _, tt := range []struct {
		s     string
		width float32
		want  string
	}{
		{"", 50, ""},
		{"short", 50, "short"},
		{"short", 0, "short"}, // not laid out yet
		{"exactly10!", 100, "exactly10!"},
		{"a longer headline", 100, "a longer…"},
		{"naïve café crème", 60, "naïve…"},
		{"abc", 5, "…"},
	} {
		if got := fitText(tt.s, tt.width, measure); got != tt.want {
			t.Errorf("fitText(%q, %v) = %q, want %q", tt.s, tt.width, got, tt.want)
		}
	}
}

// TestFitLabelCutsToItsWidth: the inbox's rows cut their headline
// themselves (fitLabel) rather than through Fyne's ellipsis, which shaped
// every text with a new shaper; the result must still fit and say "…".
func TestFitLabelCutsToItsWidth(t *testing.T) {
	test.NewTempApp(t)
	l := newFitLabel(fyne.TextStyle{})
	long := strings.Repeat("Cold brew concentrate arrived warm and leaking ", 4)
	l.SetText(long)
	l.Resize(fyne.NewSize(200, 40))
	if !strings.HasSuffix(l.Text, "…") || len(l.Text) >= len(long) {
		t.Fatalf("at 200 px the label shows %q", l.Text)
	}
	if w := fyne.MeasureText(l.Text, theme.TextSize(), l.TextStyle).Width; w > 200-2*theme.InnerPadding() {
		t.Errorf("the cut text is %v wide, more than the label's 200 px less padding", w)
	}
	l.Resize(fyne.NewSize(4000, 40))
	if l.Text != long {
		t.Errorf("widened, the label shows %q, want the whole text", l.Text)
	}
	l.SetText("Short")
	if l.Text != "Short" {
		t.Errorf("got %q", l.Text)
	}
}
