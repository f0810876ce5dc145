// Telnet login programs for busybox telnetd (helpers/telnetd.ts) that count their tries in a
// file beside themselves ("ok"/"fail"/"throttled", never the password). Bounded, never a shell.

/** Prompts like a camera; `accept` decides per try; a failure is answered after `failDelay` s (like login's delay). */
function script(accept: string, throttleAfter = 0, failDelay = 0): string {
  return `
tries="$(dirname "$0")/tries"
strip() { printf '%s' "$1" | tr -d '\\r'; }
printf '\\r\\nMamori test DVR\\r\\n'
if [ ${throttleAfter} -gt 0 ] && [ "$(grep -c fail "$tries" 2>/dev/null || echo 0)" -ge ${throttleAfter} ]; then
  echo throttled >>"$tries"
  printf 'Too many login failures, try again later\\r\\n'
  exit 0
fi
printf 'login: '
IFS= read -r user || exit 0
printf 'Password: '
IFS= read -r pass || exit 0
printf '\\r\\n'
user=$(strip "$user"); pass=$(strip "$pass")
if ${accept}; then
  echo ok >>"$tries"
  printf '# '
  IFS= read -r line || exit 0
  exit 0
fi
echo fail >>"$tries"
[ ${failDelay} -gt 0 ] && sleep ${failDelay}
printf 'Login incorrect\\r\\n'
`;
}

/** Accepts exactly one pair. */
export const countingLoginScript = (user: string, password: string, throttleAfter = 0, failDelay = 0): string =>
  script(`[ "$user" = '${user}' ] && [ "$pass" = '${password}' ]`, throttleAfter, Math.floor(failDelay));

/** The firmware bug: any non-empty user gets in with any password. */
export const acceptAnyLoginScript = (): string => script('[ -n "$user" ]');
