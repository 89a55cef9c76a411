package views

import (
	"testing"

	"github.com/rapportapp/rapport/app/people/crm"
)

// The bar after an erase says what went, and never that others' records
// were changed when that is still to come.
func TestErasedTextSaysWhatWasDoneAndWhatIsLeft(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		out  crm.Erased
		want string
	}{
		{crm.Erased{Mentions: 1}, "Jo was erased: 1 mention, 0 interactions and 0 follow-ups removed."},
		{crm.Erased{Mentions: 2, Interactions: 1, Tasks: 1, Redacted: 1}, "Jo was erased: 2 mentions, 1 interaction and 1 follow-up removed; 1 other record no longer names them."},
		{crm.Erased{Redacted: 1200}, "Jo was erased: 0 mentions, 0 interactions and 0 follow-ups removed; 1,200 other records no longer name them."},
		{crm.Erased{Redacted: 3, Pending: true}, "Jo was erased: 0 mentions, 0 interactions and 0 follow-ups removed; the rest of their mentions and the records that name them go when Rapport starts next."},
	} {
		if got := erasedText("Jo", tt.out); got != tt.want {
			t.Errorf("erasedText(%+v) =\n%q, want\n%q", tt.out, got, tt.want)
		}
	}
}
