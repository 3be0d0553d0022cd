// Package fieldtest holds the end-to-end test of the field tables
// (internal/domain/field.go): a field is written, filled, read back,
// checked, merged, summarised and reported by iterating the tables, with
// no code of its own in any of those places. The package has no code
// outside its tests.
package fieldtest
