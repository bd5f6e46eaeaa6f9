/**
 * Payloads and contexts of the domain task forms: the API's OpenAPI types (the document lists
 * each form key's body and context), with the enum lists checked against them (`vocabularyOf`).
 */
export * from './plan';
export * from './session';
export * from './evaluation';
export * from './study';
export * from './supervision';
