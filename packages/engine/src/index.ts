export * from './contract.js';
export { compile } from './compile/compile.js';
export { APPROVER_FALLBACKS, APPROVER_RULE_HEADERS } from './compile/approver-rules.js';
export { compileDecisions, type DecisionsResult } from './decisions/compile-dmn.js';
export { evaluateDecision } from './decisions/evaluate-decision.js';
export type { Decision, Decisions } from './decisions/model.js';
export type {
  CompiledDefinition,
  CompiledProcess,
  FlowNode,
  NodeKind,
  UserTaskElementInfo,
} from './compile/model.js';
export { startInstance, type StartOptions } from './runtime/start-instance.js';
export { execute } from './runtime/execute.js';
export { planMoveBack, type MoveBackPlan, type MoveBackProblem } from './runtime/move-back.js';
export { DEFAULT_MAX_ACTIVATIONS, type RunOptions } from './runtime/step.js';
export { EngineCommandError } from './runtime/command-error.js';
export type { EngineState, ElementInstance, Subscription, Incident } from './runtime/state.js';
export { startTimers, nextStartTimer } from './timers/start-timers.js';
export { DEFAULT_TIME_ZONE } from './timers/timer-definition.js';
export { addDuration, parseDuration, type Duration } from './timers/iso8601.js';
export {
  MemoryRuntime,
  type MemoryRuntimeOptions,
  type RuntimeInstance,
  type ServiceOutcome,
  type ServiceWorker,
} from './runtime/memory-runtime.js';
export {
  readSimulationScript,
  simulate,
  Simulation,
  SimulationError,
  type SimulationOptions,
  type SimulationScript,
  type SimulationStep,
} from './runtime/simulation-script.js';
export { simulationTrace, type SimulationTrace } from './runtime/simulation-trace.js';
export {
  migrateInstance,
  type MigrationPlan,
  type MigrationProblem,
  type MigrationResult,
} from './runtime/migrate.js';
export {
  followUpOf,
  type BroadcastSignal,
  type CallOutcome,
  type CallSite,
  type DistributiveOmit,
  type FiredTimer,
  type FollowUp,
  type InstanceCommand,
  type Producer,
  type PublishedMessage,
} from './orchestration/follow-ups.js';
export {
  acceptsMessage,
  type EventStart,
  type WaitingSubscription,
} from './orchestration/correlation.js';
export { nextFiring, scheduleStartTimers, type StartTimer } from './orchestration/timer-starts.js';
export {
  DEFAULT_RETRY_BACKOFF,
  jobFailure,
  nextAttempt,
  RETRY_BACKOFF_HEADER,
  type FailingJob,
  type NextAttempt,
  type RetryBackoff,
} from './orchestration/job-retries.js';
export {
  carryOut,
  carryOutNow,
  type AsyncOrchestrationStore,
  type Delivery,
  type OrchestrationStore,
} from './orchestration/kernel.js';
