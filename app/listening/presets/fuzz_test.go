package presets

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/rapportapp/rapport/app/shared/query"
)

func FuzzBuild(f *testing.F) {
	f.Add(0, "cold brew", "", "", "", "", "", "", "")
	f.Add(4, "Café ☕", "mastodon.café", "", "", "", "", "", "")
	f.Add(5, `"a" & b`, "", "", "", "", "", "pt_br", "br")
	f.Add(6, "C++", "", "https://stackoverflow.com/", "", "", "", "", "")
	f.Add(7, "", "", "", "https://www.youtube.com/channel/UC_x5XG1OV2P6uZZ5FSM9Ttw", "", "", "", "")
	f.Add(8, "", "", "", "", "", "https://www.youtube.com/watch?v=x&list=PLOU2XLYxmsIJGErt5rrCqaSGTMyyqNt2H", "", "")
	f.Add(9, "", "", "", "", "@maria.bsky.social", "", "", "")
	f.Add(10, "", "", "", "", "", "http://blog.example:80/a%2Fb/?p=1#c", "", "")
	f.Add(11, "", "", "", "", "", "yourblog.com", "", "")
	f.Add(12, "x", "", "", "", "", "https://www.google.com/alerts/feeds/1/2", "", "")
	f.Add(1, "", "", "", "https://reddit.com/r/coffee", "", "", "", "")
	f.Fuzz(func(t *testing.T, i int, kw, instance, site, channel, handle, link, lang, region string) {
		all := All()
		p := all[uint(i)%uint(len(all))]
		in := Input{Keyword: kw, Instance: instance, Site: site, Channel: channel, Handle: handle, URL: link, Lang: lang, Region: region}
		src, err := p.Build(in)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Msg == "" || e.Preset != p.ID {
				t.Fatalf("%s: bad error %#v", p.ID, err)
			}
			return
		}
		u, err := url.Parse(src.URL)
		if err != nil {
			t.Fatalf("%s: URL %q does not parse: %v", p.ID, src.URL, err)
		}
		if u.Scheme != "https" || u.Host == "" || u.User != nil || u.Fragment != "" {
			t.Fatalf("%s: URL %q is not a plain https address", p.ID, src.URL)
		}
		if strings.ContainsAny(src.URL, " \t\r\n\"<>\\^`{|}") {
			t.Fatalf("%s: URL %q has unescaped characters", p.ID, src.URL)
		}
		if src.Name == "" || src.Kind != p.Kind || src.Every != p.Every {
			t.Fatalf("%s: bad source %+v", p.ID, src)
		}
		if p.Rule {
			if _, err := query.Parse(src.Rule); err != nil || src.Rule == "" {
				t.Fatalf("%s: rule %q: %v", p.ID, src.Rule, err)
			}
		} else if src.Rule != "" {
			t.Fatalf("%s: unexpected rule %q", p.ID, src.Rule)
		}
	})
}
