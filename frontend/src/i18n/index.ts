// A tiny reactive i18n: flat message files, `{name}` placeholders, one reactive locale.
// Every user-visible string goes through t(). Keys are typed from en.json, so a typo is a type error.
import { ref } from 'vue';
import { en, ja, type MessageKey } from './messages';
import {
  DEVICE_SCAN_STATES, DEVICE_TYPES, FINDING_FAMILIES, RESPONSIBLE_PARTIES, SCAN_STAGES, SCAN_STATUSES, SEVERITIES,
} from '../api/contract';
import type {
  DeviceScanState, DeviceType, FindingFamily, ResponsibleParty, ScanStage, ScanStatus, Severity,
} from '../api/contract';

export type { MessageKey };
export const LOCALES = ['en', 'ja'] as const;
export type Locale = (typeof LOCALES)[number];

const messages: Record<Locale, Record<MessageKey, string>> = { en, ja };
export const STORAGE_KEY = 'mamori.locale';

/**
 * Keys built at run time from a domain value (`type.${device.type}`), so a source scan cannot see
 * them. The i18n test checks that each prefix has exactly one key per value listed here.
 */
export const DYNAMIC_KEYS = {
  type: DEVICE_TYPES,
  severity: SEVERITIES,
  family: FINDING_FAMILIES,
  responsible: RESPONSIBLE_PARTIES,
  stage: SCAN_STAGES,
  deviceState: DEVICE_SCAN_STATES,
  scanStatus: SCAN_STATUSES,
  lang: LOCALES,
} as const;

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Saved choice first, then the browser language (ja* → ja), else English. */
export function detectLocale(saved: string | null, browserLanguage: string | undefined): Locale {
  if (isLocale(saved)) return saved;
  return browserLanguage?.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

function readSaved(): string | null {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null; // storage disabled (privacy mode): fall back to the browser language
  }
}

export const locale = ref<Locale>(detectLocale(readSaved(), globalThis.navigator?.language));

export function setLocale(next: Locale): void {
  locale.value = next;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {
    // not saved; the choice still applies to this page
  }
  applyDocumentLocale();
}

/** Keeps <html lang> and the tab title in step with the locale (screen readers rely on lang). */
export function applyDocumentLocale(): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = locale.value;
  document.title = t('app.title');
}

export type Params = Record<string, string | number>;

export function t(key: MessageKey, params?: Params): string {
  const message = messages[locale.value][key] ?? messages.en[key] ?? key;
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole);
}

// Labels for domain values; the only places that build keys dynamically.
export const typeLabel = (v: DeviceType) => t(`type.${v}`);
export const severityLabel = (v: Severity) => t(`severity.${v}`);
export const familyLabel = (v: FindingFamily) => t(`family.${v}`);
export const responsibleLabel = (v: ResponsibleParty) => t(`responsible.${v}`);
export const stageLabel = (v: ScanStage) => t(`stage.${v}`);
export const deviceStateLabel = (v: DeviceScanState) => t(`deviceState.${v}`);
export const scanStatusLabel = (v: ScanStatus | 'running') => t(`scanStatus.${v}`);
export const localeName = (v: Locale) => t(`lang.${v}`);

/** Dates and numbers in the reader's language. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** "A, B and C" / 「A、B、C」 */
export function formatList(items: readonly string[]): string {
  return new Intl.ListFormat(locale.value, { style: 'long', type: 'conjunction' }).format(items);
}
