package sample

import (
	"time"

	"github.com/rapportapp/rapport/app/shared/workspace"
)

// file is the shape of workspace.json (format 1).
type file struct {
	Format       int                    `json:"format"`
	Anchor       time.Time              `json:"anchor"`
	Business     workspace.Business     `json:"business"`
	Team         []workspace.TeamMember `json:"team"`
	Competitors  []string               `json:"competitors"`
	Sources      []source               `json:"sources"`
	Contacts     []contact              `json:"contacts"`
	Interactions []interaction          `json:"interactions"`
	Tasks        []task                 `json:"tasks"`
	Archive      *archive               `json:"archive,omitempty"`
}

type source struct {
	Key    string `json:"key"`
	Name   string `json:"name"`
	Kind   string `json:"kind"`
	URL    string `json:"url"`
	File   string `json:"file"`
	Folder string `json:"folder"`
	Every  string `json:"every"`
	Rule   string `json:"rule"`
}

type identity struct {
	Platform string `json:"platform"`
	Handle   string `json:"handle"`
}

type contact struct {
	Key         string     `json:"key"`
	Name        string     `json:"name"`
	Company     string     `json:"company"`
	Email       string     `json:"email"`
	Phone       string     `json:"phone"`
	Identities  []identity `json:"identities"`
	Tags        []string   `json:"tags"`
	Notes       string     `json:"notes"`
	Preferences string     `json:"preferences"`
	Stage       string     `json:"stage"`
	Owner       string     `json:"owner"`
}

type interaction struct {
	Contact     string    `json:"contact"`
	Kind        string    `json:"kind"`
	Direction   string    `json:"direction"`
	Channel     string    `json:"channel"`
	At          time.Time `json:"at"`
	Note        string    `json:"note"`
	Value       float64   `json:"value"`
	MentionLink string    `json:"mention_link"`
}

type task struct {
	Title       string    `json:"title"`
	Due         time.Time `json:"due"`
	Owner       string    `json:"owner"`
	Contact     string    `json:"contact"`
	MentionLink string    `json:"mention_link"`
}
