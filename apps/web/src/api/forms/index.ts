/**
 * Payloads and contexts of the domain task forms. The payloads are the API's OpenAPI types and
 * the enum lists are checked against them (`vocabularyOf`); a form's context is typed here, as
 * GET /task-forms/:taskId returns it as a plain object.
 */
export * from './plan';
export * from './session';
export * from './evaluation';
export * from './study';
export * from './supervision';
