// Runs a short helper program (ip, ping, arp-scan) with a hard deadline and an output cap. Never
// throws: a missing program, a timeout or a failure is a result the caller decides about.
import { execFile } from 'node:child_process';

export interface CommandResult {
  ok: boolean;
  stdout: string;
  /** Why it failed: "not installed", "timed out", the exit status or the error message. */
  error: string | null;
}

export interface CommandOptions {
  timeoutMs: number;
  maxBytes?: number;
  signal?: AbortSignal;
}

export function runCommand(file: string, args: readonly string[], options: CommandOptions): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(file, args, {
      timeout: options.timeoutMs, killSignal: 'SIGKILL', maxBuffer: options.maxBytes ?? 4 * 1024 * 1024,
      signal: options.signal, windowsHide: true, encoding: 'utf8',
    }, (error, stdout) => {
      if (!error) return resolve({ ok: true, stdout, error: null });
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' ? 'not installed'
        : (error as { killed?: boolean }).killed ? `timed out after ${options.timeoutMs} ms`
          : error.message.split('\n')[0] ?? 'failed';
      resolve({ ok: false, stdout: typeof stdout === 'string' ? stdout : '', error: reason });
    });
  });
}
