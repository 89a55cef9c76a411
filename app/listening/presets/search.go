package presets

import (
	"fmt"
	"net/url"
	"strings"
)

// The builders of search presets. Each gets a cleaned keyword and
// defaults filled in, and returns the feed address and a label for the
// source's name.

func buildRedditSearch(in Input) (string, string, error) {
	q := phrase(in.Keyword)
	return "https://www.reddit.com/search.rss?q=" + url.QueryEscape(q) + "&sort=new", quoted(in.Keyword), nil
}

// hnBuilder builds hnrss.org searches; list is "newest" or "newcomments".
func hnBuilder(list string) func(Input) (string, string, error) {
	return func(in Input) (string, string, error) {
		q := phrase(in.Keyword) // hnrss passes quotes on: an exact phrase
		return "https://hnrss.org/" + list + "?q=" + url.QueryEscape(q), quoted(in.Keyword), nil
	}
}

func buildMastodonTag(in Input) (string, string, error) {
	host, err := cleanInstance(in.Instance)
	if err != nil {
		return "", "", err
	}
	tag := hashtag(in.Keyword)
	if tag == "" {
		return "", "", &Error{Field: FieldKeyword, Msg: "A Mastodon hashtag needs letters or numbers; type a word such as coffee."}
	}
	return "https://" + host + "/tags/" + url.PathEscape(tag) + ".rss", "#" + tag + " on " + host, nil
}

func buildGoogleNews(in Input) (string, string, error) {
	lang, region, err := cleanLangRegion(in.Lang, in.Region)
	if err != nil {
		return "", "", err
	}
	base, _, _ := strings.Cut(lang, "-")
	u := "https://news.google.com/rss/search?q=" + url.QueryEscape(phrase(in.Keyword)) +
		"&hl=" + lang + "&gl=" + region + "&ceid=" + region + ":" + base
	label := quoted(in.Keyword)
	if lang != "en-US" || region != "US" {
		label += fmt.Sprintf(" (%s, %s)", lang, region)
	}
	return u, label, nil
}

func buildStackExchange(in Input) (string, string, error) {
	host, err := cleanSESite(in.Site)
	if err != nil {
		return "", "", err
	}
	tag, err := seTag(in.Keyword)
	if err != nil {
		return "", "", err
	}
	return "https://" + host + "/feeds/tag/" + url.PathEscape(tag), "[" + tag + "] on " + host, nil
}

// quoted puts a keyword in double quotes for a source's name.
func quoted(kw string) string { return `"` + kw + `"` }
