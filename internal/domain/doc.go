// Package domain holds the types of målarbete: the organisation with its
// vision, values, departments, units, teams and salary criteria; the goals
// that units and teams set and follow up; the register that collects them;
// and the findings that tell people what to fix.
//
// It imports nothing that does I/O. Adapters (config, workbook, report,
// register) translate between these types and files.
package domain
