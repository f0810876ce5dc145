// The guard around every socket handler that parses what a device sent. A throw inside a 'data' or
// 'message' handler is an uncaughtException: it would end the process, the dashboard with it
// (issue #21). Guarded, it is reported with the sender's address and the handler carries on (UDP)
// or its session is closed (TCP). Reports go out as a process warning with a fixed code, which the
// appliance's logger picks up (and Node prints to stderr when nothing listens).

export const DEVICE_INPUT_WARNING = 'MAMORI_DEVICE_INPUT';

export interface InputFault {
  /** Which client: "mdns", "ssdp", "telnet" … */
  protocol: string;
  /** "address:port" of the device that sent the input. */
  from: string;
  error: Error;
}

/** Reports a handler's throw: never throws itself. */
export function reportInputFault(fault: InputFault): void {
  try {
    const warning = Object.assign(new Error(`${fault.protocol}: input from ${fault.from} could not be handled: ${fault.error.message}`), {
      name: 'DeviceInputWarning', code: DEVICE_INPUT_WARNING, from: fault.from, protocol: fault.protocol,
    });
    process.emitWarning(warning);
  } catch {
    // Reporting must never be what kills the process.
  }
}

/**
 * Wraps a handler so that nothing it throws escapes: the throw is reported with the sender
 * (`from` reads it from the handler's own arguments) and `onFault` runs (e.g. close the session).
 */
export function guardInput<A extends unknown[]>(
  protocol: string,
  from: (...args: A) => string,
  handler: (...args: A) => void,
  onFault?: (fault: InputFault) => void,
): (...args: A) => void {
  return (...args: A): void => {
    try {
      handler(...args);
    } catch (thrown) {
      const error = thrown instanceof Error ? thrown : new Error(String(thrown));
      let sender = 'unknown sender';
      try { sender = from(...args); } catch { /* keep the placeholder */ }
      const fault = { protocol, from: sender, error };
      reportInputFault(fault);
      try { onFault?.(fault); } catch { /* already reported */ }
    }
  };
}

/** "address:port" of a UDP datagram's sender. */
export const datagramSender = (_message: Buffer, remote: { address: string; port: number }): string => `${remote.address}:${remote.port}`;
