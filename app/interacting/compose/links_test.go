package compose

import (
	"errors"
	"net/url"
	"testing"
)

func TestMailtoURL(t *testing.T) {
	cases := []struct {
		name, to, subject, body, want string
	}{
		{
			"plain", "ana@example.com", "Your order", "Hi Ana,\nThanks & see you.\n",
			"mailto:ana@example.com?subject=Your%20order&body=Hi%20Ana%2C%0D%0AThanks%20%26%20see%20you.%0D%0A",
		},
		{"crlf kept single", "a@x.com", "", "a\r\nb\rc", "mailto:a@x.com?body=a%0D%0Ab%0D%0Ac"},
		{"unicode", "a@x.com", "Café ☕", "", "mailto:a@x.com?subject=Caf%C3%A9%20%E2%98%95"},
		{"several recipients", " a@x.com, b@y.com ,", "Hi", "", "mailto:a@x.com,b@y.com?subject=Hi"},
		{"no recipient", "", "Hi", "", "mailto:?subject=Hi"},
		{"display names dropped", "Ana Silva <ana@x.com>, \"Sam, owner\" <sam@y.com>", "", "", "mailto:ana@x.com,sam@y.com"},
		{"special characters in address", "a+b?c@x.com", "", "", "mailto:a%2Bb%3Fc@x.com"},
		{"query characters in text", "", "100% sure? #1", "a=b&c", "mailto:?subject=100%25%20sure%3F%20%231&body=a%3Db%26c"},
		{"plus is not a space", "", "1+1", "", "mailto:?subject=1%2B1"},
		{"empty", "", "", "", "mailto:"},
	}
	for _, c := range cases {
		if got := MailtoURL(c.to, c.subject, c.body); got != c.want {
			t.Errorf("%s: MailtoURL = %q, want %q", c.name, got, c.want)
		}
	}
}

// TestMailtoURLDecodes checks that a standard parser gets the text back.
func TestMailtoURLDecodes(t *testing.T) {
	subject, body := "Re: your café visit & a 10% thing?", "Line one\nLine two — ✓\n\n#tag"
	u, err := url.Parse(MailtoURL("sam@northside.example", subject, body))
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if u.Opaque != "sam@northside.example" || q.Get("subject") != subject || q.Get("body") != crlf(body) {
		t.Errorf("decoded %q %q %q", u.Opaque, q.Get("subject"), q.Get("body"))
	}
}

func TestTelURL(t *testing.T) {
	cases := []struct {
		in, want string
		err      error
	}{
		{"+44 20 7946 0958", "tel:+442079460958", nil},
		{"(555) 123-4567", "tel:5551234567", nil},
		{"555.123.4567", "tel:5551234567", nil},
		{" 020 7946 0958 ext. 12", "tel:02079460958;ext=12", nil},
		{"+1-555-123-4567 x89", "tel:+15551234567;ext=89", nil},
		{"030 1234567 #5", "tel:0301234567;ext=5", nil},
		{"112", "tel:112", nil},
		{"tel:+44 20 7946 0958", "tel:+442079460958", nil},
		{"+49\u00a030\u00a012345", "tel:+493012345", nil},
		{"", "", ErrPhoneEmpty},
		{"   ", "", ErrPhoneEmpty},
		{"call me", "", ErrPhoneChars},
		{"555-CAKE", "", ErrPhoneChars},
		{"+44+20 1234", "", ErrPhoneChars},
		{"12", "", ErrPhoneLength},
		{"1234567890123456", "", ErrPhoneLength},
		{"0201234567 ext abc", "", ErrPhoneExtDigs},
	}
	for _, c := range cases {
		got, err := TelURL(c.in)
		if got != c.want || !errors.Is(err, c.err) {
			t.Errorf("TelURL(%q) = %q, %v; want %q, %v", c.in, got, err, c.want, c.err)
		}
	}
}
