import type { ClassConstructor } from 'class-transformer';

const contexts = new Map<string, ClassConstructor<object>>();

/**
 * Declares the class as the context of the domain task forms `formKeys`
 * (GET /api/task-forms/:taskId), for the OpenAPI document, which is written without starting
 * the modules that register the forms. A form registers with this same class as its context type
 * (`TaskFormRegistry.register` refuses any other) and its `context` returns that type, so the
 * document and the answer agree.
 */
export function TaskFormContext(...formKeys: string[]): ClassDecorator {
  return (target) => {
    for (const formKey of formKeys) {
      if (contexts.has(formKey))
        throw new Error(`Form ${formKey} has two @TaskFormContext classes`);
      contexts.set(formKey, target as unknown as ClassConstructor<object>);
    }
  };
}

/** The context class of a form key, or undefined when none is declared. */
export function taskFormContext(formKey: string): ClassConstructor<object> | undefined {
  return contexts.get(formKey);
}

/** Every declared form key with its context class, sorted by form key. */
export function taskFormContexts(): [string, ClassConstructor<object>][] {
  return [...contexts].sort(([a], [b]) => a.localeCompare(b));
}
