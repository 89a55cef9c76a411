package compose

import (
	"testing"
	"unicode/utf8"
)

// draft280 is a realistic reply of about 280 characters, with a link,
// emoji, a flag and an accented word: what the counter and tone check see
// on every keystroke.
const draft280 = "Thank you so much for the lovely words, Ana! 😊 We're so glad you enjoyed the oat flat white; " +
	"the beans come from a small farm in Huila 🇨🇴 and we roast them on Tuesdays. The new seasonal blend is " +
	"on the menu from Friday: https://northside.example/menu. See you soon, and café's on us! — Sam"

func BenchmarkCount(b *testing.B) {
	if n := utf8.RuneCountInString(draft280); n < 260 || n > 300 {
		b.Fatalf("draft is %d characters", n)
	}
	for _, p := range Platforms() {
		b.Run(p.ID, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Count(p.ID, draft280)
			}
		})
	}
}

// BenchmarkTone measures the tone check: in full, its own rules alone
// (no analyser), and the analyser alone, which is most of the cost.
func BenchmarkTone(b *testing.B) {
	a := testAnalyzer()
	b.Run("full", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Tone(draft280, a)
		}
	})
	b.Run("rules", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Tone(draft280, nil)
		}
	})
	b.Run("analyze-only", func(b *testing.B) {
		for b.Loop() {
			a.Analyze(draft280)
		}
	})
}

func BenchmarkRender(b *testing.B) {
	tmpl := DefaultTemplates()[2].Body
	v := fullVars()
	b.ReportAllocs()
	for b.Loop() {
		Render(tmpl, v)
	}
}
