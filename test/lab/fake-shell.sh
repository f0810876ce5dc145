#!/bin/sh
# A login "shell" that runs nothing it reads: a prompt, "not found" to everything, at most 10 lines.
# The second lab set's telnet/ssh accounts and the busybox login test server (test/helpers) use it.
PATH=/usr/bin:/bin
for n in 1 2 3 4 5 6 7 8 9 10; do
  printf '# '
  IFS= read -r line || exit 0
  case "$line" in exit*|logout*) exit 0 ;; esac
  printf 'sh: not found\r\n'
done
