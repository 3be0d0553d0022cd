package workbook

import "errors"

// Errors of the writer; wrapped with the id that caused them.
var (
	// ErrUnknownUnit means the unit is not in the organisation.
	ErrUnknownUnit = errors.New("unknown unit")
	// ErrUnknownTeam means the team is not a team of the unit.
	ErrUnknownTeam = errors.New("unknown team")
	// ErrUnknownRound means the round is not one of the organisation's.
	ErrUnknownRound = errors.New("unknown round")
	// ErrNotOurs means a workbook carries no identity of malarbete.
	ErrNotOurs = errors.New("not a malarbete workbook")
)
