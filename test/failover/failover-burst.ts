import type { WorkflowClient } from '../cluster/support/workflow-client.js';
import { inParallel } from '../cluster/support/workflow-client.js';

/** No answer within this long counts as a hang: the API must answer 503 instead. */
const HANG_MS = 20_000;
const RETRY_WAIT_MS = 250;

export interface SwitchTimes {
  killedAt: number;
  promotedAt: number;
}

export interface FailoverBurst {
  /** Completions answered 200: the API promised these are durable. */
  acknowledged: string[];
  /** 503 answers, and how many of them lacked a Retry-After header. */
  unavailable: number;
  withoutRetryAfter: number;
  /** Tasks whose completion was cut off (503) and found completed on the retry (409/404). */
  completedUnacknowledged: string[];
  /** Any other answer, or no answer within HANG_MS. */
  unexpected: string[];
  /** Per API process, ms from the promotion to its first 200. */
  reconnectMs: Record<string, number>;
  switchTimes: SwitchTimes;
}

/**
 * Completes tasks `width` at a time over `clients`, retrying each after a 503 (as a client
 * honouring Retry-After would), and runs `switchOver` (kill the primary, promote the standby)
 * once `switchAfter` completions were acknowledged. Every completion makes a timer due, so
 * the executors fire timers all through the switch.
 */
export async function completeThroughFailover(options: {
  clients: WorkflowClient[];
  taskIds: string[];
  width: number;
  switchAfter: number;
  switchOver: () => Promise<SwitchTimes>;
}): Promise<FailoverBurst> {
  const burst: FailoverBurst = {
    acknowledged: [],
    unavailable: 0,
    withoutRetryAfter: 0,
    completedUnacknowledged: [],
    unexpected: [],
    reconnectMs: {},
    switchTimes: { killedAt: 0, promotedAt: 0 },
  };
  let switching: Promise<SwitchTimes> | undefined;
  let turn = 0;
  await inParallel(options.taskIds, options.width, async (taskId) => {
    const client = options.clients[turn++ % options.clients.length]!;
    let cutOff = false;
    for (;;) {
      let reply;
      try {
        reply = await client.send('POST', `/tasks/${taskId}/complete`, { variables: {} }, HANG_MS);
      } catch (error) {
        burst.unexpected.push(`${taskId}: no answer (${String(error)})`);
        return;
      }
      if (reply.status === 200) {
        burst.acknowledged.push(taskId);
        const promotedAt = burst.switchTimes.promotedAt;
        if (promotedAt && !(client.baseUrl in burst.reconnectMs)) {
          burst.reconnectMs[client.baseUrl] = Date.now() - promotedAt;
        }
        break;
      }
      if (reply.status === 503) {
        burst.unavailable++;
        if (!reply.retryAfter) burst.withoutRetryAfter++;
        cutOff = true;
        await new Promise((r) => setTimeout(r, RETRY_WAIT_MS));
        continue;
      }
      if (cutOff && (reply.status === 409 || reply.status === 404)) {
        burst.completedUnacknowledged.push(taskId);
        break;
      }
      burst.unexpected.push(`${taskId}: HTTP ${reply.status} ${JSON.stringify(reply.body)}`);
      return;
    }
    if (!switching && burst.acknowledged.length >= options.switchAfter) {
      switching = options.switchOver().then((times) => (burst.switchTimes = times));
    }
  });
  await switching;
  return burst;
}
