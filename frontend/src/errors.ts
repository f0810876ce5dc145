import { ApiError } from './api/client';

/** What went wrong with a request, as a kind the forms turn into a localised message. */
export type RequestFailure = 'tooMany' | 'network' | 'generic';

export function requestFailure(error: unknown): RequestFailure {
  if (error instanceof ApiError) {
    if (error.tooManyAttempts) return 'tooMany';
    if (error.status === 0) return 'network';
  }
  return 'generic';
}

export function statusOf(error: unknown): number | null {
  return error instanceof ApiError ? error.status : null;
}
