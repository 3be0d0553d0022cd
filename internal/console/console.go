// Package console prepares the terminal that malarbete writes to. On
// Windows, cmd.exe and PowerShell start with a legacy code page (850 or
// 1252) and without ANSI escape sequences: Setup switches the console to
// UTF-8, so that å, ä and ö survive a pipe or a redirect, and enables the
// escape sequences; Color tells whether coloured severities can be shown.
// Elsewhere terminals already speak UTF-8 and ANSI.
package console
