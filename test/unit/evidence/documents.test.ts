// The pack's report PDF waits for its turn: the appliance makes one PDF at a time (each briefly
// needs ~100-150 MiB for the CJK font), whether asked by the report route or for a pack.
import { describe, expect, it } from 'vitest';
import { createLimiter, type Limiter } from '../../../backend/src/core/concurrency-limit.js';
import { reportDocuments } from '../../../backend/src/evidence/documents.js';
import { source } from '../report/fixtures.js';

describe('reportDocuments', () => {
  it('renders its PDF only when the shared PDF turn is free', async () => {
    const turns = createLimiter(1);
    let release!: () => void;
    let releasedAt = 0;
    const busy = turns(() => new Promise<void>((resolve) => { release = () => { releasedAt = Date.now(); resolve(); }; }));
    // The turn as the appliance passes it, noting when the PDF's work really starts.
    let pdfStartedAt: number | null = null;
    const watched: Limiter = (work) => turns(() => { pdfStartedAt = Date.now(); return work(); });
    const making = reportDocuments(async (now) => ({ ...source(), generatedAt: now }), watched)('en');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(pdfStartedAt).toBeNull();
    release();
    await busy;
    const files = await making;
    expect(pdfStartedAt).not.toBeNull();
    expect(pdfStartedAt!).toBeGreaterThanOrEqual(releasedAt);
    expect(files.map((f) => f.name)).toEqual(['report-en.pdf', 'report-en.html', 'devices.csv', 'findings.csv']);
    expect(files[0]!.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
