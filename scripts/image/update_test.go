package main

// Accepts the -update of go test ./... -update, though this package has no golden files to rewrite.
import _ "github.com/sysext-ign/sysext-ign/internal/golden"
