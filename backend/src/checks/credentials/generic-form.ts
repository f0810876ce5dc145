// The generic login form's hints (checks/data/http-generic-form.json), validated and compiled once
// at load: a malformed pattern fails at start-up and in the unit tests, never during a scan.
import { z } from 'zod';
import type { FormHints } from '../../protocols/form-login.js';
import hintsJson from '../data/http-generic-form.json' with { type: 'json' };

const pattern = z.string().min(2).refine((p) => { try { new RegExp(p, 'i'); return true; } catch { return false; } }, 'not a valid regular expression');
const hintsFile = z.object({
  $comment: z.string(),
  sources: z.array(z.string().min(10)).min(1),
  userField: pattern,
  unfillableField: pattern,
  failureText: pattern,
  lockoutText: pattern,
  loginPath: pattern,
}).strict();

const parsed = hintsFile.parse(hintsJson);

export const GENERIC_FORM_HINTS: FormHints = {
  userField: new RegExp(parsed.userField, 'i'),
  unfillableField: new RegExp(parsed.unfillableField, 'i'),
  failureText: new RegExp(parsed.failureText, 'i'),
  lockoutText: new RegExp(parsed.lockoutText, 'i'),
  loginPath: new RegExp(parsed.loginPath, 'i'),
};
