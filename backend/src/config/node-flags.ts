// The V8 options every Mamori process runs with, written once here. Each launcher carries them as
// text (package.json's scripts, the systemd unit, the container, mamori-run, the CLI's shebang, the
// quick-start demo) and test/unit/deploy/node-flags.test.ts checks they all say the same; the scan
// process gets them from here (pipeline/isolation/host.ts).
//
// Why: Node 24's V8 grows the young generation to 16 MB or more per semi-space as soon as a scan
// allocates quickly, and a streaming scan does (everything at once). That, not live data, set the
// peak: measured on the lab /24 audit 118–124 MB with the default, 102–106 MB with 4 MB, 100–103 MB
// with 2 MB; on the /22 scale lab 254 MB → 145 MB, in the same wall time (a scan is ~95 % waiting,
// so the extra scavenges cost nothing visible; docs/performance.md). 4 MB rather than 2: the
// appliance lives for months, and fewer scavenges is the cheaper side of the same saving.

/** Young-generation cap: the size of one semi-space, MB. */
export const SEMI_SPACE_MB = 4;

/** The options as they appear on a node command line. */
export const NODE_MEMORY_FLAGS: readonly string[] = [`--max-semi-space-size=${SEMI_SPACE_MB}`];
