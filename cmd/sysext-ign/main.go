// Command sysext-ign turns a spec of Flatcar system extensions into validated Ignition.
package main

import "os"

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
