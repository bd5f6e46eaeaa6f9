import { CheckboxEntry, SelectEntry } from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';
import type { PanelGroup, PropertiesPanel } from '../translate/GroupTranslate';
import type { Translate } from '../translate/translate';
import { APPROVER_RULES, type ApproverFlag, headerValue, taskHeadersOf } from './approver-rules';

interface Moddle {
  $type: string;
  $parent?: unknown;
  [key: string]: unknown;
}

interface Shape {
  businessObject: Moddle;
}

interface BpmnFactory {
  create(type: string, attrs?: Record<string, unknown>): Moddle;
}

interface CommandStack {
  execute(command: string, context: unknown): void;
}

/** After the Zeebe provider (500): the group sits below the task's own groups. */
const PRIORITY = 400;

/**
 * Sets (or with `value` undefined removes) the task header `key`, in one undo step: creates
 * the extension elements and `zeebe:TaskHeaders` when the task has none.
 */
export function setHeader(
  element: Shape,
  key: string,
  value: string | undefined,
  services: { bpmnFactory: BpmnFactory; commandStack: CommandStack },
): void {
  const { bpmnFactory, commandStack } = services;
  const bo = element.businessObject;
  const commands: { cmd: string; context: unknown }[] = [];
  let extensions = bo['extensionElements'] as Moddle | undefined;
  if (!extensions) {
    if (value === undefined) return;
    extensions = bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
    extensions.$parent = bo;
    commands.push({
      cmd: 'element.updateModdleProperties',
      context: { element, moddleElement: bo, properties: { extensionElements: extensions } },
    });
  }
  let headers = taskHeadersOf(bo);
  if (!headers) {
    if (value === undefined) return;
    headers = bpmnFactory.create('zeebe:TaskHeaders', { values: [] });
    headers.$parent = extensions;
    commands.push({
      cmd: 'element.updateModdleProperties',
      context: {
        element,
        moddleElement: extensions,
        properties: { values: [...((extensions['values'] as Moddle[]) ?? []), headers] },
      },
    });
  }
  const list = (headers['values'] as Moddle[] | undefined) ?? [];
  const existing = list.find((item) => item['key'] === key);
  if (value === undefined) {
    if (!existing) return;
    commands.push({
      cmd: 'element.updateModdleProperties',
      context: {
        element,
        moddleElement: headers,
        properties: { values: list.filter((item) => item !== existing) },
      },
    });
  } else if (existing) {
    commands.push({
      cmd: 'element.updateModdleProperties',
      context: { element, moddleElement: existing, properties: { value } },
    });
  } else {
    const header = bpmnFactory.create('zeebe:Header', { key, value });
    header.$parent = headers;
    commands.push({
      cmd: 'element.updateModdleProperties',
      context: { element, moddleElement: headers, properties: { values: [...list, header] } },
    });
  }
  if (commands.length > 0)
    commandStack.execute('properties-panel.multi-command-executor', commands);
}

function useServices() {
  return {
    bpmnFactory: useService('bpmnFactory') as BpmnFactory,
    commandStack: useService('commandStack') as CommandStack,
    translate: useService('translate') as Translate,
  };
}

const FLAG_TEXTS: Record<ApproverFlag, { label: string; description: string }> = {
  skipIfSubmitter: {
    label: 'Skip when the approver is the submitter',
    description: 'The step is approved by rule when its only approver submitted the item',
  },
  skipIfApprovedBefore: {
    label: 'Skip when the approver already approved (dedupe)',
    description: 'The step is approved by rule when its approver approved an earlier step',
  },
};

function FlagEntry(props: { element: Shape; id: string; flag: ApproverFlag }) {
  const { element, id, flag } = props;
  const services = useServices();
  const key = APPROVER_RULES[flag];
  return h(CheckboxEntry, {
    element,
    id,
    label: services.translate(FLAG_TEXTS[flag].label),
    description: services.translate(FLAG_TEXTS[flag].description),
    getValue: () => headerValue(element.businessObject, key) === 'true',
    setValue: (checked: boolean) => setHeader(element, key, checked ? 'true' : undefined, services),
  });
}

function SkipIfSubmitterEntry(props: { element: Shape; id: string }) {
  return FlagEntry({ ...props, flag: 'skipIfSubmitter' });
}

function SkipIfApprovedBeforeEntry(props: { element: Shape; id: string }) {
  return FlagEntry({ ...props, flag: 'skipIfApprovedBefore' });
}

function FallbackEntry(props: { element: Shape; id: string }) {
  const { element, id } = props;
  const services = useServices();
  const key = APPROVER_RULES.fallback;
  return h(SelectEntry, {
    element,
    id,
    label: services.translate('When nobody holds the role'),
    getValue: () => headerValue(element.businessObject, key) ?? '',
    setValue: (value: string) => setHeader(element, key, value || undefined, services),
    getOptions: () => [
      { value: '', label: services.translate('Leave the task to its candidates') },
      { value: 'unitSecretary', label: services.translate("Send to the unit's secretary") },
    ],
  });
}

const isUserTask = (element: unknown): element is Shape =>
  (element as Shape | undefined)?.businessObject?.$type === 'bpmn:UserTask';

/** The 审批人规则 group of a user task's properties (skip rules and the fallback approver). */
export default class ApproverRulesProvider {
  static $inject = ['propertiesPanel', 'translate'];

  constructor(propertiesPanel: PropertiesPanel, translate: Translate) {
    propertiesPanel.registerProvider(PRIORITY, {
      getGroups: (element) => (groups) => {
        if (!isUserTask(element)) return groups;
        const group: PanelGroup & Record<string, unknown> = {
          id: 'orglife-approver-rules',
          label: translate('Approver rules'),
          entries: [
            { id: 'orglife-skip-if-submitter', component: SkipIfSubmitterEntry, element },
            {
              id: 'orglife-skip-if-approved-before',
              component: SkipIfApprovedBeforeEntry,
              element,
            },
            { id: 'orglife-fallback', component: FallbackEntry, element },
          ],
        };
        return [...groups, group];
      },
    });
  }
}
