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
	return []rule{FindingNotOurs, FindingSheetMissing, FindingPrefillChanged, FindingNotADate, FindingFormula,
		FindingExternalLink, FindingOldXLS, FindingEncrypted, FindingDamaged, FindingCorrupt, FindingEmpty,
		FindingNotZip, FindingNotWorkbook, FindingIdentityMismatch, FindingRegionByKey, FindingRegionMissing,
		FindingTooLarge, FindingTooManyEntries, FindingEntryTooLarge, FindingTotalTooLarge, FindingInsecureName}
}

// checkArchive runs zipcheck on the file. It returns the finding of a
// refused file, or an error when reading r failed (a disk fault, which
// is not the sender's to fix).
func checkArchive(r io.ReaderAt, size int64, name string, lim zipcheck.Limits) (*domain.Finding, error) {
	err := zipcheck.Check(r, size, lim)
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
