// What every field of one settings form shares: the messages per field path (the form's own check
// and the server's refusal), which secrets hold a value, and custom inputs for a few paths.
import { inject, type Component, type InjectionKey, type Ref } from 'vue';

export interface FormContext {
  /** Path ("notifications.webhook.url") → message already in the reader's language, or the server's. */
  errors: Ref<Map<string, string>>;
  /** Secrets stored on the appliance ("notifications.email.password"): shown as set, never read. */
  secretsSet: Ref<Set<string>>;
  /** Top-level path → a component drawn instead of the generic input (networks, devices opted out). */
  widgets: Record<string, Component>;
}

export const FORM_CONTEXT: InjectionKey<FormContext> = Symbol('mamori.settingsForm');

export function useFormContext(): FormContext {
  const context = inject(FORM_CONTEXT);
  if (!context) throw new Error('a settings field outside a settings form');
  return context;
}

/** A stable element id for a field path. */
export const fieldId = (path: string) => `field-${path.replace(/[^\w-]/g, '-')}`;
