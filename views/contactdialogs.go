package views

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/rapportapp/rapport/app/people/crm"
	"github.com/rapportapp/rapport/app/shared/human"
)

func (p *contactPage) onStage(stage string) {
	id := p.pg.Person.ID
	if id == 0 || stage == p.pg.Person.Stage {
		return
	}
	p.run(func() error { return p.svc.SetStage(id, stage) })
}

// run does a change in the background, then reloads the list and page.
func (p *contactPage) run(change func() error) {
	p.Go(func() {
		err := change()
		onUI(err, p.OnError, func() {
			p.onSaved(p.want)
			if p.want != 0 {
				p.load(p.want)
			}
		})
	})
}

func (p *contactPage) onReplyLatest() {
	if p.pg.Latest == 0 {
		showInfo(p.Win, "Nothing to reply to", p.pg.Person.Name+" has not written a mention Rapport has seen.")
		return
	}
	p.onReply(p.pg.Latest)
}

func (p *contactPage) onCall() {
	keys := newDialogKeys()
	notes := keys.multiLine()
	notes.SetPlaceHolder("What did you talk about? What did you promise?")
	notes.SetMinRowsVisible(5)
	number := p.pg.Person.Phone
	if number == "" {
		number = "no number on file"
	}
	id := p.pg.Person.ID
	d := dialog.NewCustomConfirm("Log a call with "+p.pg.Person.Name, "Save", "Cancel",
		keys.wrap(container.NewVBox(widget.NewLabel("Phone: "+number), notes)), func(ok bool) {
			if ok {
				p.run(func() error {
					return p.svc.LogEntry(crm.Entry{PersonID: id, Kind: "call", Direction: "give", Note: notes.Text})
				})
			}
		}, p.Win)
	keys.confirm = d.Confirm
	d.Resize(fyne.NewSize(520, 300))
	keys.show(d, p.Win, notes)
}

// giveGetKinds are the usual gives and gets, as the ledger names them.
var giveGetKinds = []string{"thanks", "sample", "share", "discount", "gift", "referral given", "mention", "recommendation", "review", "referral", "purchase"}

func (p *contactPage) onGiveGet() {
	keys := newDialogKeys()
	kind := widget.NewSelectEntry(giveGetKinds)
	kind.SetText("sample")
	value := keys.entry()
	value.SetPlaceHolder("e.g. 36.00 (optional)")
	value.Validator = func(s string) error { _, err := parseMoney(s); return err }
	note := keys.entry()
	id := p.pg.Person.ID
	items := []*widget.FormItem{
		widget.NewFormItem("What", kind), widget.NewFormItem("Value", value), widget.NewFormItem("Note", note),
	}
	var d *dialog.FormDialog
	d = dialog.NewForm("Add a give or get for "+p.pg.Person.Name, "Add", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		v, err := parseMoney(value.Text)
		if err != nil {
			d.Show() // the button was pressed with the amount still in error: keep what was typed
			return
		}
		e := crm.Entry{PersonID: id, Kind: strings.TrimSpace(kind.Text), Value: v, Note: note.Text}
		p.run(func() error { return p.svc.LogEntry(e) })
	}, p.Win)
	keys.confirm = d.Submit
	d.Resize(fyne.NewSize(480, 260))
	keys.show(d, p.Win, value)
}

func parseMoney(s string) (float64, error) {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "$"))
	if s == "" {
		return 0, nil
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil || v < 0 {
		return 0, fmt.Errorf("%q is not an amount: write it like 36.50", s)
	}
	return v, nil
}

// edit opens the contact form (a new contact when d.ID is 0).
func (p *contactPage) edit(d crm.Details) {
	keys := newDialogKeys()
	entry := func(s string) *keyEntry {
		e := keys.entry()
		e.SetText(s)
		return e
	}
	name, email, phone, company := entry(d.Name), entry(d.Email), entry(d.Phone), entry(d.Company)
	name.Validator = required("their name") // Save waits for a name instead of losing the form to an error
	owner, prefs := entry(d.Owner), entry(d.Preferences)
	tags := entry(strings.Join(d.Tags, ", "))
	notes := keys.multiLine()
	notes.SetText(d.Notes)
	handles := keys.multiLine()
	handles.SetPlaceHolder("one per line, e.g. reddit: mayabrews")
	var hs []string
	for _, h := range d.Handles {
		hs = append(hs, h.Platform+": "+h.Handle)
	}
	handles.SetText(strings.Join(hs, "\n"))
	items := []*widget.FormItem{
		widget.NewFormItem("Name", name), widget.NewFormItem("Email", email), widget.NewFormItem("Phone", phone),
		widget.NewFormItem("Company", company), widget.NewFormItem("Identities", handles), widget.NewFormItem("Tags", tags),
		widget.NewFormItem("Preferences", prefs), widget.NewFormItem("Looked after by", owner), widget.NewFormItem("Notes", notes),
	}
	title := "Edit " + d.Name
	if d.ID == 0 {
		title = "New contact"
	}
	var dlg *dialog.FormDialog
	dlg = dialog.NewForm(title, "Save", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		if strings.TrimSpace(name.Text) == "" {
			dlg.Show() // the button was pressed before a name was typed: keep the form
			return
		}
		d.Name, d.Email, d.Phone, d.Company = name.Text, email.Text, phone.Text, company.Text
		d.Owner, d.Preferences, d.Notes = owner.Text, prefs.Text, notes.Text
		d.Tags = splitList(tags.Text)
		d.Handles = parseHandles(handles.Text)
		p.Go(func() {
			id, err := p.svc.SaveContact(d)
			onUI(err, p.OnError, func() {
				p.want = id
				p.onSaved(id)
				p.load(id)
			})
		})
	}, p.Win)
	keys.confirm = dlg.Submit
	dlg.Resize(fyne.NewSize(600, 560))
	keys.show(dlg, p.Win, name)
}

func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// parseHandles reads "platform: handle" lines; a line without a platform
// is kept as a web address or plain name.
func parseHandles(s string) []crm.Handle {
	var out []crm.Handle
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		platform, handle, ok := strings.Cut(line, ":")
		if !ok || strings.HasPrefix(handle, "//") {
			platform, handle = "web", line
		}
		out = append(out, crm.Handle{Platform: strings.ToLower(strings.TrimSpace(platform)), Handle: strings.TrimSpace(handle)})
	}
	return out
}

// onErase asks for the name to be typed before erasing someone; the
// screen then holds the erase with an Undo (contacterase.go).
func (p *contactPage) onErase() {
	per := p.pg.Person
	keys := newDialogKeys()
	confirm := keys.entry()
	confirm.SetPlaceHolder(per.Name)
	msg := widget.NewLabel("This removes " + per.Name + " and everything personal about them: their mentions, the " +
		"interactions and follow-ups about them, and their name where others mention them. For a few seconds " +
		"you can still undo it; after that it is for good (a backup made before keeps them). Type their name " +
		"to confirm.")
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Erase "+per.Name+"?", "Erase", "Cancel", keys.wrap(container.NewVBox(msg, confirm)), func(ok bool) {
		if !ok {
			return
		}
		if strings.TrimSpace(confirm.Text) != per.Name {
			showInfo(p.Win, "Not erased", "The name did not match, so nothing was erased.")
			return
		}
		p.erase(per.ID, per.Name)
	}, p.Win)
	d.SetConfirmImportance(widget.DangerImportance)
	keys.confirm = d.Confirm
	d.Resize(fyne.NewSize(520, 280))
	keys.show(d, p.Win, confirm)
}

// onSuggestions lists who is probably the same person, to merge or keep
// apart; the last merge can be undone.
func (c *Contacts) onSuggestions() {
	c.Go(func() {
		sgs, err := c.svc.MergeSuggestions()
		onUI(err, c.OnError, func() {
			c.showSuggestions(sgs)
		})
	})
}

func (c *Contacts) showSuggestions(sgs []crm.Suggestion) {
	keys := newDialogKeys()
	box := container.NewVBox()
	var dlg *dialog.CustomDialog
	if len(sgs) == 0 {
		box.Add(widget.NewLabel("No suggestions: Rapport found nobody who looks like someone else."))
	}
	for _, sg := range sgs {
		text := fmt.Sprintf("%s  and  %s — %s (%.0f%% sure)", sg.A.Name, sg.B.Name, sg.Reason, sg.Confidence*100)
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		merge := widget.NewButton("Merge", func() {
			dlg.Hide()
			c.decide(func() error { return c.svc.AcceptMerge(sg) }, func() { c.offerUnmerge(sg) })
		})
		merge.Importance = widget.HighImportance
		apart := widget.NewButton("Not the same", func() {
			dlg.Hide()
			c.decide(func() error { return c.svc.RejectMerge(sg) }, nil)
		})
		box.Add(container.NewBorder(nil, nil, nil, container.NewHBox(merge, apart), l))
	}
	dlg = dialog.NewCustom("Merge suggestions", "Close", keys.wrap(container.NewVScroll(box)), c.Win)
	dlg.Resize(fyne.NewSize(760, 480))
	keys.show(dlg, c.Win, nil)
}

// decide applies a merge decision in the background, then reloads and
// runs done (nil: nothing more).
func (c *Contacts) decide(change func() error, done func()) {
	c.Go(func() {
		err := change()
		onUI(err, c.OnError, func() {
			c.Reload()
			if done != nil {
				done()
			}
		})
	})
}

// offerUnmerge offers to undo a merge just made.
func (c *Contacts) offerUnmerge(sg crm.Suggestion) {
	text := sg.B.Name + " was merged into " + sg.A.Name + "."
	if sg.Incoming {
		text = "The imported " + sg.B.Name + " was merged into " + sg.A.Name + "."
	}
	showUndo(c.Env, c.undo, text, func() {
		c.decide(func() error { return c.svc.UndoAccept(sg) }, func() {
			showUndo(c.Env, c.undo, "The merge was undone: "+sg.A.Name+" and "+sg.B.Name+" are apart again.", nil)
		})
	})
}

func (c *Contacts) onImport() {
	fileJob{
		Env: c.Env, working: "Importing contacts…", done: "Contacts imported", after: c.Reload,
		title: "Import contacts from a vCard or CSV file", action: "Import",
		run: func(path string) (string, error) {
			res, err := c.svc.ImportContacts(path)
			if err != nil {
				return "", fmt.Errorf("%s could not be imported: %w", path, err)
			}
			msg := importedText(res)
			if n := len(res.Problems); n > 0 {
				msg += fmt.Sprintf("\n%s, the first: %s", human.Count(n, "line had a problem", "lines had problems"), res.Problems[0].String())
			}
			return msg, nil
		},
	}.open(".vcf", ".csv")
}

func (c *Contacts) onExport() {
	fileJob{
		Env: c.Env, working: "Exporting contacts…", done: "Contacts exported",
		title: "Export contacts (.vcf or .csv)", action: "Export",
		run: func(path string) (string, error) {
			n, err := c.svc.ExportContacts(path)
			return human.Count(n, "contact was", "contacts were") + " saved to\n" + path, err
		},
	}.save("rapport-contacts.vcf")
}

// importedText says what an import did: "Added 1 contact. 2 look like
// people already here: see Merge suggestions."
func importedText(res crm.ImportResult) string {
	msg := "Added " + human.Count(res.Added, "contact", "contacts") + "."
	switch res.Suggested {
	case 0:
	case 1:
		msg += " 1 looks like someone already here: see Merge suggestions."
	default:
		msg += " " + human.Int(res.Suggested) + " look like people already here: see Merge suggestions."
	}
	return msg
}
