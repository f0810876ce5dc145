// The shape of the report's text in one language. Every field is required, so a language file that
// forgets one does not compile; test/unit/report/strings.test.ts also checks none is empty.
import type { DeviceType, FindingFamily, ResponsibleParty, Severity } from '../../core/types.js';
import type { FindingStatus } from '../../core/records.js';

export type ReportLanguage = 'en' | 'ja';

export interface ReportStrings {
  /** BCP 47 tag for <html lang>. */
  htmlLang: string;
  /** Intl locale for dates, e.g. en-GB. */
  locale: string;
  title: string;
  subtitle: string;
  cover: {
    site: string; siteId: string; customer: string; installer: string; company: string; date: string; networks: string;
    version: string; scanId: string; scanTime: string; notSet: string; noScan: string;
  };
  inventory: {
    heading: string; intro: string; name: string; type: string; vendor: string; model: string; ip: string; mac: string;
    labelled: string; unknown: string; randomizedMac: string; empty: string;
    /** Added (#19): beside the IP when the scan covered several networks, and for a device behind a router. */
    onNetwork: string; behindRouter: string;
  };
  /** Added (#16): the software the devices announced (product + version, where, distribution builds). */
  software: { heading: string; intro: string; device: string; product: string; version: string; where: string; distro: string; empty: string };
  scope: {
    heading: string; networks: string; loginChecks: string; loginChecksOn: string; loginChecksOff: string;
    devicesFound: string; addressesProbed: string; duration: string; status: string;
    checksHeading: string; family: string; services: string; kind: string; intrusive: string; passive: string;
    ran: string; ranYes: string; ranNo: string;
    /** '{m}' minutes and '{s}' seconds. */
    durationMinutes: string; durationSeconds: string;
  };
  results: {
    fixedHeading: string; fixedIntro: string; fixedEmpty: string; before: string; after: string; verifiedBy: string;
    verifiedByRetest: string; verifiedByScan: string; verifiedAt: string;
    openHeading: string; openIntro: string; openEmpty: string; severity: string; where: string; why: string; fix: string;
    vendorSteps: string; whoActs: string;
    acceptedHeading: string; acceptedIntro: string; acceptedEmpty: string; reason: string; acceptedBy: string;
    acceptedAt: string; until: string; noExpiry: string;
    falsePositiveHeading: string; falsePositiveIntro: string; markedBy: string;
    port: string;
  };
  responsibilities: {
    heading: string; intro: string; customer: string; installer: string; external: string;
    /** Always on the customer's side, whatever was found. */
    customerAlways: string[];
    /** `{count}` open findings the customer should fix (see "Open findings"). */
    customerOpen: string;
    installerScan: string; installerFixed: string; installerAccepted: string; installerHandover: string;
    externalNone: string;
  };
  signoff: {
    heading: string; intro: string; installer: string; customer: string; name: string; signature: string; date: string;
    /** Label of the evidence-signing key's fingerprint, why to keep it, and the command (`{fingerprint}`) that checks a pack. */
    fingerprint: string; fingerprintNote: string; fingerprintCommand: string;
  };
  footer: { generated: string; page: string };
  /** Who accepted a risk: 'owner' / 'system' as stored in the history, and the rest as written. */
  actors: Record<'owner' | 'system' | 'cli', string>;
  severities: Record<Severity, string>;
  statuses: Record<FindingStatus, string>;
  parties: Record<ResponsibleParty, string>;
  families: Record<FindingFamily, string>;
  deviceTypes: Record<DeviceType, string>;
  scanStatuses: Record<'completed' | 'cancelled' | 'failed' | 'running', string>;
  csv: {
    devices: Record<'name' | 'label' | 'type' | 'vendor' | 'model' | 'ip' | 'mac' | 'hostnames' | 'services' | 'firstSeen' | 'lastSeen', string>;
    findings: Record<'key' | 'status' | 'severity' | 'title' | 'device' | 'ip' | 'mac' | 'port' | 'transport' | 'service' | 'family' | 'evidence' | 'responsible' | 'fix' | 'firstSeen' | 'lastSeen' | 'acceptedUntil' | 'reason', string>;
  };
}
