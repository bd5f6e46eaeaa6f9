import type { ClassConstructor } from 'class-transformer';

const bodies = new Map<string, ClassConstructor<object>>();

/**
 * Declares the class as the request body of the domain task forms `formKeys`
 * (POST /api/task-forms/:taskId), for the OpenAPI document, which is written without starting
 * the modules that register the forms. A form registers with this same class as its payload
 * (`TaskFormRegistry.register` refuses any other), so the document and the validation agree.
 */
export function TaskFormBody(...formKeys: string[]): ClassDecorator {
  return (target) => {
    for (const formKey of formKeys) {
      if (bodies.has(formKey)) throw new Error(`Form ${formKey} has two @TaskFormBody classes`);
      bodies.set(formKey, target as unknown as ClassConstructor<object>);
    }
  };
}

/** The body class of a form key, or undefined when none is declared. */
export function taskFormBody(formKey: string): ClassConstructor<object> | undefined {
  return bodies.get(formKey);
}

/** Every declared form key with its body class, sorted by form key. */
export function taskFormBodies(): [string, ClassConstructor<object>][] {
  return [...bodies].sort(([a], [b]) => a.localeCompare(b));
}
