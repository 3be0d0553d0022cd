package zipcheck

import (
	"encoding/binary"
	"io"
	"strings"
	"unicode/utf16"
)

// checkCFB tells apart the OLE2 compound files a manager may send instead
// of an .xlsx: an encrypted (password-protected) OOXML workbook, which is
// a compound file with the streams EncryptionInfo and EncryptedPackage,
// and an old .xls, which has a stream Workbook (Excel 97–2003) or Book
// (Excel 5/95). They need different advice: remove the password, or save
// as .xlsx. Any other compound file (a Word .doc, say) is no workbook.
//
// This is a scan, not a parse of the CFB sector chains: directory entries
// are 128 bytes and start at 128-byte boundaries (sectors are 512 or 4096
// bytes, and sector n starts at (n+1)·sector size), so every aligned
// block after the header is tried as an entry: a stream (type 2) whose
// name length field matches a known UTF-16LE name. A crafted file can
// fool it into the other message, never into being read; a cell text in
// an .xls is not aligned and typed like an entry, so it does not.
// The whole file is scanned because the directory may sit anywhere; the
// file is at most Limits.MaxFileSize, scanned in 64 KB chunks.
func checkCFB(r io.ReaderAt, size int64) *Error {
	const (
		headerSize = 512
		entrySize  = 128
	)
	var found *Error
	scan(r, headerSize, size, 0, func(_ int64, b []byte) bool {
		for i := 0; i+entrySize <= len(b); i += entrySize {
			switch name := cfbStreamName(b[i : i+entrySize]); {
			case strings.EqualFold(name, "EncryptionInfo"), strings.EqualFold(name, "EncryptedPackage"):
				found = &Error{Kind: Encrypted}
				return false
			case strings.EqualFold(name, "Workbook"), strings.EqualFold(name, "Book"):
				found = &Error{Kind: OldXLS}
				return false
			}
		}
		return true
	})
	if found == nil {
		return &Error{Kind: NotZip}
	}
	return found
}

// cfbStreamName returns the name of a 128-byte CFB directory entry when it
// looks like a stream entry, or "".
func cfbStreamName(e []byte) string {
	const streamType = 2
	n := int(binary.LittleEndian.Uint16(e[64:66])) // bytes, with the terminating NUL
	if e[66] != streamType || n < 4 || n > 64 || n%2 != 0 {
		return ""
	}
	units := make([]uint16, n/2-1)
	for i := range units {
		units[i] = binary.LittleEndian.Uint16(e[2*i:])
	}
	if binary.LittleEndian.Uint16(e[n-2:]) != 0 {
		return ""
	}
	return string(utf16.Decode(units))
}
