// The Japanese font the PDF embeds: found on the box, from Debian packages (the viewer's fonts are
// never relied on). First match wins; MAMORI_REPORT_FONT (or the caller) can name another file.
import { existsSync } from 'node:fs';

export interface FontFace {
  /** A .ttf/.otf file, or a .ttc collection with `postscriptName` picking the face. */
  path: string;
  postscriptName?: string;
}

export interface ReportFont {
  regular: FontFace;
  /** Headings; the regular face when no bold one is installed. */
  bold: FontFace;
  /** The Debian package that ships it, for the error message and the docs. */
  package: string;
}

/** Candidates in order: Noto Sans CJK (fonts-noto-cjk, the JP faces of the collection), then IPAex Gothic. */
export const FONT_CANDIDATES: readonly ReportFont[] = [
  {
    package: 'fonts-noto-cjk',
    regular: { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', postscriptName: 'NotoSansCJKjp-Regular' },
    bold: { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', postscriptName: 'NotoSansCJKjp-Bold' },
  },
  {
    package: 'fonts-ipaexfont-gothic',
    regular: { path: '/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf' },
    bold: { path: '/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf' },
  },
];

export class FontMissingError extends Error {}

/** "file.ttc#PostScriptName" or "file.ttf" → a face. */
export function parseFontSpec(spec: string): FontFace {
  const hash = spec.lastIndexOf('#');
  return hash > 0 ? { path: spec.slice(0, hash), postscriptName: spec.slice(hash + 1) } : { path: spec };
}

/**
 * The font to embed. `override` (or MAMORI_REPORT_FONT) must exist if given: a wrong setting is an
 * error, not a silent fallback. Throws FontMissingError naming the packages to install.
 */
export function findReportFont(override: string | undefined = process.env['MAMORI_REPORT_FONT'], exists: (path: string) => boolean = existsSync): ReportFont {
  if (override) {
    const face = parseFontSpec(override);
    if (!exists(face.path)) throw new FontMissingError(`the report font ${face.path} (MAMORI_REPORT_FONT) does not exist`);
    return { package: '(configured)', regular: face, bold: face };
  }
  for (const candidate of FONT_CANDIDATES) {
    if (!exists(candidate.regular.path)) continue;
    return exists(candidate.bold.path) ? candidate : { ...candidate, bold: candidate.regular };
  }
  throw new FontMissingError(`no Japanese font for the PDF report: install the Debian package ${FONT_CANDIDATES.map((c) => c.package).join(' or ')} `
    + `(looked for ${FONT_CANDIDATES.map((c) => c.regular.path).join(', ')}), or set MAMORI_REPORT_FONT to a .ttf/.otf file or "file.ttc#PostScriptName"`);
}
