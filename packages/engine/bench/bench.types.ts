/** The three benchmark flows (BPMN in ./flows). */
export type FlowName = 'sequence' | 'parallel' | 'exclusive';

export const FLOWS: readonly FlowName[] = ['sequence', 'parallel', 'exclusive'];

/** Variables a flow starts with; the exclusive flow takes each branch half of the time. */
export function startVariables(flow: FlowName, i: number): { amount?: number } {
  return flow === 'exclusive' ? { amount: i % 10 } : {};
}

/** One engine as the benchmark drives it: every user task is completed as soon as it waits. */
export interface EngineUnderTest<Parked> {
  name: string;
  /** Starts an instance and completes every task until the instance ends. */
  runToEnd(flow: FlowName, i: number): Promise<void> | void;
  /** Starts an instance of the sequence flow and leaves it waiting at its first user task. */
  park(i: number): Promise<Parked> | Parked;
  /** Serializes a parked instance to a string and restores it, ready to continue. */
  serializeRestore(parked: Parked): Promise<Parked> | Parked;
  /** Continues a (restored) parked instance to its end; throws unless it completes. */
  finish(parked: Parked): Promise<void> | void;
}
