// The dashboard's state: session, live connection and the snapshot the live events keep current.
// Created once in main.ts and handed to components with provide/inject (useAppStore), so tests can
// give components a store built on a fake client.
import { computed, inject, reactive, readonly, shallowRef } from 'vue';
import type { InjectionKey } from 'vue';
import type { ApiClient, ConnectionStatus, FindingAction, FindingActionResult, LiveConnection, LiveEvent } from '../api/client';
import type {
  DeviceCorrectionRequest, DeviceForgottenPayload, KnowledgeBase, SessionInfo, Snapshot, StoredDevice,
} from '../api/contract';
import { applyEvent, emptySnapshot } from './snapshot';

export type View = 'loading' | 'offline' | 'setup' | 'login' | 'dashboard';

export function createAppStore(client: ApiClient) {
  const state = reactive({
    session: null as SessionInfo | null,
    offline: false,
    connection: 'disconnected' as ConnectionStatus,
  });
  const current = shallowRef<Snapshot>(emptySnapshot());
  // True once the appliance sent its snapshot: until then "no scans yet" only means "not loaded yet".
  const snapshotLoaded = shallowRef(false);
  let live: LiveConnection | null = null;
  // Titles, explanations, fix steps… in every language (GET /api/knowledge), fetched once per sign-in.
  const knowledgeBase = shallowRef<KnowledgeBase | null>(null);
  const knowledge = computed(() => knowledgeBase.value);

  async function loadKnowledge(): Promise<void> {
    if (knowledgeBase.value || !client.getKnowledge) return;
    const forConnection = live;
    try {
      const loaded = await client.getKnowledge();
      // Signed out (or reconnected) meanwhile: this answer belongs to a session that is gone.
      if (live === forConnection) knowledgeBase.value = loaded;
    } catch {
      // Findings still show their English title and fix; the next sign-in tries again.
    }
  }

  /** A catalogue installed from the settings: the device pages show its date at once. */
  function catalogueInstalled(installed: { version: number; date: string; entries: number }): void {
    const base = knowledgeBase.value;
    if (!base?.softwareCatalogue) return;
    knowledgeBase.value = { ...base, softwareCatalogue: { ...base.softwareCatalogue, version: installed.version, date: installed.date, entries: installed.entries } };
  }

  const view = computed<View>(() => {
    if (state.offline) return 'offline';
    if (!state.session) return 'loading';
    if (state.session.needsSetup) return 'setup';
    return state.session.authenticated ? 'dashboard' : 'login';
  });
  const snapshot = computed(() => current.value);
  const scanning = computed(() => current.value.running !== null);

  function receive(event: LiveEvent): void {
    current.value = applyEvent(current.value, event);
    if (event.type === 'snapshot') snapshotLoaded.value = true;
  }

  function connect(): void {
    if (live) return;
    live = client.connect({
      event: receive,
      status: (status) => {
        state.connection = status;
        if (status === 'unauthorized') signedOut();
      },
    });
    void loadKnowledge();
  }

  function disconnect(): void {
    live?.close();
    live = null;
    state.connection = 'disconnected';
    current.value = emptySnapshot();
    snapshotLoaded.value = false;
    knowledgeBase.value = null;
  }

  function signedOut(): void {
    disconnect();
    state.session = { authenticated: false, needsSetup: state.session?.needsSetup ?? false };
  }

  /** Asks the appliance who we are and connects the live feed when signed in. */
  async function refreshSession(): Promise<void> {
    try {
      state.session = await client.getSession();
      state.offline = false;
    } catch {
      state.offline = true;
      return;
    }
    if (state.session.authenticated && !state.session.needsSetup) connect();
    else disconnect();
  }

  // setup/login throw ApiError; the forms turn it into a message.
  async function setup(token: string, password: string): Promise<void> {
    await client.setup({ token, password });
    await refreshSession();
  }

  async function login(password: string, code?: string): Promise<void> {
    await client.login(code === undefined ? { password } : { password, code });
    await refreshSession();
  }

  async function logout(): Promise<void> {
    try {
      await client.logout();
    } finally {
      signedOut();
    }
  }

  async function startScan(): Promise<void> {
    if (!live) throw new Error('not connected');
    await live.startScan();
  }

  async function cancelScan(): Promise<void> {
    if (!live) throw new Error('not connected');
    await live.cancelScan();
  }

  /** Saves the owner's name/type; the answer is applied at once (device:updated may follow, same data). */
  async function correctDevice(id: string, correction: DeviceCorrectionRequest): Promise<StoredDevice> {
    if (!client.correctDevice) throw new Error('this client cannot correct devices');
    const device = await client.correctDevice(id, correction);
    receive({ type: 'device:updated', payload: device });
    return device;
  }

  /** "Forget this device": applied at once (device:forgotten may follow from the server, same data). */
  async function forgetDevice(id: string): Promise<DeviceForgottenPayload> {
    if (!client.forgetDevice) throw new Error('this client cannot forget devices');
    const forgotten = await client.forgetDevice(id);
    receive({ type: 'device:forgotten', payload: forgotten });
    return forgotten;
  }

  /** Re-test, accept, false positive, reopen: the stored answer is applied at once (finding:changed follows, same data). */
  async function findingAction(key: string, action: FindingAction): Promise<FindingActionResult> {
    if (!client.findingAction) throw new Error('this client cannot change findings');
    const result = await client.findingAction(key, action);
    receive({ type: 'finding:changed', payload: result.finding });
    return result;
  }

  return {
    state: readonly(state),
    snapshot,
    snapshotLoaded: computed(() => snapshotLoaded.value),
    /** Settings, security, backup and report calls (the typed client's appliance part); null in test doubles without it. */
    appliance: client.appliance ?? null,
    knowledge,
    catalogueInstalled,
    view,
    scanning,
    refreshSession,
    setup,
    login,
    logout,
    startScan,
    cancelScan,
    correctDevice,
    forgetDevice,
    findingAction,
    receive,
  };
}

export type AppStore = ReturnType<typeof createAppStore>;
export const APP_STORE: InjectionKey<AppStore> = Symbol('mamori.store');

export function useAppStore(): AppStore {
  const store = inject(APP_STORE);
  if (!store) throw new Error('the app store was not provided');
  return store;
}
