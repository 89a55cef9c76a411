package compose

import "github.com/rapportapp/rapport/storage"

// Template is a reply template as the composer edits it. Platform is a
// Platform ID, or "" for a template that suits any platform; Subject is
// used for email.
type Template struct {
	ID       uint64 `json:"-"` // local to one database; not exported
	Name     string `json:"name"`
	Subject  string `json:"subject,omitempty"`
	Body     string `json:"body"`
	Platform string `json:"platform,omitempty"`
}

// FromRecord converts a stored template.
func FromRecord(r storage.Template) Template {
	return Template{ID: r.ID, Name: r.Name, Subject: r.Subject, Body: r.Body, Platform: r.Platform}
}

// ToRecord converts t for storage.
func (t Template) ToRecord() storage.Template {
	return storage.Template{ID: t.ID, Name: t.Name, Subject: t.Subject, Body: t.Body, Platform: t.Platform}
}

// Vars are the values a template's variables take for one reply. Empty
// fields render as a visible placeholder and are reported by Render.
type Vars struct {
	FirstName    string // {first_name}: the person's first name
	Name         string // {name}: the person's name as they show it
	AuthorHandle string // {author_handle}: "@ana" or "ana.bsky.social"
	Brand        string // {brand}: the business's name
	Product      string // {product}: what the mention is about
	Link         string // {link}: the mention's address
	Owner        string // {owner}: the owner's name, for signing
	OwnerEmail   string // {owner_email}: where people can write privately
	ReviewLink   string // {review_link}: where customers leave a review
	Platform     string // {platform}: "Mastodon", "Bluesky", …
	Today        string // {today}: today's date as the owner writes it
}

// VarInfo describes one variable for a picker.
type VarInfo struct {
	Name        string // as written between braces: "first_name"
	Label       string // the placeholder shown when it has no value: "first name"
	Description string
}

// variable ties a VarInfo to its field in Vars.
type variable struct {
	VarInfo
	get func(*Vars) string
}

var variables = []variable{
	{VarInfo{"first_name", "first name", "The person's first name"}, func(v *Vars) string { return v.FirstName }},
	{VarInfo{"name", "name", "The person's name as they show it"}, func(v *Vars) string { return v.Name }},
	{VarInfo{"author_handle", "their handle", "The person's handle, such as @ana"}, func(v *Vars) string { return v.AuthorHandle }},
	{VarInfo{"brand", "brand", "Your business's name"}, func(v *Vars) string { return v.Brand }},
	{VarInfo{"product", "product", "What the mention is about"}, func(v *Vars) string { return v.Product }},
	{VarInfo{"link", "link", "The address of the mention you are answering"}, func(v *Vars) string { return v.Link }},
	{VarInfo{"owner", "your name", "Your name, to sign the reply"}, func(v *Vars) string { return v.Owner }},
	{VarInfo{"owner_email", "your email", "The address where people can write to you privately"}, func(v *Vars) string { return v.OwnerEmail }},
	{VarInfo{"review_link", "review link", "Where customers can leave a review"}, func(v *Vars) string { return v.ReviewLink }},
	{VarInfo{"platform", "platform", "Where the mention was posted, such as Mastodon"}, func(v *Vars) string { return v.Platform }},
	{VarInfo{"today", "today's date", "Today's date"}, func(v *Vars) string { return v.Today }},
}

// aliases are spellings people type for a variable.
var aliases = map[string]string{
	"firstname": "first_name", "first": "first_name",
	"handle": "author_handle", "author": "author_handle", "username": "author_handle",
	"business": "brand", "company": "brand", "shop": "brand",
	"url": "link", "mention_link": "link",
	"signature": "owner", "me": "owner", "owner_name": "owner", "my_name": "owner",
	"email": "owner_email", "review": "review_link", "reviews": "review_link",
	"date": "today",
}

// Variables lists the template variables for a picker, in a useful order.
func Variables() []VarInfo {
	out := make([]VarInfo, len(variables))
	for i, v := range variables {
		out[i] = v.VarInfo
	}
	return out
}

// lookupVar finds a variable by a normalised name, following aliases.
func lookupVar(name string) (*variable, bool) {
	if a, ok := aliases[name]; ok {
		name = a
	}
	for i := range variables {
		if variables[i].Name == name {
			return &variables[i], true
		}
	}
	return nil, false
}
