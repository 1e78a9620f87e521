// Command archive writes a release archive whose bytes depend only on the files' contents, names and
// executable bits, and on one timestamp, so that building a release twice gives identical archives.
//
//	go run ./scripts/archive -mtime UNIX_SECONDS [-dir NAME] OUT.tar.gz|OUT.zip FILE...
//
// A FILE that is a directory is archived with everything in it, under its base name. Entries are sorted
// by name, owned by 0:0 with no user or group names, stamped with -mtime, and have mode 0755 if the file
// is executable by its owner or a directory, and 0644 otherwise. With -dir they sit in a directory NAME/,
// so that unpacking cannot overwrite a README in the current directory.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// entry is one file to archive: where it comes from and what it is called inside the archive;
// a name ending in / is a directory.
type entry struct{ src, name string }

func (e entry) isDir() bool { return strings.HasSuffix(e.name, "/") }

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "archive: %v\n", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("archive", flag.ContinueOnError)
	mtime := fs.Int64("mtime", -1, "timestamp of every entry, in seconds since the epoch (SOURCE_DATE_EPOCH)")
	dir := fs.String("dir", "", "put the files in this directory inside the archive")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *mtime < 0 || fs.NArg() < 2 {
		return errors.New("usage: archive -mtime UNIX_SECONDS [-dir NAME] OUT.tar.gz|OUT.zip FILE [FILE ...]")
	}
	entries, err := collect(*dir, fs.Args()[1:])
	if err != nil {
		return err
	}
	return write(fs.Arg(0), entries, time.Unix(*mtime, 0).UTC())
}

// collect names each file by its base name under dir, adds what the directories among them hold, and sorts
// them all, so argument order does not matter.
func collect(dir string, files []string) ([]entry, error) {
	var entries []entry
	if dir != "" {
		entries = append(entries, entry{name: dir + "/"})
	}
	for _, f := range files {
		base := filepath.Base(f)
		err := filepath.WalkDir(f, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(f, p)
			e := entry{src: p, name: path.Join(dir, base, filepath.ToSlash(rel))}
			if d.IsDir() {
				e = entry{name: e.name + "/"}
			}
			entries = append(entries, e)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.name, b.name) })
	for i := 1; i < len(entries); i++ {
		if entries[i].name == entries[i-1].name {
			return nil, fmt.Errorf("two files named %s", entries[i].name)
		}
	}
	return entries, nil
}

// write creates out in the format its name asks for, removing it again if anything fails, so that no partial archive
// is left to be released.
func write(out string, entries []entry, mtime time.Time) (err error) {
	var writeArchive func(io.Writer, []entry, time.Time) error
	switch {
	case strings.HasSuffix(out, ".tar.gz"):
		writeArchive = writeTarGz
	case strings.HasSuffix(out, ".zip"):
		writeArchive = writeZip
	default:
		return fmt.Errorf("%s: the name must end in .tar.gz or .zip", out)
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(out)
		}
	}()
	return writeArchive(f, entries, mtime)
}
