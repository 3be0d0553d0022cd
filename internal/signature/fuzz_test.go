package signature

import "testing"

// FuzzVerify: the signature comes from the workbook, which anyone can
// edit; Verify must never panic and accept nothing k did not sign.
func FuzzVerify(f *testing.F) {
	k, err := New()
	if err != nil {
		f.Fatal(err)
	}
	good := k.Sign(fields)
	f.Add(good, "bjorken")
	f.Add("", "bjorken")
	f.Add("v1:"+k.ID()+":", "x")
	f.Add("v1::::", "")
	f.Fuzz(func(t *testing.T, sig, unit string) {
		fs := append([][2]string(nil), fields...)
		fs[1][1] = unit
		if k.Verify(fs, sig) == nil && (sig != good || unit != "bjorken") && k.Sign(fs) != sig {
			t.Fatalf("Verify accepted %q for unit %q", sig, unit)
		}
	})
}

// FuzzParse: a key file someone edited by hand must give a key or
// ErrBadKey, never a panic.
func FuzzParse(f *testing.F) {
	k, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(k.Marshal())
	f.Add([]byte("# x\n" + prefix + "00\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, err := Parse(data); err == nil && got.IsZero() {
			t.Fatal("Parse gave a zero key without an error")
		}
	})
}
