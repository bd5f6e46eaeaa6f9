/**
 * Who receives a message or a signal, as Zeebe decides it
 * (docs.camunda.io, "Messages" and "Signal events"):
 * - a message subscription with a correlation key takes only messages with that key; one
 *   without a key takes only messages without one;
 * - a message reaches each process (by BPMN process id) once: its oldest waiting subscription
 *   that accepts it, else — when nothing of that process waits — its message start event;
 * - a signal reaches every waiting subscription, and starts one instance of every process
 *   whose latest version has a signal start event of that name.
 */

/** A catch event, boundary event or event sub-process start waiting in an instance. */
export interface WaitingSubscription {
  id: string;
  instanceId: string;
  processId: string;
}

/** A message or signal start event of a process's latest deployed version. */
export interface EventStart {
  processId: string;
  elementId: string;
  /** The runtime's own reference to the deployed definition. */
  definitionRef: string;
}

export function acceptsMessage(
  subscriptionKey: string | null | undefined,
  messageKey: string | null | undefined,
): boolean {
  return (subscriptionKey ?? null) === (messageKey ?? null);
}

/** One process's share of a message: its waiting subscriptions, oldest first, then its start. */
export interface ProcessRecipients {
  processId: string;
  /** The first of these still waiting when it is reached receives the message. */
  waiting: WaitingSubscription[];
  /** Started when none of `waiting` received it. */
  start?: EventStart;
}

/** `waiting`: the subscriptions that accept the message, oldest first; processes in first-seen order. */
export function messageRecipients(
  waiting: readonly WaitingSubscription[],
  starts: readonly EventStart[],
): ProcessRecipients[] {
  const byProcess = new Map<string, ProcessRecipients>();
  const share = (processId: string) => {
    let recipients = byProcess.get(processId);
    if (!recipients) {
      recipients = { processId, waiting: [] };
      byProcess.set(processId, recipients);
    }
    return recipients;
  };
  for (const subscription of waiting) share(subscription.processId).waiting.push(subscription);
  for (const start of starts) share(start.processId).start = start;
  return [...byProcess.values()];
}

/** A signal's waiting subscriptions grouped by instance, in the order they were given. */
export function signalRecipients(waiting: readonly WaitingSubscription[]): WaitingSubscription[][] {
  const byInstance = new Map<string, WaitingSubscription[]>();
  for (const subscription of waiting) {
    const list = byInstance.get(subscription.instanceId);
    if (list) list.push(subscription);
    else byInstance.set(subscription.instanceId, [subscription]);
  }
  return [...byInstance.values()];
}
