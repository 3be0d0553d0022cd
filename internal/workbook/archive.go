package workbook

import (
	"errors"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/zipcheck"
)

// Findings of the archive check, made before excelize opens anything. Their
// sentences are zipcheck's (locales/archive.*.yaml), one per zipcheck.Kind,
// so that each refusal says how to fix it; the codes group them by what HR
// does about them.
var (
	// FindingOldXLS: an Excel 97–2003 workbook.
	FindingOldXLS = rule{"MB0307", domain.SeverityError, "ArchiveOldXLS"}
	// FindingEncrypted: a password to open, or zip-encrypted entries.
	FindingEncrypted = rule{"MB0308", domain.SeverityError, "ArchiveEncrypted"}
	// FindingDamaged: a damaged archive (cut off, CRC or length wrong,
	// overlapping or duplicate entries). FindingCorrupt is the same code
	// for damage that only the parser sees.
	FindingDamaged = rule{"MB0309", domain.SeverityError, "ArchiveCorrupt"}
	// FindingEmpty, FindingNotZip, FindingNotWorkbook: not an .xlsx at
	// all: no bytes, no zip, or a zip without a workbook in it.
	FindingEmpty       = rule{"MB0310", domain.SeverityError, "ArchiveEmpty"}
	FindingNotZip      = rule{"MB0310", domain.SeverityError, "ArchiveNotZip"}
	FindingNotWorkbook = rule{"MB0310", domain.SeverityError, "ArchiveNotWorkbook"}
	// FindingTooLarge and its kin: over a limit of size or entries
	// (zip bombs among them). Not damaged: the file may be a real
	// workbook with large pictures in it, and the advice differs.
	FindingTooLarge       = rule{"MB0314", domain.SeverityError, "ArchiveTooLarge"}
	FindingTooManyEntries = rule{"MB0314", domain.SeverityError, "ArchiveTooManyEntries"}
	FindingEntryTooLarge  = rule{"MB0314", domain.SeverityError, "ArchiveEntryTooLarge"}
	FindingTotalTooLarge  = rule{"MB0314", domain.SeverityError, "ArchiveTotalTooLarge"}
	// FindingPartTooLarge: a sheet or another XML part over the reader's
	// own limits (maxSheetXML, maxOtherXML), far below zipcheck's.
	FindingPartTooLarge = rule{"MB0314", domain.SeverityError, "WorkbookFindingPartTooLarge"}
	// FindingInsecureName: an entry name that points outside the archive
	// (absolute, drive letter, backslash, "..", control characters).
	// Its own code, not MB0309: no program damages a file this way, it
	// is made so, and HR may want to know.
	FindingInsecureName = rule{"MB0315", domain.SeverityError, "ArchiveInsecureName"}
)

// archiveRules maps each refusal of zipcheck to its finding.
var archiveRules = map[zipcheck.Kind]rule{
	zipcheck.TooLarge:       FindingTooLarge,
	zipcheck.Empty:          FindingEmpty,
	zipcheck.NotZip:         FindingNotZip,
	zipcheck.OldXLS:         FindingOldXLS,
	zipcheck.Encrypted:      FindingEncrypted,
	zipcheck.TooManyEntries: FindingTooManyEntries,
	zipcheck.InsecureName:   FindingInsecureName,
	zipcheck.EntryTooLarge:  FindingEntryTooLarge,
	zipcheck.TotalTooLarge:  FindingTotalTooLarge,
	zipcheck.Corrupt:        FindingDamaged,
	zipcheck.NotWorkbook:    FindingNotWorkbook,
}

// readerRules lists every finding the reader can produce, for the
// catalogue and documentation tests.
func readerRules() []rule {
	return append([]rule{FindingNotOurs, FindingSheetMissing, FindingPrefillChanged, FindingPrefillEdited, FindingConfigChanged, FindingNotADate, FindingFormula,
		FindingExternalLink, FindingOldXLS, FindingEncrypted, FindingDamaged, FindingCorrupt, FindingEmpty,
		FindingNotZip, FindingNotWorkbook, FindingIdentityMismatch, FindingRegionByKey, FindingRegionMissing,
		FindingTooLarge, FindingTooManyEntries, FindingEntryTooLarge, FindingTotalTooLarge, FindingPartTooLarge,
		FindingInsecureName, FindingInstructionChanged, FindingOutside, FindingSheetNotRead}, integrityRules()...)
}

// checkArchive runs zipcheck's structure check on the file, everything
// but decompressing it, and the reader's limits on parts. It returns the
// entries for verifyArchive, the finding of a refused file, or an error
// when reading r failed (a disk fault, which is not the sender's to fix).
func checkArchive(r io.ReaderAt, size int64, name string, lim zipcheck.Limits) ([]zipcheck.Entry, *domain.Finding, error) {
	entries, err := zipcheck.CheckStructure(r, size, lim)
	if err != nil {
		f, err := archiveFinding(err, name)
		return nil, f, err
	}
	return entries, checkParts(entries, name), nil
}

// verifyArchive checks that excelize unpacked every entry whole and
// unaltered, comparing the parts it holds with the sizes and CRCs of the
// central directory. excelize ignores a damaged entry's read error; this
// check takes the place of a second decompression. Where a part is not
// there to compare (excelize unpacked it to a temporary file, or dropped
// it) or does not match, the whole archive is checked again from r, so
// that only zipcheck's own verdict refuses a file.
func verifyArchive(f *excelize.File, entries []zipcheck.Entry, r io.ReaderAt, size int64, name string, lim zipcheck.Limits) (*domain.Finding, error) {
	// Part names are case-insensitive, zipcheck refused duplicates, and
	// excelize stores two parts under another case than the archive's.
	parts := make(map[string][]byte, len(entries))
	f.Pkg.Range(func(k, v any) bool {
		part, _ := k.(string)
		data, _ := v.([]byte)
		parts[strings.ToLower(part)] = data
		return true
	})
	for _, e := range entries {
		data, ok := parts[strings.ToLower(e.Name)]
		if !ok || e.Verify(data) != nil {
			return archiveFinding(zipcheck.Check(r, size, lim), name)
		}
	}
	return nil, nil
}

// archiveFinding turns zipcheck's verdict into a finding: nil for none,
// an error for a failure to read the file.
func archiveFinding(err error, name string) (*domain.Finding, error) {
	if err == nil {
		return nil, nil
	}
	var ze *zipcheck.Error
	if !errors.As(err, &ze) {
		return nil, err
	}
	ru, ok := archiveRules[ze.Kind]
	if !ok {
		ru = FindingDamaged
	}
	// Data holds limits only, never a name or byte from the file.
	f := ru.at(name, "", "", ze.Data())
	return &f, nil
}

// The reader's limits on single XML parts, far below zipcheck's limit per
// entry (64 MB), which leaves room for pasted pictures. excelize turns
// every row and cell of a sheet it reads into structs some 30 times the
// size of their XML, and keeps them: a sheet of 60 MB of small rows took
// 59 s and 3.4 GB of heap to read (measured on the corpus machine). A
// filled sheet is under 100 KB, even with long texts, which live in the
// shared strings; a workbook saved by Excel or LibreOffice keeps its
// styles and theme under 1 MB.
const (
	// maxSheetXML bounds one sheet: 2 MB is some 50,000 rows of cells.
	maxSheetXML = 2 << 20
	// maxSharedStrings bounds the shared strings (32,767 characters in
	// each of a few hundred cells); how many strings they hold is bounded
	// by the sheets' shape check (shape.go).
	maxSharedStrings = 16 << 20
	// maxOtherXML bounds every other XML part. excelize parses the
	// workbook, its relationships, styles, theme and calculation chain as
	// it opens the file, before any check of their content: a styles part
	// of 16 MB of cell formats took 204 MB of heap to open. Excel and
	// LibreOffice keep each under 1 MB.
	maxOtherXML = 2 << 20
	// maxUnpacked bounds the parts in all, below zipcheck's 128 MB:
	// excelize holds every part in memory, in a buffer that grows to
	// twice the part's size, so two pictures of 62 MB of zeros took
	// 375 MB of heap to read and a 588 MB peak to annotate. Pictures are
	// stored packed (PNG, JPEG) and the file is at most 25 MB, so a
	// workbook with real pictures pasted in unpacks to little more than
	// its size.
	maxUnpacked = 32 << 20
)

// checkParts refuses a sheet or another XML part over the reader's
// limits. zipcheck has checked the declared sizes against its own limits,
// and verifyArchive will check them against the data.
func checkParts(entries []zipcheck.Entry, name string) *domain.Finding {
	total := uint64(0)
	for _, e := range entries {
		if total += e.Size; total > maxUnpacked {
			f := FindingTotalTooLarge.at(name, "", "", map[string]any{"MaxMB": maxUnpacked >> 20})
			return &f
		}
		n := strings.ToLower(e.Name)
		limit := uint64(0)
		switch {
		case strings.HasPrefix(n, "xl/worksheets/") && strings.HasSuffix(n, ".xml"):
			limit = maxSheetXML
		case n == "xl/sharedstrings.xml":
			limit = maxSharedStrings
		case strings.HasSuffix(n, ".xml"), strings.HasSuffix(n, ".rels"), strings.HasSuffix(n, ".vml"):
			limit = maxOtherXML
		}
		if limit > 0 && e.Size > limit {
			f := FindingPartTooLarge.at(name, "", "", map[string]any{"MaxMB": limit >> 20})
			return &f
		}
	}
	return nil
}

// openOptions gives excelize the limits zipcheck applied. excelize checks
// them against declared sizes only, which zipcheck has compared with the
// real ones; they stay as a second fence. excelize refuses an XML limit
// above the total one.
func openOptions(lim zipcheck.Limits) excelize.Options {
	lim = lim.WithDefaults()
	return excelize.Options{UnzipSizeLimit: lim.MaxTotalSize, UnzipXMLSizeLimit: min(lim.MaxEntrySize, lim.MaxTotalSize)}
}

// hasExternalLinks reports whether the workbook holds links to other
// workbooks (parts under xl/externalLinks/), which no cell formula may
// show once the link's values are cached.
func hasExternalLinks(f *excelize.File) bool {
	found := false
	f.Pkg.Range(func(k, _ any) bool {
		if s, ok := k.(string); ok && strings.HasPrefix(strings.ToLower(s), "xl/externallinks/") {
			found = true
		}
		return !found
	})
	return found
}
