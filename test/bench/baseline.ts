// The previous build, measured in the same bench run: a detached `git worktree` of a given ref in a
// temporary directory, the repository's node_modules symlinked in, its backend compiled there, and
// its CLI run exactly like the current one. Removed again afterwards (worktree and directory).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './lab.js';

export interface Baseline {
  ref: string;
  /** The commit the ref named, short. */
  commit: string;
  /** backend/dist/cli.js of that build. */
  cli: string;
  dispose(): void;
}

/** The file whose first commit began the streaming pipeline: the default baseline is the commit before it. */
const STREAMING_MARKER = 'backend/src/pipeline/device-flow.ts';

function git(args: string[]): string {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** The parent of the commit that added the streaming pipeline, else (not committed yet) HEAD. */
export function defaultBaselineRef(): string {
  const added = git(['log', '--diff-filter=A', '--format=%H', '--', STREAMING_MARKER]).split('\n').filter(Boolean).at(-1);
  return added ? `${added}^` : 'HEAD';
}

export function prepareBaseline(ref: string, log: (line: string) => void): Baseline {
  const commit = git(['rev-parse', '--short', `${ref}^{commit}`]);
  const dir = mkdtempSync(join(tmpdir(), 'mamori-bench-baseline-'));
  const tree = join(dir, 'tree');
  log(`baseline ${ref} (${commit}): git worktree in ${tree}, backend build`);
  git(['worktree', 'add', '--detach', tree, commit]);
  const dispose = (): void => {
    try { git(['worktree', 'remove', '--force', tree]); } catch { /* removed below anyway */ }
    rmSync(dir, { recursive: true, force: true });
    try { git(['worktree', 'prune']); } catch { /* nothing to prune */ }
  };
  try {
    symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'));
    // tsc emits despite type errors elsewhere; what counts is that the CLI is there.
    try {
      execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'backend/tsconfig.json'], { cwd: tree, stdio: 'ignore' });
    } catch { /* see below */ }
    const cli = join(tree, 'backend/dist/cli.js');
    if (!existsSync(cli)) throw new Error(`baseline ${ref}: backend/dist/cli.js was not built`);
    return { ref, commit, cli, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}
