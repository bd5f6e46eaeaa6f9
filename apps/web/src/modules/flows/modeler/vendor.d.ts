// Packages of the Camunda 8 modeler stack that ship no type declarations.
type BpmnModule = NonNullable<
  import('bpmn-js/lib/BaseViewer').BaseViewerOptions['additionalModules']
>[number];

declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: BpmnModule;
  export const BpmnPropertiesProviderModule: BpmnModule;
  export const ZeebePropertiesProviderModule: BpmnModule;
}

declare module 'camunda-bpmn-js-behaviors/lib/camunda-cloud' {
  const behaviors: BpmnModule;
  export default behaviors;
}

declare module '@camunda/linting' {
  export class Linter {
    constructor(options?: { modeler?: 'desktop' | 'web'; type?: 'cloud' | 'platform' });
    lint(contents: string | object): Promise<
      {
        id: string;
        message: string;
        category: 'error' | 'warn' | 'info' | 'rule-error';
        rule: string;
      }[]
    >;
  }
}

declare module '@camunda/linting/modeler' {
  const linting: BpmnModule;
  export default linting;
}

declare module 'bpmn-js-element-templates' {
  export const CloudElementTemplatesPropertiesProviderModule: BpmnModule;
}

declare module '@bpmn-io/element-template-chooser' {
  const chooser: BpmnModule;
  export default chooser;
}

declare module 'bpmn-js-properties-panel' {
  /** A diagram service, inside a properties panel entry's render. */
  export function useService(name: string): unknown;
}

declare module '@bpmn-io/properties-panel' {
  type Entry = import('@bpmn-io/properties-panel/preact').FunctionComponent<
    Record<string, unknown>
  >;
  export const CheckboxEntry: Entry;
  export const SelectEntry: Entry;
}
