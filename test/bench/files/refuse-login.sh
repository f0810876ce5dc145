#!/bin/bash
# Telnet login of the scale lab's telnet hosts: asks like a device does and never lets anyone in.
# Bounded: 3 tries, every read times out, it never runs what it reads.
for _ in 1 2 3; do
  printf 'sensor login: '
  IFS= read -r -t 20 _user || exit 0
  printf 'Password: '
  IFS= read -r -t 20 _pass || exit 0
  sleep 1
  printf '\r\nLogin incorrect\r\n'
done
exit 0
