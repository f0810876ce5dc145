# shellcheck shell=bash
# stb / stb2 (Xiaomi OUIs): Android TV boxes with network debugging on port 5555, played by the
# repository's device-side ADB daemon (test/helpers/adbd.py: speaks the ADB transport, never runs a
# command). stb answers CNXN with CNXN (no key authorisation: anyone gets a shell); stb2 demands
# key authorisation and accepts none (the negative control).
L2_STB_TCP="5555"
L2_STB2_TCP="5555"

lab2_adbd() { # SHORT NAME MODE
  MAX_SECONDS=$((LAB_MAX_TTL + 300)) lab_spawn "$2" "$1" -- /usr/bin/python3 "$LAB_DIR/../helpers/adbd.py" 5555 "$3" --host 0.0.0.0
}

stb_up() { lab2_adbd stb stb-adb open; }
stb2_up() { lab2_adbd stb2 stb2-adb auth; }
