package compose

import "strings"

// ccTLDs are the delegated two-letter country-code TLDs.
var ccTLDs = setOfWords(`
ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs bt bw by bz
ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et eu fi fj fk
fm fo fr ga gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir
is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk
ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl
pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sk sl sm sn so sr ss st su sv sx sy sz tc
td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw`)

// gTLDs are the generic TLDs a small business or its customers are likely
// to write without "https://": the original ones and the common new ones.
// The full list has over a thousand; a bare name ending in an unlisted one
// counts as text, which errs on the long side.
var gTLDs = setOfWords(`
com net org edu gov mil int info biz name pro mobi asia tel travel jobs aero coop museum
app dev page blog shop store online site website web tech cloud digital media news email link
xyz club live life world today love fun top vip ltd llc inc company business services solutions
agency studio design art photo photography gallery events party wedding gifts flowers garden
farm house homes estate realty rent books academy school education training consulting
marketing ventures capital finance money bank insurance legal law tax health care dental clinic
fitness yoga beauty salon spa fashion clothing shoes jewelry coffee cafe restaurant bar pizza
bakery menu kitchen wine beer food delivery market network social community center group team
support help guide reviews eco green global city london nyc berlin paris amsterdam tokyo`)

func setOfWords(s string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// isKnownTLD reports whether a bare host may end in tld.
func isKnownTLD(tld string) bool {
	var buf [24]byte
	if len(tld) > len(buf) {
		return false
	}
	low := buf[:len(tld)]
	for i := 0; i < len(tld); i++ {
		c := tld[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		low[i] = c
	}
	if strings.HasPrefix(string(low), "xn--") {
		return len(low) > 4
	}
	return gTLDs[string(low)] || ccTLDs[string(low)]
}
