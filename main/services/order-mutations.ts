// Local intents. The rule is checked here with the same core function the server runs, and the
// outbox row is committed (synchronous=FULL) before the UI hears "saved".
import type { User } from '../../core/domain.js';
import { PultError } from '../../core/errors.js';
import { assertTransition } from '../../core/pipeline.js';
import type { Cache, OutboxEntry } from '../../db/cache.js';
import { replayOrder } from '../../db/optimistic.js';

export function changeStage(cache: Cache, me: User, orderId: string, toStageId: string): OutboxEntry {
  return cache.transaction(() => {
    const server = cache.getServerOrder(orderId);
    if (!server) throw new PultError('not_found', 'Order not found');
    const pipeline = cache.getPipeline(server.pipelineId);
    if (!pipeline) throw new PultError('not_found', `Pipeline ${server.pipelineId} is not in the cache yet`);
    // Check against what the user sees: the server row with earlier pending intents applied.
    const current = replayOrder(server, cache.pendingFor(orderId), pipeline, me.role).order;
    assertTransition(pipeline, current.stageId, toStageId, me.role);
    return cache.enqueue({ name: 'orders.changeStage', args: { orderId, toStageId, baseVersion: server.version } });
  });
}
