/**
 * Payloads and contexts of the domain task forms. POST /task-forms/:taskId takes any object, so
 * these mirror the DTOs the API validates (apps/api/src/<domain>/*.dto.ts).
 */
export * from './plan';
export * from './session';
export * from './evaluation';
export * from './study';
export * from './supervision';
