// The printable report's style sheet: inlined into the page (no external fetch), A4 pages in print.
export const REPORT_CSS = `
@page { size: A4; margin: 16mm 14mm 18mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic", "Meiryo", sans-serif;
  font-size: 10.5pt; line-height: 1.5; color: #1c232b; background: #fff; }
main { max-width: 190mm; margin: 0 auto; padding: 12mm 0; }
h1 { font-size: 22pt; margin: 0 0 4pt; color: #12385a; }
h2 { font-size: 15pt; margin: 18pt 0 6pt; color: #12385a; border-bottom: 2px solid #12385a; padding-bottom: 2pt; }
h3 { font-size: 11.5pt; margin: 10pt 0 4pt; }
p.intro { color: #47525e; margin: 0 0 6pt; }
.cover { min-height: 240mm; display: flex; flex-direction: column; gap: 10pt; break-after: page; }
.cover .logo { max-width: 60mm; max-height: 30mm; object-fit: contain; align-self: flex-start; }
.cover .subtitle { font-size: 12pt; color: #47525e; margin: 0 0 12pt; }
table { width: 100%; border-collapse: collapse; margin: 4pt 0 8pt; }
th, td { text-align: left; vertical-align: top; padding: 3pt 5pt; border: 1px solid #c5ccd3; overflow-wrap: anywhere; }
th { background: #eef2f6; font-weight: 600; }
tr { break-inside: avoid; }
table.meta th { width: 38%; }
.mono { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; white-space: nowrap; overflow-wrap: normal; }
.sev { display: inline-block; padding: 0 5pt; border-radius: 3pt; color: #fff; font-size: 9pt; font-weight: 600; }
.sev-critical { background: #9b1c1c; } .sev-high { background: #c2410c; } .sev-medium { background: #a16207; }
.sev-low { background: #3f6212; } .sev-info { background: #475569; }
.finding { border: 1px solid #c5ccd3; border-left: 4px solid #c2410c; padding: 4pt 8pt; margin: 6pt 0; break-inside: avoid; }
.finding h3 { margin-top: 2pt; }
.finding .where { color: #47525e; font-size: 9.5pt; }
ol, ul { margin: 2pt 0 4pt; padding-left: 16pt; }
.empty { color: #47525e; font-style: italic; }
.signoff { display: grid; grid-template-columns: 1fr 1fr; gap: 12pt; break-inside: avoid; }
.signoff section { border: 1px solid #1c232b; padding: 6pt 8pt; }
.signoff .line { border-bottom: 1px solid #1c232b; height: 22pt; margin-bottom: 4pt; }
.signoff .label { font-size: 9pt; color: #47525e; }
footer { margin-top: 16pt; font-size: 8.5pt; color: #47525e; border-top: 1px solid #c5ccd3; padding-top: 4pt; }
@media print { main { padding: 0; max-width: none; } table { font-size: 9pt; } h2 { break-after: avoid; } section.block { break-inside: auto; } }
`;
