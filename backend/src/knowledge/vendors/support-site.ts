// The honest fallback for a vendor step: where we are not sure of the exact menu, send the user to
// the vendor's own manual for their model instead of guessing a path.
import type { FindingFamily } from '../../core/types.js';
import type { Localized, VendorFix } from '../types.js';

export function supportSiteFix(
  family: FindingFamily,
  supportUrl: Localized<string>,
  search: Localized<string>,
  services?: string[],
): VendorFix {
  return {
    family,
    ...(services ? { services } : {}),
    source: 'support-site',
    steps: {
      en: [
        'Find the exact model number on the label of the device or its box.',
        `Open the vendor's support site ${supportUrl.en}, search for your model and "${search.en}", and follow the steps in the manual for your model.`,
        'If the manual has no such setting, contact the vendor\'s support with the questions under "What to ask".',
      ],
      ja: [
        '機器本体や箱のラベルで、正確な型番を確認します。',
        `メーカーのサポートサイト（${supportUrl.ja}）で型番と「${search.ja}」を検索し、その機種の取扱説明書の手順に従います。`,
        '説明書に該当する設定がない場合は、「問い合わせる内容」の質問を添えてメーカーのサポートに問い合わせます。',
      ],
    },
  };
}
