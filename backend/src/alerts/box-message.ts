// Alerts about the box itself, not the network: sign-in paused after many wrong passwords, a scan
// that failed, scans that stopped happening. An appliance that silently stopped guarding is the
// worst failure of a due-care tool, so these go out on the same channels as the network's alerts.
import type { AlertLanguage, AlertMessage } from './message.js';

export type BoxEvent =
  | { kind: 'sign-in-locked'; failures: number; sources: number; lockedForSeconds: number }
  | { kind: 'scan-failed'; scanId: string | null; reason: string }
  | { kind: 'scan-overdue'; lastScanAt: string | null; dueSince: string };

const TEXT = {
  en: {
    'sign-in-locked': (e: Extract<BoxEvent, { kind: 'sign-in-locked' }>) => ({
      title: 'Mamori: sign-in paused after many wrong passwords',
      text: `${e.failures} wrong passwords or codes from ${e.sources} address(es). Sign-in is paused for ${Math.ceil(e.lockedForSeconds / 60)} min. If this was not you, someone on your network is guessing the dashboard password.`,
    }),
    'scan-failed': (e: Extract<BoxEvent, { kind: 'scan-failed' }>) => ({
      title: 'Mamori: a scan failed',
      text: `${e.scanId ? `Scan ${e.scanId.slice(0, 8)} did not complete` : 'A scheduled scan did not start'}: ${e.reason}. Open the dashboard to check the settings.`,
    }),
    'scan-overdue': (e: Extract<BoxEvent, { kind: 'scan-overdue' }>) => ({
      title: 'Mamori: no scan ran when it was due',
      text: `A scheduled scan was due at ${e.dueSince} and has not run (last scan: ${e.lastScanAt ?? 'never'}). Check that the box is working.`,
    }),
  },
  ja: {
    'sign-in-locked': (e: Extract<BoxEvent, { kind: 'sign-in-locked' }>) => ({
      title: 'Mamori：パスワードの誤りが続いたため、ログインを一時停止しました',
      text: `${e.sources} か所のアドレスから、パスワードまたは確認コードの誤りが ${e.failures} 回ありました。${Math.ceil(e.lockedForSeconds / 60)} 分間ログインを受け付けません。心当たりがない場合は、ネットワーク内の誰かが管理画面のパスワードを試しています。`,
    }),
    'scan-failed': (e: Extract<BoxEvent, { kind: 'scan-failed' }>) => ({
      title: 'Mamori：スキャンが失敗しました',
      text: `${e.scanId ? `スキャン ${e.scanId.slice(0, 8)} が完了しませんでした` : '予定していたスキャンを開始できませんでした'}（${e.reason}）。管理画面で設定を確認してください。`,
    }),
    'scan-overdue': (e: Extract<BoxEvent, { kind: 'scan-overdue' }>) => ({
      title: 'Mamori：予定のスキャンが実行されていません',
      text: `${e.dueSince} に予定されていたスキャンが実行されていません（前回のスキャン：${e.lastScanAt ?? 'なし'}）。本体が動いているか確認してください。`,
    }),
  },
} as const;

export function boxMessage(event: BoxEvent, language: AlertLanguage, now: Date): AlertMessage {
  const render = TEXT[language][event.kind] as (e: BoxEvent) => { title: string; text: string };
  const { title, text } = render(event);
  return {
    source: 'mamori', kind: 'box', event: event.kind, scanId: 'scanId' in event ? event.scanId : null,
    sentAt: now.toISOString(), language, title, text, items: [],
  };
}
