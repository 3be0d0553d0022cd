package cmdutil

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/malarbete/malarbete/internal/intake"
	"github.com/malarbete/malarbete/internal/signature"
	"github.com/malarbete/malarbete/internal/workbook"
)

// KeyPath returns where the organisation's signing key is kept: beside
// the config (--config).
func (f *Factory) KeyPath() string { return signature.Path(f.ConfigPath) }

// SigningKey returns the organisation's key that signs workbooks (generate)
// and verifies them (validate, collect), from the file beside the config.
// With create, a key is made when there is none: created says so, and
// ErrOut tells the user how to keep it. A key that is missing or cannot be
// read or made is a UserError that names the file.
func (f *Factory) SigningKey(create bool) (key signature.Key, created bool, err error) {
	return f.KeyBeside(f.ConfigPath, create)
}

// KeyBeside is SigningKey for the config at configPath (init's new one).
func (f *Factory) KeyBeside(configPath string, create bool) (key signature.Key, created bool, err error) {
	path := signature.Path(configPath)
	load := f.LoadKey
	if load == nil {
		if configPath == "" {
			// A Factory of a test without a config file: no key beside
			// nothing, and never one in the working folder.
			return signature.Key{}, false, fmt.Errorf("signing key: no config path")
		}
		load = signature.Open
	}
	key, created, err = load(path, create)
	data := map[string]any{"File": path}
	switch {
	case err == nil:
		if created {
			Say(f.IO.ErrOut, f.Localizer(), "CLIKeyCreated", data)
		}
		return key, created, nil
	case errors.Is(err, fs.ErrNotExist):
		return key, false, &UserError{MessageID: "CLIKeyMissing", Data: data, Hint: "CLIKeyMissingHint", Err: err}
	case errors.Is(err, signature.ErrBadKey):
		return key, false, &UserError{MessageID: "CLIKeyDamaged", Data: data, Hint: "CLIKeyMissingHint", Err: err}
	}
	data["Cause"] = FileCause(err)
	return key, false, &UserError{MessageID: "CLIKeyUnreadable", Data: data, Err: err}
}

// WorkbookReader returns read, or when it is nil the workbook reader of
// validate and collect: one that verifies every identity with the
// organisation's key, loaded with key.
func WorkbookReader(read intake.ReadFunc, key func(create bool) (signature.Key, bool, error)) (intake.ReadFunc, error) {
	if read != nil {
		return read, nil
	}
	k, _, err := key(false)
	if err != nil {
		return nil, err
	}
	return workbook.Reader(k), nil
}
