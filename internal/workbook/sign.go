package workbook

import (
	"context"
	"errors"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/signature"
)

// The identity is signed with the organisation's key (internal/signature),
// so that a workbook whose hidden identity was edited to claim another
// unit, team list, round or organisation is refused. The signature covers
// the identity's fields as identityPairs gives them, the content hash
// among them; it is kept, like them, both in the identity sheet and in
// the document properties. The sheet-only keys (sheet names, pre-filled
// goal ids) are not signed: a program that keeps only the properties must
// still verify. checkFit checks them against the signed fields instead.

// idSignature is the identity key of the signature.
const idSignature = "signature"

// Findings of the signature check (MB0330, MB0331), each refusing the
// workbook: what it says about itself cannot be trusted.
var (
	// FindingUnsigned: no signature, the workbook was made before the
	// organisation had a key (or by an older version).
	FindingUnsigned = rule{"MB0330", domain.SeverityError, "WorkbookFindingUnsigned"}
	// FindingSignedOtherKey: signed, but with another key than the one
	// beside the config.
	FindingSignedOtherKey = rule{"MB0331", domain.SeverityError, "WorkbookFindingSignedOtherKey"}
	// FindingSignatureAltered: the identity was edited after signing.
	FindingSignatureAltered = rule{"MB0331", domain.SeverityError, "WorkbookFindingSignatureAltered"}
)

// integrityRules lists the findings that keep a workbook from claiming
// what it is not, for readerRules.
func integrityRules() []rule {
	return []rule{FindingUnsigned, FindingSignedOtherKey, FindingSignatureAltered, FindingTeamsDoNotFit,
		FindingRowNumber, FindingCellReference, FindingDuplicateCell, FindingTooManyCells, FindingTooManyMerges, FindingTooManyStrings, FindingTooManyStyles, FindingDoctype,
		FindingMoreErrors, FindingMoreWarnings, FindingMoreSheetsErrors, FindingMoreSheetsWarnings, FindingMacros}
}

// Reader returns a reader of workbook files that verifies their identity
// with key, with intake's ReadFunc's signature: what validate and collect
// read through.
func Reader(key signature.Key) func(ctx context.Context, path string, org *domain.Organisation) (*domain.Submission, domain.Findings, error) {
	return func(ctx context.Context, path string, org *domain.Organisation) (*domain.Submission, domain.Findings, error) {
		return readPath(ctx, path, org, ReadOptions{Key: key})
	}
}

// signed returns pairs with the signature of the writer's identity added,
// when the writer has a key.
func (w *writer) signed(pairs [][2]string) [][2]string {
	if sig := w.key.Sign(identityPairs(w.id)); sig != "" {
		pairs = append(pairs, [2]string{idSignature, sig})
	}
	return pairs
}

// signature returns the workbook's signature: the identity sheet's, else
// the document properties', as for the other identity keys.
func (b *book) signature() string {
	if v, ok := b.idSheet[idSignature]; ok {
		return v
	}
	return b.props[idSignature]
}

// checkSignature verifies the identity that the reader took with key; nil
// when it holds, else the finding that refuses the workbook. A workbook of
// another organisation or period is left to the rules, which say so in
// words HR can act on; it is refused all the same.
func (b *book) checkSignature(key signature.Key, org *domain.Organisation, file string) *domain.Finding {
	if key.IsZero() || b.id.Organisation != org.ID || b.id.Period != org.Period {
		return nil
	}
	err := key.Verify(identityPairs(b.id), b.signature())
	var r rule
	switch {
	case err == nil:
		return nil
	case errors.Is(err, signature.ErrUnsigned):
		r = FindingUnsigned
	case errors.Is(err, signature.ErrOtherKey):
		r = FindingSignedOtherKey
	default:
		r = FindingSignatureAltered
	}
	f := r.at(file, "", "", map[string]any{"Key": signature.FileName})
	return &f
}
