import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { ClassConstructor } from 'class-transformer';
import { Problem } from '../common/problem.js';
import { taskFormBodies } from '../task-forms/task-form-body.js';
import { taskFormContexts } from '../task-forms/task-form-context.js';
import pluginMetadata from './plugin-metadata.js';

/**
 * The document of the app's routes. The DTO and response classes' properties come from the
 * swagger plugin's reading of their types (plugin-metadata.ts), merged under their own decorators.
 */
export async function createOpenApiDocument(app: INestApplication): Promise<OpenAPIObject> {
  await SwaggerModule.loadPluginMetadata(pluginMetadata);
  return buildDocument(app);
}

function buildDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('OrgLife API')
    .setDescription(
      '党员集中组织生活 workflow API. Errors are problem JSON (application/problem+json).',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  const bodies = taskFormBodies();
  const contexts = taskFormContexts();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [Problem, ...new Set([...bodies, ...contexts].map(([, type]) => type))],
  });
  listTaskFormKeys(document, bodies);
  describeTaskFormBodies(document, bodies);
  describeTaskFormContexts(document, contexts);
  addProblemResponses(document);
  return document;
}

/**
 * The one list of the domain forms' keys (`TaskFormKey`), which the web app's form registry and
 * the browser tests' form coverage are generated from; a task form's `formKey` is one of them.
 */
function listTaskFormKeys(document: OpenAPIObject, bodies: FormKeyTypes): void {
  const schemas = (document.components ??= {}).schemas ?? {};
  document.components.schemas = schemas;
  schemas['TaskFormKey'] = {
    type: 'string',
    description: 'The form key of a domain task form (zeebe:formDefinition formKey)',
    enum: bodies.map(([formKey]) => formKey),
  };
  const view = schemas['TaskFormViewResponse'];
  if (view && !('$ref' in view) && view.properties)
    view.properties['formKey'] = { $ref: '#/components/schemas/TaskFormKey' };
}

/**
 * POST /api/task-forms/{taskId} takes the body of the task's form key: one of the
 * `@TaskFormBody` classes, listed by form key. Decorators on the controller cannot say this, as
 * the domain modules declaring the bodies load after it.
 */
function describeTaskFormBodies(document: OpenAPIObject, bodies: FormKeyTypes): void {
  const submit = document.paths['/api/task-forms/{taskId}']?.post;
  if (!submit) return;
  submit.requestBody = {
    required: true,
    description: byFormKey("The body of the task's form key (the task's `formKey`):", bodies),
    content: { 'application/json': { schema: oneOf(bodies) } },
  };
}

/**
 * GET /api/task-forms/{taskId} answers the context of the task's form key: one of the
 * `@TaskFormContext` classes, listed by form key (as for the bodies, no decorator can say this).
 */
function describeTaskFormContexts(document: OpenAPIObject, contexts: FormKeyTypes): void {
  const view = document.components?.schemas?.['TaskFormViewResponse'];
  if (!view || '$ref' in view || !view.properties) return;
  view.properties['context'] = {
    description: byFormKey("The data of the task's form key (`formKey`):", contexts),
    ...oneOf(contexts),
  };
}

/** Form keys with their body or context class. */
type FormKeyTypes = [string, ClassConstructor<object>][];

function oneOf(types: FormKeyTypes): { oneOf: { $ref: string }[] } {
  const names = new Set(types.map(([, type]) => type.name));
  return { oneOf: [...names].map((name) => ({ $ref: `#/components/schemas/${name}` })) };
}

function byFormKey(title: string, types: FormKeyTypes): string {
  return [title, ...types.map(([formKey, type]) => `- \`${formKey}\`: ${type.name}`)].join('\n');
}

type OperationObject = NonNullable<OpenAPIObject['paths'][string]['get']>;
type ResponsesObject = OperationObject['responses'];

const PROBLEM_CONTENT = {
  'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
};

/** The error answers an operation's shape implies; a decorator's own wording wins. */
const IMPLIED_ERRORS: {
  status: string;
  description: string;
  applies(op: OperationObject, path: string): boolean;
}[] = [
  {
    status: '400',
    description: 'Invalid input: `errors` names each field',
    applies: (op) => op.requestBody !== undefined || (op.parameters ?? []).length > 0,
  },
  {
    status: '401',
    description: 'Missing, invalid or expired access token',
    applies: (op) => (op.security ?? []).length > 0,
  },
  {
    status: '403',
    description: 'No role that allows this on the unit concerned',
    applies: (op) => (op.security ?? []).length > 0,
  },
  {
    status: '404',
    description: 'No such resource, or not visible to the caller',
    applies: (_op, path) => path.includes('{'),
  },
];

/**
 * Every error is the one problem shape: each operation lists the errors its shape implies
 * (400 with input, 401/403 behind a token, 404 with a path id) and a default for the rest.
 */
function addProblemResponses(document: OpenAPIObject): void {
  const fallback = {
    description: 'Problem details (409 conflict, 429 too many requests, 500)',
    content: PROBLEM_CONTENT,
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const responses: ResponsesObject = { ...operation.responses };
      for (const error of IMPLIED_ERRORS) {
        if (error.applies(operation, path))
          responses[error.status] ??= { description: error.description };
      }
      for (const [status, response] of Object.entries(responses)) {
        if (!response || '$ref' in response || !/^[45]/.test(status)) continue;
        responses[status] = {
          ...response,
          description: response.description ?? status,
          content: PROBLEM_CONTENT,
        };
      }
      operation.responses = { ...responses, default: fallback };
    }
  }
}

/** Serves the document at /api/docs (UI) and /api/docs-json, built on its first request. */
export async function setupOpenApi(app: INestApplication): Promise<void> {
  await SwaggerModule.loadPluginMetadata(pluginMetadata);
  SwaggerModule.setup('api/docs', app, () => buildDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
  });
}
