// THE one client of the appliance: REST for the session, socket.io for everything live.
// Components never call fetch or io themselves; they go through the store, which uses this.
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import type {
  Ack, ClientToServerEvents, KnowledgeBase, LoginRequest, ServerToClientEvents, SessionInfo, SetupRequest,
} from './contract';
import type { DeviceCorrectionRequest, DeviceForgottenPayload, StoredDevice } from './contract';
import type { AcceptRiskRequest, FalsePositiveRequest, RetestResult, StoredFinding } from './contract';
import { createApplianceApi, type ApplianceApi } from './appliance-api';

/** What the owner can do with one finding (POST /api/findings/:key/<action>). */
export type FindingAction =
  | { action: 'retest' } | { action: 'reopen' }
  | { action: 'accept'; body: AcceptRiskRequest } | { action: 'false-positive'; body: FalsePositiveRequest };
/** The finding as now stored; `outcome` for a re-test. */
export interface FindingActionResult { finding: StoredFinding; outcome?: RetestResult['outcome'] }

/** One live event as data: `{ type: 'device:found', payload: StoredDevice }`, etc. */
export type LiveEvent = {
  [K in keyof ServerToClientEvents]: { type: K; payload: Parameters<ServerToClientEvents[K]>[0] }
}[keyof ServerToClientEvents];

export const LIVE_EVENTS = [
  'snapshot', 'scan:started', 'scan:progress', 'device:found', 'device:updated', 'device:state', 'service:found',
  'finding:raised', 'finding:changed', 'scan:finished', 'device:forgotten',
] as const satisfies readonly (keyof ServerToClientEvents)[];

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected' | 'unauthorized';

export interface LiveHandlers {
  event(event: LiveEvent): void;
  status(status: ConnectionStatus): void;
}

type AckData<E extends keyof ClientToServerEvents> =
  Parameters<Parameters<ClientToServerEvents[E]>[1]>[0] extends Ack<infer T> ? T : never;

export interface LiveConnection {
  startScan(): Promise<AckData<'scan:start'>>;
  cancelScan(): Promise<AckData<'scan:cancel'>>;
  close(): void;
}

export interface ApiClient {
  getSession(): Promise<SessionInfo>;
  setup(request: SetupRequest): Promise<void>;
  /** `code`: the 6-digit second-factor code, when the owner turned it on. */
  login(request: LoginRequest & { code?: string }): Promise<void>;
  logout(): Promise<void>;
  connect(handlers: LiveHandlers): LiveConnection;
  /** The knowledge base in every language (needs a session). Optional so that test doubles may omit it. */
  getKnowledge?(): Promise<KnowledgeBase>;
  /** PATCH /api/devices/:id: the owner's name and type; answers the device as now stored. Optional for test doubles. */
  correctDevice?(id: string, correction: DeviceCorrectionRequest): Promise<StoredDevice>;
  /** POST /api/devices/:id/forget: the device leaves the list, its open findings are closed. Optional for test doubles. */
  forgetDevice?(id: string): Promise<DeviceForgottenPayload>;
  /** Re-test, accept the risk, false positive or reopen one finding. Optional for test doubles. */
  findingAction?(key: string, request: FindingAction): Promise<FindingActionResult>;
  /** Settings, password and second factor, alerts test, backup/restore, report links (api/appliance-api.ts). Optional for test doubles. */
  appliance?: ApplianceApi;
}

/** An HTTP answer other than 2xx. `status` 0 means the appliance could not be reached. */
export class ApiError extends Error {
  /** `secondFactor`: a sign-in needs the code from the authenticator app as well. */
  constructor(readonly status: number, message: string, readonly secondFactor = false) {
    super(message);
    this.name = 'ApiError';
  }
  get tooManyAttempts(): boolean {
    return this.status === 429;
  }
}

export type TypedSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ClientDeps {
  fetch?: typeof fetch;
  socket?: () => TypedSocket;
  ackTimeoutMs?: number;
}

function defaultSocket(): TypedSocket {
  return io({ path: '/socket.io', withCredentials: true, transports: ['websocket', 'polling'] });
}

async function errorFrom(response: Response): Promise<ApiError> {
  let message = response.statusText || `HTTP ${response.status}`;
  let secondFactor = false;
  try {
    const body: unknown = await response.json();
    if (body && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string') {
      message = (body as { error: string }).error;
      secondFactor = (body as { secondFactor?: unknown }).secondFactor === true;
    }
  } catch {
    // not JSON: keep the status text
  }
  return new ApiError(response.status, message, secondFactor);
}

export function createApiClient(deps: ClientDeps = {}): ApiClient {
  const doFetch = deps.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const makeSocket = deps.socket ?? defaultSocket;
  const ackTimeoutMs = deps.ackTimeoutMs ?? 10_000;

  async function request(path: string, init: RequestInit): Promise<Response> {
    let response: Response;
    try {
      response = await doFetch(path, { credentials: 'same-origin', ...init });
    } catch (cause) {
      throw new ApiError(0, cause instanceof Error ? cause.message : 'network error');
    }
    if (!response.ok) throw await errorFrom(response);
    return response;
  }

  async function post(path: string, body: object = {}): Promise<void> {
    await request(path, {
      method: 'POST',
      // x-mamori: the server refuses state changes without it (a cross-site form cannot set it).
      headers: { 'Content-Type': 'application/json', 'x-mamori': '1' },
      body: JSON.stringify(body),
    });
  }

  return {
    async getSession() {
      const response = await request('/api/session', { headers: { Accept: 'application/json' } });
      return (await response.json()) as SessionInfo;
    },
    setup: (body) => post('/api/setup', body),
    login: (body) => post('/api/login', body),
    logout: () => post('/api/logout'),
    connect: (handlers) => connectLive(makeSocket(), handlers, ackTimeoutMs),
    async getKnowledge() {
      const response = await request('/api/knowledge', { headers: { Accept: 'application/json' } });
      return (await response.json()) as KnowledgeBase;
    },
    async correctDevice(id, correction) {
      const response = await request(`/api/devices/${encodeURIComponent(id)}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'x-mamori': '1' },
        body: JSON.stringify(correction),
      });
      return (await response.json()) as StoredDevice;
    },
    async forgetDevice(id) {
      const response = await request(`/api/devices/${encodeURIComponent(id)}/forget`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'x-mamori': '1' },
        body: '{}',
      });
      return (await response.json()) as DeviceForgottenPayload;
    },
    async findingAction(key, what) {
      const response = await request(`/api/findings/${encodeURIComponent(key)}/${what.action}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'x-mamori': '1' },
        body: JSON.stringify('body' in what ? what.body : {}),
      });
      const answer = (await response.json()) as StoredFinding | RetestResult;
      return 'outcome' in answer ? answer : { finding: answer };
    },
    appliance: createApplianceApi(request),
  };
}

function connectLive(socket: TypedSocket, handlers: LiveHandlers, ackTimeoutMs: number): LiveConnection {
  let connectedBefore = false;

  async function call<E extends keyof ClientToServerEvents>(
    event: E, request: Parameters<ClientToServerEvents[E]>[0],
  ): Promise<AckData<E>> {
    // With timeout() socket.io's types lose the ack's type; the contract says what it is.
    const timed = socket.timeout(ackTimeoutMs) as unknown as {
      emitWithAck(event: E, request: Parameters<ClientToServerEvents[E]>[0]): Promise<Ack<AckData<E>>>;
    };
    const result = await timed.emitWithAck(event, request);
    if (!result.ok) throw new Error(result.error);
    return result.data;
  }

  for (const type of LIVE_EVENTS) {
    socket.on(type, ((payload: LiveEvent['payload']) => {
      handlers.event({ type, payload } as LiveEvent);
    }) as ServerToClientEvents[typeof type]);
  }

  handlers.status('connecting');
  socket.on('connect', () => {
    handlers.status('connected');
    // A recovered connection replays what it missed; otherwise fetch the whole state again.
    if (connectedBefore && !socket.recovered) {
      call('state:get', {}).then(
        (snapshot) => handlers.event({ type: 'snapshot', payload: snapshot }),
        () => { /* the next reconnect tries again; the server also sends a snapshot on connect */ },
      );
    }
    connectedBefore = true;
  });
  socket.on('disconnect', () => handlers.status('disconnected'));
  socket.on('connect_error', (error) => {
    // The server's auth middleware rejects a missing or expired session cookie.
    if (!socket.active || /unauthori[sz]ed/i.test(error.message)) {
      handlers.status('unauthorized');
    } else {
      handlers.status('disconnected');
    }
  });

  return {
    startScan: () => call('scan:start', {}),
    cancelScan: () => call('scan:cancel', {}),
    close: () => {
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
}
