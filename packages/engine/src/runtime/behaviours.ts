/** The behaviour table: which module runs each element kind. */
import type { NodeKind } from '../compile/model.js';
import { callActivity } from '../activities/call-activity.js';
import { enterMultiInstance, innerCompleted } from '../activities/multi-instance.js';
import { subProcess } from '../activities/sub-process.js';
import { boundaryEvent } from '../events/boundary-event.js';
import { endEvent } from '../events/end-event.js';
import { intermediateCatchEvent } from '../events/intermediate-catch-event.js';
import { intermediateThrowEvent } from '../events/intermediate-throw-event.js';
import { startEvent } from '../events/start-event.js';
import { eventBasedGateway } from '../gateways/event-based-gateway.js';
import { exclusiveGateway } from '../gateways/exclusive-gateway.js';
import { inclusiveGateway } from '../gateways/inclusive-gateway.js';
import { parallelGateway } from '../gateways/parallel-gateway.js';
import { businessRuleTask } from '../tasks/business-rule-task.js';
import { manualTask } from '../tasks/manual-task.js';
import { receiveTask } from '../tasks/receive-task.js';
import { scriptTask } from '../tasks/script-task.js';
import { sendTask } from '../tasks/send-task.js';
import { serviceTask } from '../tasks/service-task.js';
import { task } from '../tasks/task.js';
import { userTask } from '../tasks/user-task.js';
import type { Behaviour, ElementKinds } from './step.js';

function behaviourOf(kind: NodeKind): Behaviour {
  switch (kind) {
    case 'startEvent':
      return startEvent;
    case 'endEvent':
      return endEvent;
    case 'intermediateCatchEvent':
      return intermediateCatchEvent;
    case 'intermediateThrowEvent':
      return intermediateThrowEvent;
    case 'boundaryEvent':
      return boundaryEvent;
    case 'userTask':
      return userTask;
    case 'serviceTask':
      return serviceTask;
    case 'sendTask':
      return sendTask;
    case 'businessRuleTask':
      return businessRuleTask;
    case 'receiveTask':
      return receiveTask;
    case 'manualTask':
      return manualTask;
    case 'task':
      return task;
    case 'scriptTask':
      return scriptTask;
    case 'exclusiveGateway':
      return exclusiveGateway;
    case 'parallelGateway':
      return parallelGateway;
    case 'inclusiveGateway':
      return inclusiveGateway;
    case 'eventBasedGateway':
      return eventBasedGateway;
    case 'subProcess':
      return subProcess;
    case 'callActivity':
      return callActivity;
  }
}

/** Every element kind's behaviour: the table startInstance and execute hand to their steps. */
export const elementKinds: ElementKinds = { behaviourOf, enterMultiInstance, innerCompleted };
