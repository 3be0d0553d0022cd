// Package testkit holds what the tests of several packages share: the
// fake batch of the validate and collect tests (a small organisation,
// planning and follow-up workbooks, a fake reader, a factory with
// captured streams), the Sorsele fixtures loaded through the real
// loaders, golden files, the catalogue check of finding rules, and for
// end-to-end tests the real binary and a replayable random seed.
//
// Only tests import it.
package testkit
