import { defineCheck } from '../core/plugins.js';
import { hasItems, softwareAgeResults } from './software/age.js';

/** End-of-life software: a component whose developers no longer release fixes (catalogue rows of kind end-of-life). */
export const outdatedSoftware = defineCheck({
  id: 'outdated-software',
  finding: { family: 'outdated-software', service: 'software' },
  severity: 'medium',
  tags: ['exposure'],
  intrusive: false,
  maxAttempts: 1,
  appliesTo: (target) => hasItems(target),
  run: async (target) => softwareAgeResults(target, 'end-of-life'),
});
