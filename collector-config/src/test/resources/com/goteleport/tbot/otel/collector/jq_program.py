"""Runs a jq program over files as `jq -r PROGRAM FILE...` does, through PyPI's jq (libjq), for
SelfHostedEndToEndTest: CI's machine has no jq binary.

Usage: python jq_program.py PROGRAM_FILE FILE...
  PROGRAM_FILE  the program's text
  FILE          input files: jq reads them as one stream of JSON values, in the order given
Prints each output on its own line, a string as itself (-r), anything else as JSON (pretty, as jq).
A program that does not compile or fails on an input exits non-zero with jq's message.
"""
import json
import sys

import jq


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        program = jq.compile(f.read())
    text = "\n".join(open(path, encoding="utf-8").read() for path in sys.argv[2:])
    out = sys.stdout
    for value in program.input_text(text).all():
        out.write((value if isinstance(value, str) else json.dumps(value, indent=2, ensure_ascii=False)) + "\n")


if __name__ == "__main__":
    main()
