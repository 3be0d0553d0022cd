// Package workbook writes the goal workbooks that managers fill and reads
// them back. It is the only package that imports excelize.
//
// Both directions follow the layout in templates/workbook.yaml: the writer
// puts every input region under a defined name (MB_UnitGoals, MB_Team1, …)
// and the reader finds the regions by those names, falling back to the
// key column when a program dropped or broke a name. Header texts are for
// people and are never read. Identity (organisation, period, round, unit,
// teams, language and a hash of the pre-filled content) is kept twice, in
// custom document properties and in a very hidden sheet, because some
// programs keep only one of them.
package workbook
