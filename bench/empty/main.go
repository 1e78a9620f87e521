// Command empty is the floor of process start-up that bench/run compares sysext-ign gen against.
package main

import "fmt"

func main() { fmt.Println("{}") }
