package workbook

import (
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
	"github.com/malarbete/malarbete/internal/zipcheck"
)

// Identity keys, the same in the custom document properties (with
// propPrefix) and in the identity sheet (column A).
const (
	idTemplateVersion  = "templateVersion"
	idOrganisation     = "organisation"
	idPeriod           = "period"
	idRound            = "round"
	idScope            = "scope"
	idUnit             = "unit"
	idTeams            = "teams"
	idLanguage         = "language"
	idContentHash      = "contentHash"
	idInstructionsHash = "instructionsHash"
	// idSheetPrefix keys map layout sheets to their names:
	// "sheet:unitGoals", "sheet:team:2".
	idSheetPrefix = "sheet:"
	// idGoalPrefix keys give the ids of pre-filled goals: "goal:unit:2" for
	// a unit goal slot, "goal:3:1" for slot 1 of the third team.
	idGoalPrefix = "goal:"
)

// unitGoalKey and teamGoalKey are the identity keys of pre-filled goals.
func unitGoalKey(slot int) string { return idGoalPrefix + "unit:" + strconv.Itoa(slot) }
func teamGoalKey(n, slot int) string {
	return idGoalPrefix + strconv.Itoa(n) + ":" + strconv.Itoa(slot)
}

// propPrefix starts the names of our custom document properties.
const propPrefix = "malarbete."

// identityPairs returns the identity as ordered key/value pairs.
func identityPairs(id domain.Identity) [][2]string {
	return [][2]string{
		{idTemplateVersion, id.TemplateVersion},
		{idOrganisation, id.Organisation},
		{idPeriod, id.Period},
		{idRound, id.Round},
		{idScope, string(id.Scope)},
		{idUnit, id.Unit},
		{idTeams, strings.Join(id.Teams, ",")},
		{idLanguage, string(id.Language)},
		{idContentHash, id.ContentHash},
		{idInstructionsHash, id.InstructionsHash},
	}
}

// setIdentity fills id from a key/value pair; unknown keys are ignored so
// that newer workbooks still read.
func setIdentity(id *domain.Identity, key, value string) {
	switch key {
	case idTemplateVersion:
		id.TemplateVersion = value
	case idOrganisation:
		id.Organisation = value
	case idPeriod:
		id.Period = value
	case idRound:
		id.Round = value
	case idScope:
		id.Scope = domain.Scope(value)
	case idUnit:
		id.Unit = value
	case idTeams:
		id.Teams = nil
		for _, t := range strings.Split(value, ",") {
			if t = strings.TrimSpace(t); t != "" {
				id.Teams = append(id.Teams, t)
			}
		}
	case idLanguage:
		id.Language = domain.Lang(value)
	case idContentHash:
		id.ContentHash = value
	case idInstructionsHash:
		id.InstructionsHash = value
	}
}

// identity writes the identity into the hidden sheet and hides it.
func (w *writer) identity() error {
	w.id = domain.Identity{
		TemplateVersion:  w.lay.Version,
		Organisation:     w.org.ID,
		Period:           w.org.Period,
		Round:            w.round.ID,
		Scope:            w.scope,
		Unit:             w.unit.ID,
		Language:         w.l.Lang(),
		ContentHash:      w.content.hash(),
		InstructionsHash: w.instructionsHash,
	}
	for _, t := range w.teams {
		w.id.Teams = append(w.id.Teams, t.ID)
	}
	pairs := w.signed(identityPairs(w.id))
	for _, key := range w.sheetKeys() {
		pairs = append(pairs, [2]string{idSheetPrefix + key, w.sheet[key]})
	}
	for i, name := range w.teamSheet {
		pairs = append(pairs, [2]string{idSheetPrefix + SheetTeam + ":" + strconv.Itoa(i+1), name})
	}
	for i, id := range unitGoalIDs(w.org, w.unit)[:len(w.unit.Goals)] {
		pairs = append(pairs, [2]string{unitGoalKey(i + 1), id})
	}
	for i, t := range w.teams {
		for slot := 1; slot <= maxTeamGoals(w.org); slot++ {
			if g, ok := w.teamGoals[t.ID][slot]; ok {
				pairs = append(pairs, [2]string{teamGoalKey(i+1, slot), g.ID})
			}
		}
	}
	sheet := w.lay.IdentitySheet
	for i, p := range pairs {
		if err := w.f.SetCellStr(sheet, cell(1, i+1), p[0]); err != nil {
			return fmt.Errorf("identity: %w", err)
		}
		if err := w.f.SetCellStr(sheet, cell(2, i+1), p[1]); err != nil {
			return fmt.Errorf("identity: %w", err)
		}
	}
	if err := w.f.SetSheetVisible(sheet, false, true); err != nil {
		return fmt.Errorf("hide identity sheet: %w", err)
	}
	return w.protect(sheet)
}

// properties writes the identity as custom document properties and fixes
// the core properties' timestamps to the given date.
func (w *writer) properties() error {
	if err := setCustomProps(w.f, w.signed(identityPairs(w.id))); err != nil {
		return err
	}
	stamp := w.date.String() + "T00:00:00Z"
	title := w.l.T("WorkbookInstructionsTitle", w.data())
	switch w.scope {
	case domain.ScopeTeam:
		title = w.l.T("WorkbookInstructionsTitleTeam", map[string]any{"Unit": w.unit.Name, "Team": w.teams[0].Name, "Period": w.org.Period})
	case domain.ScopeIndividual:
		title = w.l.T("WorkbookInstructionsTitleIndividual", w.data())
	}
	err := w.f.SetDocProps(&excelize.DocProperties{
		Created: stamp, Modified: stamp, Creator: "malarbete", LastModifiedBy: "malarbete",
		Title: title, Subject: w.org.Name, Language: string(w.l.Lang()), Identifier: w.unit.ID,
	})
	if err != nil {
		return fmt.Errorf("document properties: %w", err)
	}
	return nil
}

// customPropsPart is where the custom document properties live.
const customPropsPart = "docProps/custom.xml"

// customProps and customProp mirror excelize's custom-properties part for
// string properties: marshalled, they give the bytes SetCustomProps
// writes (TestCustomPropsAsExcelize keeps them equal).
type customProps struct {
	XMLName  xml.Name     `xml:"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties Properties"`
	Vt       string       `xml:"xmlns:vt,attr"`
	Property []customProp `xml:"property"`
}

type customProp struct {
	XMLName xml.Name `xml:"property"`
	FmtID   string   `xml:"fmtid,attr"`
	PID     int      `xml:"pid,attr"`
	Name    string   `xml:"name,attr,omitempty"`
	Lpwstr  string   `xml:"vt:lpwstr"`
}

// setCustomProps writes pairs as string properties named propPrefix+key,
// the same part that one SetCustomProps call per pair gives. That way
// decodes and re-encodes the whole part on each call, and the nine
// identity properties cost a tenth of the writer's own time; here
// excelize adds the first two (for the part's relationship and content
// type) and the part is then written once.
func setCustomProps(f *excelize.File, pairs [][2]string) error {
	if len(pairs) == 0 {
		return nil
	}
	// The second call rewrites the part's relationship as excelize's
	// later calls leave it; the third and later ones only add properties.
	for _, p := range pairs[:min(2, len(pairs))] {
		if err := f.SetCustomProps(excelize.CustomProperty{Name: propPrefix + p[0], Value: p[1]}); err != nil {
			return fmt.Errorf("custom property %s: %w", p[0], err)
		}
	}
	props := customProps{Vt: excelize.NameSpaceDocumentPropertiesVariantTypes.Value, Property: make([]customProp, len(pairs))}
	for i, p := range pairs {
		// excelize numbers properties from 2, each one above the last.
		props.Property[i] = customProp{FmtID: excelize.EXtURICustomPropertyFmtID, PID: i + 2, Name: propPrefix + p[0], Lpwstr: p[1]}
	}
	out, err := xml.Marshal(props)
	if err != nil {
		return fmt.Errorf("custom properties: %w", err)
	}
	f.Pkg.Store(customPropsPart, append([]byte(xml.Header), out...))
	return nil
}

// Stamp is what a workbook says about itself before it is read whole.
type Stamp struct {
	Identity domain.Identity
	// Feedback marks a copy written by AnnotateFile: its first sheet
	// lists the findings.
	Feedback bool
}

// ReadIdentity reads the identity of the workbook at path, and whether it
// is a feedback copy, without reading its regions: mail addresses
// workbooks by it. The archive is checked as Read checks it. A workbook
// without our identity gives ErrNotOurs; Read says why a file is refused.
func ReadIdentity(path string) (st Stamp, err error) {
	defer func() {
		if p := recover(); p != nil {
			st, err = Stamp{}, fmt.Errorf("read identity of %s: damaged workbook", filepath.Base(path))
		}
	}()
	in, err := os.Open(path)
	if err != nil {
		return Stamp{}, fmt.Errorf("read identity: %w", err)
	}
	defer in.Close()
	info, err := in.Stat()
	if err != nil {
		return Stamp{}, fmt.Errorf("read identity: %w", err)
	}
	lay, cat, err := defaults(nil, nil)
	if err != nil {
		return Stamp{}, err
	}
	_, refused, err := checkArchive(in, info.Size(), filepath.Base(path), zipcheck.Limits{})
	if err != nil {
		return Stamp{}, fmt.Errorf("read identity: %w", err)
	}
	if refused != nil {
		return Stamp{}, fmt.Errorf("read identity of %s: refused (%s)", filepath.Base(path), refused.Code)
	}
	f, err := excelize.OpenReader(io.NewSectionReader(in, 0, info.Size()), openOptions(zipcheck.Limits{}))
	if err != nil {
		return Stamp{}, fmt.Errorf("read identity of %s: %w", filepath.Base(path), err)
	}
	defer f.Close()
	b := openBook(f, lay, cat)
	if !b.ours() {
		return Stamp{}, fmt.Errorf("read identity of %s: %w", filepath.Base(path), ErrNotOurs)
	}
	sheets := f.GetSheetList()
	return Stamp{Identity: b.id, Feedback: len(sheets) > 0 && isFindingsSheet(sheets[0], cat)}, nil
}

// isFindingsSheet reports whether name is the findings sheet that
// findingsSheet puts first, in either language, with or without the
// number it gets when the name is taken.
func isFindingsSheet(name string, cat *i18n.Catalogue) bool {
	for _, lang := range domain.Langs {
		base := sheetName(cat.Localizer(lang).T("WorkbookAnnotateSheet", nil))
		if rest, ok := strings.CutPrefix(name, base); ok && (rest == "" || strings.HasPrefix(rest, " (")) {
			return true
		}
	}
	return false
}
