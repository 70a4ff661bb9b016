package library

import "github.com/papertui/papers/model"

// library.db is a file anything running as the user can write, so what is
// read back from it is as untrusted as a corpus: every reader cleans the
// text it returns with these, as the writers cleaned it on the way in.

// cleanStoredNote cleans a note read back from the file.
func cleanStoredNote(s string) string { return model.CleanText(s) }

// cleanStoredLine cleans one-line text read back from the file: a tag, a
// hidden topic's name.
func cleanStoredLine(s string) string { return model.CleanLine(s) }

// cleanPaper cleans every text field of a paper that did not come from
// this build's own loaders (an import, or a snapshot read back) as they
// clean theirs, and keeps only its web links (model.IsWebLink).
func cleanPaper(p *model.Paper) {
	p.ID = model.CleanLine(p.ID)
	p.TitleID = model.CleanLine(p.TitleID)
	p.ArxivID = model.CleanLine(p.ArxivID)
	p.Title = model.CleanLine(p.Title)
	p.Abstract = model.CleanLine(p.Abstract)
	p.DOI = model.CleanLine(p.DOI)
	for i := range p.Authors {
		p.Authors[i] = model.CleanLine(p.Authors[i])
	}
	for i := range p.Categories {
		p.Categories[i] = model.CleanLine(p.Categories[i])
	}
	for i := range p.Links {
		p.Links[i].Kind = model.LinkKind(model.CleanLine(string(p.Links[i].Kind)))
		p.Links[i].URL = model.CleanLine(p.Links[i].URL)
	}
	p.Links = model.WebLinks(p.Links)
	for i := range p.Sources {
		p.Sources[i] = model.CleanLine(p.Sources[i])
	}
}
