// Command trainintents trains Rapport's learned reading layer on the
// labelled posts in testdata/posts and writes the embedded model file.
//
//	go run ./scripts/trainintents split     assign train/dev/test (once, deterministic)
//	go run ./scripts/trainintents           train, choose on dev, write the model
//	go run ./scripts/trainintents -test     … and report the test split (rules, model, both)
//
// Everything is deterministic: fixed seeds, fixed order. The test split is
// never used for a choice; docs/understanding.md records each look at it.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	data := flag.String("data", "testdata/posts", "folder of labelled posts")
	if err := run(os.Args[1:], data); err != nil {
		fmt.Fprintln(os.Stderr, "trainintents:", err)
		os.Exit(1)
	}
}

func run(args []string, data *string) error {
	if len(args) > 0 && args[0] == "split" {
		flag.CommandLine.Parse(args[1:])
		return runSplit(*data, os.Stdout)
	}
	return fmt.Errorf("unknown command %v", args)
}
