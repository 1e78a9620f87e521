// Command harness is bench/run's helper: it writes the scale inputs, times commands in alternating pairs, sums
// each binary's package initialisation, and turns the measurements into one table.
package main

import (
	"fmt"
	"os"
)

const usage = `usage: harness inputs DIR
       harness pairs [-n N] [-warmup N] [-dir DIR] LABEL CMD OTHER
       harness inits [-n N] [-warmup N] [-dir DIR] LABEL BIN [LABEL BIN]...
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
	case "pairs":
		err = runPairs(os.Args[2:])
	case "inits":
		err = runInits(os.Args[2:])
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
