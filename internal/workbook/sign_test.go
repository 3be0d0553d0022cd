package workbook

import (
	"bytes"
	"context"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/signature"
)

func testKey(tb testing.TB) signature.Key {
	tb.Helper()
	k, err := signature.New()
	if err != nil {
		tb.Fatal(err)
	}
	return k
}

// signedFilled is the filled workbook of Förskolan Björken, signed with key.
func signedFilled(tb testing.TB, key signature.Key) []byte {
	tb.Helper()
	return generateFilled(tb, testOrg(), Options{Unit: "bjorken", Key: key}, answers(""))
}

func readWith(tb testing.TB, data []byte, key signature.Key) (*domain.Submission, domain.Findings) {
	tb.Helper()
	sub, fs, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), testOrg(), ReadOptions{Name: "x.xlsx", Key: key})
	if err != nil {
		tb.Fatal(err)
	}
	return sub, fs
}

// TestSignature: the identity is signed with the organisation's key; a
// workbook whose identity was edited, that was signed with another key or
// not at all, is refused with one finding that says which.
func TestSignature(t *testing.T) {
	key := testKey(t)
	good := signedFilled(t, key)
	for _, tt := range []struct {
		name string
		data []byte
		key  signature.Key
		msg  string // "" for none
	}{
		{"signed", good, key, ""},
		{"signed, read without a key", good, signature.Key{}, ""},
		{"unsigned, read without a key", filled(t, domain.Swedish), signature.Key{}, ""},
		{"unsigned: made before the key existed", filled(t, domain.Swedish), key, FindingUnsigned.MessageID},
		{"signed with another key", good, testKey(t), FindingSignedOtherKey.MessageID},
		{"unit claimed in sheet and properties", setCorpusIdentity(t, good, idUnit, "forradet", true), key, FindingSignatureAltered.MessageID},
		{"team list emptied", setCorpusIdentity(t, good, idTeams, "", true), key, FindingSignatureAltered.MessageID},
		{"content hash replaced", setCorpusIdentity(t, good, idContentHash, "00", true), key, FindingSignatureAltered.MessageID},
		{"signature removed", setCorpusIdentity(t, good, idSignature, "", true), key, FindingUnsigned.MessageID},
		// The properties alone are edited: the sheet wins, its identity is
		// genuine and only the mismatch is reported.
		{"unit claimed in the properties only", setCorpusIdentity(t, good, idUnit, "forradet", false), key, ""},
		{"identity sheet dropped", edit(t, good, func(f *excelize.File) { must(t, f.DeleteSheet("_malarbete")) }), key, ""},
		// Without a key, the team list emptied does not fit the sheets.
		{"team list emptied, read without a key", setCorpusIdentity(t, good, idTeams, "", true), signature.Key{}, FindingTeamsDoNotFit.MessageID},
		{"one team dropped, read without a key", setCorpusIdentity(t, good, idTeams, "smabarn", true), signature.Key{}, FindingTeamsDoNotFit.MessageID},
		{"team workbook naming two teams", setCorpusIdentity(t, setCorpusIdentity(t, good, idScope, "team", true), idTeams, "smabarn,storabarn", true), signature.Key{}, FindingTeamsDoNotFit.MessageID},
	} {
		t.Run(tt.name, func(t *testing.T) {
			sub, fs := readWith(t, tt.data, tt.key)
			var got []domain.Finding
			for _, f := range fs {
				if f.Code == FindingUnsigned.Code || f.Code == FindingSignatureAltered.Code || f.Code == FindingTeamsDoNotFit.Code {
					got = append(got, f)
				}
			}
			switch {
			case tt.msg == "" && (len(got) > 0 || sub == nil):
				t.Fatalf("refused: %v", got)
			case tt.msg == "":
			case len(got) != 1 || got[0].MessageID != tt.msg || len(fs) != 1:
				t.Fatalf("findings %v, want only %s", fs, tt.msg)
			case sub != nil:
				t.Fatal("a refused workbook gave a submission")
			}
		})
	}
}

// TestSignatureOfOtherOrganisation: a workbook of another organisation
// is refused by the rules (MB0201), which say whose it is, not by the
// signature check.
func TestSignatureOfOtherOrganisation(t *testing.T) {
	org := testOrg()
	org.ID = "storuman"
	data := generateFilled(t, org, Options{Unit: "bjorken", Key: testKey(t)}, answers(""))
	sub, fs := readWith(t, data, testKey(t))
	if sub == nil {
		t.Fatalf("not read: %v", fs)
	}
}
