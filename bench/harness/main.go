// Command harness is bench/run's helper: it writes the scale inputs and turns the measurements into one table.
package main

import (
	"fmt"
	"os"
)

const usage = `usage: harness inputs DIR
       harness table [-rounds N] [-load TEXT] [-typical NAME] DIR`

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, usage)
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "inputs":
		err = writeInputs(os.Args[2])
	case "table":
		err = printTable(os.Args[2:], os.Stdout)
	default:
		fmt.Fprintln(os.Stderr, usage)
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "harness:", err)
		os.Exit(1)
	}
}
