// The contract over a WebSocket: RequestEnvelope in, ResponseEnvelope out, EventEnvelope pushed.
// A bad message gets a validation answer, never a crash or a dropped socket.
import type { WebSocket } from 'ws';
import { RequestEnvelope, type ResponseEnvelope } from '../../core/contract.js';
import type { ApiErrorBody } from '../../core/errors.js';
import type { ApiHost } from '../services/api-host.js';
import type { Log } from '../services/log.js';

/** Used when a message is too broken to carry its own id. */
export const NO_ID = -1;

export function attachBridge(ws: WebSocket, host: ApiHost, logger: Log): void {
  const send = (msg: unknown) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  };
  const fail = (id: number, error: ApiErrorBody) => send({ id, result: { ok: false, error } } satisfies ResponseEnvelope);

  const unsubscribe = host.subscribe((event) => send(event));
  ws.on('close', unsubscribe);

  ws.on('message', (data, isBinary) => {
    if (isBinary) return fail(NO_ID, { code: 'validation', message: 'Binary messages are not supported' });
    let json: unknown;
    try {
      json = JSON.parse(String(data));
    } catch {
      return fail(NO_ID, { code: 'validation', message: 'Message is not JSON' });
    }
    const env = RequestEnvelope.safeParse(json);
    if (!env.success) {
      // Answer under the caller's id when it gave a usable one, so its promise settles.
      const id = (json as { id?: unknown } | null)?.id;
      return fail(typeof id === 'number' && Number.isInteger(id) ? id : NO_ID, {
        code: 'validation',
        message: `Invalid request: ${env.error.issues[0]?.message ?? 'bad envelope'}`,
      });
    }
    const { id, method, input } = env.data;
    host.handle(method, input).then(
      (result) => send({ id, result } satisfies ResponseEnvelope),
      // ApiHost never throws; this is a last guard so one bug can't kill the socket.
      (err: unknown) => {
        logger.error({ err, method }, 'bridge handler threw');
        fail(id, { code: 'internal', message: 'Internal error' });
      },
    );
  });
}
