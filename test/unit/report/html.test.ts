// The printable HTML: self-contained (no script, nothing fetched), every device-provided text
// escaped, both languages, A4 print rules.
import { describe, expect, it } from 'vitest';
import { buildReportModel, renderReportHtml } from '../../../backend/src/report/index.js';
import { escapeHtml } from '../../../backend/src/report/html.js';
import { PNG_LOGO, source, XSS_NAME } from './fixtures.js';

describe('renderReportHtml', () => {
  it('escapes what devices and people wrote: a hostile device name stays text', () => {
    const html = renderReportHtml(buildReportModel(source(), 'en'));
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain(XSS_NAME);
    expect(html).toContain(escapeHtml(XSS_NAME));
    expect(escapeHtml(XSS_NAME)).toBe('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;');
  });

  it('is self-contained: no script, no external address, the logo as a data: URL', () => {
    const html = renderReportHtml(buildReportModel(source(), 'en'));
    expect(html).not.toMatch(/<script|<link|@import|url\(/i);
    expect(html).not.toMatch(/(src|href)="(?!data:)/);
    expect(html).toContain(`src="${PNG_LOGO}"`);
    expect(html).toMatch(/@page \{ size: A4/);
    expect(html).toContain('@media print');
  });

  it('drops a logo that is not a PNG or JPEG data: URL', () => {
    const model = buildReportModel(source(), 'en');
    model.cover.logo = 'data:image/png;base64,PHN2Zz48L3N2Zz4=';
    expect(renderReportHtml(model)).not.toContain('<img');
    model.cover.logo = 'https://evil.example/logo.png';
    expect(renderReportHtml(model)).not.toContain('<img');
  });

  it('has every section, in English and in Japanese', () => {
    const en = renderReportHtml(buildReportModel(source(), 'en'));
    const ja = renderReportHtml(buildReportModel(source(), 'ja'));
    for (const heading of ['Devices on the network', 'What was checked', 'Fixed and verified', 'Still open', 'Accepted risks', 'Marked as not a problem', 'Who does what from now on', 'Sign-off']) {
      expect(en).toContain(`<h2>${heading}</h2>`);
    }
    for (const heading of ['ネットワーク上の機器', '点検した内容', '対策済み（確認済み）', '未解決の問題', '承知のうえで保留にしたリスク', '今後の役割分担', '確認欄']) {
      expect(ja).toContain(`<h2>${heading}</h2>`);
    }
    expect(ja).toContain('<html lang="ja">');
    expect(ja).toContain('Sakura Café');
    expect(ja).toContain('Taro Yamada');
    expect(en).not.toContain('ネットワーク上の機器');
    expect(ja).not.toContain('Devices on the network');
  });

  it('names who acts once: the knowledge sentence already starts with the party', () => {
    const en = renderReportHtml(buildReportModel(source(), 'en'));
    const ja = renderReportHtml(buildReportModel(source(), 'ja'));
    expect(en).toContain('<li>You (the owner): ');
    expect(en).not.toContain('The customer (owner)</strong>: You');
    expect(ja).toContain('<li>あなた（所有者）：');
    expect(ja).not.toContain('お客様（所有者）</strong>: あなた');
  });

  it('without installer details, says they are not set', () => {
    const src = source();
    src.settings.report = { siteName: null, customerName: null, installerName: null, installerCompany: null, logo: null };
    const html = renderReportHtml(buildReportModel(src, 'en'));
    expect(html).toContain('(not set)');
    expect(html).not.toContain('<img');
  });
});
