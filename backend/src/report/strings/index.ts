// The report's languages and their text (data, one file per language).
import { en } from './en.js';
import { ja } from './ja.js';
import type { ReportLanguage, ReportStrings } from './types.js';

export const REPORT_LANGUAGES: readonly ReportLanguage[] = ['en', 'ja'];
export const REPORT_STRINGS: Readonly<Record<ReportLanguage, ReportStrings>> = { en, ja };

export function isReportLanguage(value: unknown): value is ReportLanguage {
  return typeof value === 'string' && (REPORT_LANGUAGES as readonly string[]).includes(value);
}

/** Fills {name} placeholders; an unknown placeholder stays as it is (a test catches it). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
