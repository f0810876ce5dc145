import type { Found } from '../score.js';

export interface Round {
  /** The figure compared (wall time unless `timeLabel` says otherwise), ms. */
  timeMs: number | null;
  wallMs: number;
  rssKiB: number | null;
  load1: number;
  code: number;
  found: Found | null;
  detail?: Record<string, unknown>;
}

export interface ToolMeasure {
  suite: string;
  tool: string;
  command: string;
  timeLabel: string;
  rounds: Round[];
  medianMs: number | null;
  peakRssKiB: number | null;
  /** The worst round's score (a find that comes and goes is not counted as found). */
  found: Found | null;
  /** Median time divided by the suite's reference tool's median time. */
  ratio: number | null;
  notes: string[];
}
