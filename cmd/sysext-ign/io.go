package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/sysext-ign/sysext-ign/generator"
	"github.com/sysext-ign/sysext-ign/safefile"
)

// stdinNames reach the process's own stdin; they are read as "-", so stdin never has two readers splitting it.
var stdinNames = []string{"-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0", "/proc/thread-self/fd/0"}

func isStdin(arg string) bool { return slices.Contains(stdinNames, filepath.Clean(arg)) }

// readSpec reads a spec file, or stdin for "-", and prints why when it cannot.
func (e *env) readSpec(arg string) (name string, src []byte, ok bool) {
	name, src, rep := e.load(arg)
	e.report(rep)
	return name, src, rep == nil
}

// load reads a file, or stdin for "-", no further than the size limit; a failure is a whole-file diagnostic.
func (e *env) load(arg string) (name string, src []byte, rep generator.Report) {
	name = arg
	var r io.Reader = e.stdin
	if isStdin(arg) {
		name = "<stdin>"
	} else {
		f, err := safefile.Open(arg)
		if err != nil {
			return name, nil, cannotRead(name, err)
		}
		defer f.Close()
		r = f
	}
	src, err := io.ReadAll(io.LimitReader(r, generator.MaxSpecBytes+1))
	if err != nil {
		return name, nil, cannotRead(name, err)
	}
	return name, src, nil
}

// readNamed reads a CA or include file for the generator: only regular files, and no further than the size limit,
// so a spec naming /dev/zero or a FIFO cannot exhaust memory or hang a pre-commit run.
func readNamed(name string) ([]byte, error) { return safefile.ReadFile(name, generator.MaxSpecBytes) }

// cannotRead reports an unreadable file as a whole-file diagnostic, without Go's doubled path.
func cannotRead(name string, err error) generator.Report {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return generator.Report{generator.NewDiagnostic(name, generator.Pos{}, "cannot-read", "cannot read: "+err.Error())}
}

func (e *env) report(rep generator.Report) {
	for _, d := range rep {
		fmt.Fprintln(e.stderr, d)
	}
}

// note prints one line to stderr with what it quotes (a path, an error) escaped, as a diagnostic is.
func (e *env) note(format string, args ...any) {
	fmt.Fprintln(e.stderr, generator.EscapeText(fmt.Sprintf(format, args...)))
}

// emit writes the result to stdout, or atomically to path so a failure never leaves half a config.
func (e *env) emit(path string, out []byte) int {
	if path == "" {
		if _, err := e.stdout.Write(out); err != nil {
			e.note("sysext-ign: writing output: %v", err)
			return exitInvalid
		}
		return exitOK
	}
	if err := writeAtomic(path, out); err != nil {
		e.note("%s: error: cannot write: %v", path, err)
		return exitInvalid
	}
	return exitOK
}

// errDanglingLink refuses to replace a link whose target is missing, which would turn the link into a regular file.
var errDanglingLink = errors.New("it is a symbolic link to a file that does not exist; create that file or remove the link")

// beforeRename lets a test signal the process while the temporary file exists.
var beforeRename = func() {}

// writeAtomic replaces path through a synced temporary file in the same directory, keeping an existing file's mode, so
// that a failed or killed write never leaves half a config.
func writeAtomic(path string, data []byte) (err error) {
	// A link is written through; a dangling link is refused.
	resolved, err := filepath.EvalSymlinks(path)
	if err == nil {
		path = resolved
	} else if st, lerr := os.Lstat(path); lerr == nil && st.Mode()&fs.ModeSymlink != 0 {
		return errDanglingLink
	}
	mode := fs.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		if !st.Mode().IsRegular() {
			return safefile.ErrNotRegular
		}
		mode = st.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return unwrapPath(err)
	}
	defer removeOnSignal(tmp.Name())()
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return unwrapPath(err)
	}
	if err = tmp.Chmod(mode); err != nil {
		return unwrapPath(err)
	}
	if err = tmp.Sync(); err != nil {
		return unwrapPath(err)
	}
	if err = tmp.Close(); err != nil {
		return unwrapPath(err)
	}
	beforeRename()
	return unwrapPath(os.Rename(tmp.Name(), path))
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
