package workbook

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
)

// content collects the pre-filled texts whose hash goes into the identity.
// Keys name the region, record and column ("hierarchy/vision/text"), not
// the cell, so that rows inserted above do not change the hash.
type content map[string]string

func (c content) add(key, value string) {
	// Trimmed on both sides: the reader trims what it reads.
	if value = strings.TrimSpace(value); value != "" {
		c[key] = value
	}
}

// hash returns a hex SHA-256 over the sorted key/value pairs.
func (c content) hash() string {
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	h := sha256.New()
	for _, k := range keys {
		h.Write([]byte(k))
		h.Write([]byte{0x1f})
		h.Write([]byte(normText(c[k])))
		h.Write([]byte{0x1e})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// normText is a text as the content hash sees it: trimmed, with
// normalized line ends, so that a program that saves \r\n does not look
// like an edit. The reader compares texts with the config the same way.
func normText(s string) string {
	return strings.ReplaceAll(strings.TrimSpace(s), "\r\n", "\n")
}

func contentKey(parts ...string) string { return strings.Join(parts, "/") }
