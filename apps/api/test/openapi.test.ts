import 'reflect-metadata';
import { Controller, Get, type INestApplication, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, type OpenAPIObject } from '@nestjs/swagger';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppModule } from '../src/app.module.js';
import { GLOBAL_PREFIX } from '../src/app.setup.js';
import { createHttpAdapter } from '../src/http/http-adapter.js';
import { createOpenApiDocument } from '../src/openapi/openapi.js';
import { generatePluginMetadata, METADATA_FILE } from '../scripts/openapi-metadata.js';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const PROBLEM_REF = '#/components/schemas/Problem';

function operationsOf(document: OpenAPIObject): { name: string; path: string; op: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const op = item[method];
      return op ? [{ name: `${method.toUpperCase()} ${path}`, path, op }] : [];
    }),
  );
}

/** Every gap in the document, one line each: what an API client could not know. */
function gapsOf(document: OpenAPIObject): string[] {
  const schemas = document.components?.schemas ?? {};
  const gaps: string[] = [];
  for (const { name, path, op } of operationsOf(document)) {
    // Swagger tags an untagged controller by its class name; ours name the module (@ApiTags).
    if (!op.tags?.length || !op.tags.every((tag) => /^[a-z][a-z-]*$/.test(tag)))
      gaps.push(`${name}: no @ApiTags module tag`);
    const success = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
    // A browser redirect (campus sign-in) answers 302 and nothing else.
    const redirects = Object.keys(op.responses).some((status) => /^3\d\d$/.test(status));
    if (success.length === 0 && !redirects) gaps.push(`${name}: no 2xx or 3xx response`);
    for (const [status, response] of success) {
      if (!response || '$ref' in response) continue;
      if (status === '204') {
        if (response.content) gaps.push(`${name}: 204 declares a body`);
        continue;
      }
      const media = Object.entries(response.content ?? {});
      if (media.length === 0) gaps.push(`${name}: ${status} has no content type`);
      for (const [type, { schema }] of media) {
        if (!schema) gaps.push(`${name}: ${status} ${type} has no schema`);
        else if (type.includes('json') && !('$ref' in schema) && !schema.type && !schema.allOf)
          gaps.push(`${name}: ${status} ${type} schema says nothing`);
      }
    }
    const errors = Object.entries(op.responses).filter(([status]) => /^[45]\d\d$/.test(status));
    for (const [status, response] of errors) {
      const schema =
        response && !('$ref' in response)
          ? response.content?.['application/problem+json']?.schema
          : undefined;
      if (!schema || !('$ref' in schema) || schema.$ref !== PROBLEM_REF)
        gaps.push(`${name}: ${status} is not problem JSON`);
    }
    const has = (status: string): boolean => status in op.responses;
    if ((op.security ?? []).length > 0 && !(has('401') && has('403')))
      gaps.push(`${name}: behind a token but no 401/403`);
    if (path.includes('{') && !has('404')) gaps.push(`${name}: path id but no 404`);
    if ((op.requestBody || (op.parameters ?? []).length > 0) && !has('400'))
      gaps.push(`${name}: takes input but no 400`);
  }
  for (const ref of JSON.stringify(document).matchAll(
    /"\$ref":"#\/components\/schemas\/([^"]+)"/g,
  )) {
    const schema = ref[1] === undefined ? undefined : schemas[ref[1]];
    if (!schema) gaps.push(`schema ${ref[1]}: referenced but not defined`);
    else if (
      !('$ref' in schema) &&
      schema.type === 'object' &&
      Object.keys(schema.properties ?? {}).length === 0 &&
      !schema.additionalProperties
    )
      gaps.push(`schema ${ref[1]}: an object without properties (no @ApiProperty)`);
  }
  return [...new Set(gaps)];
}

/** Scans controllers only (no provider is built, so no database), as write-openapi does. */
async function documentOf(
  module: unknown,
): Promise<{ app: INestApplication; document: OpenAPIObject }> {
  const app = await NestFactory.create(module as never, createHttpAdapter(), {
    preview: true,
    logger: false,
  });
  app.setGlobalPrefix(GLOBAL_PREFIX);
  return { app, document: await createOpenApiDocument(app) };
}

describe('OpenAPI document', () => {
  let app: INestApplication;
  let document: OpenAPIObject;
  beforeAll(async () => {
    ({ app, document } = await documentOf(AppModule.forRoot({ logLevel: 'silent' })));
  });
  afterAll(async () => {
    await app.close();
  });

  it('documents every operation: a tag, a 2xx body schema (or 204, a declared file type, a redirect), problem JSON errors', () => {
    expect(operationsOf(document).length).toBeGreaterThan(70);
    expect(gapsOf(document)).toEqual([]);
  });

  it('gives the task-form submission the body of each form key', () => {
    const body = document.paths['/api/task-forms/{taskId}']?.post?.requestBody as {
      description: string;
      content: Record<string, { schema: { oneOf: { $ref: string }[] } }>;
    };
    const refs = body.content['application/json']!.schema.oneOf.map((s) => s.$ref);
    expect(refs).toEqual(
      expect.arrayContaining([
        '#/components/schemas/PlanDraftDto',
        '#/components/schemas/SessionRecordDto',
        '#/components/schemas/MemberReviewDto',
        '#/components/schemas/RectificationReviewDto',
      ]),
    );
    expect(body.description).toContain('`orglife:plan-draft`: PlanDraftDto');
    expect(body.description).toContain(
      '`orglife:rectification-evidence-review`: RectificationReviewDto',
    );
    expect(document.components?.schemas?.PlanDraftDto).toHaveProperty(['properties', 'topic']);
  });

  it('gives the task-form view the context of each form key', () => {
    const context = document.components?.schemas?.TaskFormViewResponse as {
      properties: Record<string, { description: string; oneOf: { $ref: string }[] }>;
    };
    const { description, oneOf } = context.properties['context']!;
    expect(oneOf.map((s) => s.$ref)).toEqual(
      expect.arrayContaining([
        '#/components/schemas/PlanDraftContextResponse',
        '#/components/schemas/SessionFormContextResponse',
        '#/components/schemas/EvaluationContextResponse',
        '#/components/schemas/RectificationDetailResponse',
      ]),
    );
    expect(description).toContain('`orglife:plan-draft`: PlanDraftContextResponse');
    expect(description).toContain('`orglife:session-summary`: SessionFormContextResponse');
    expect(description).toContain('`orglife:follow-up-check`: RectificationDetailResponse');
    expect(document.components?.schemas?.PlanDraftContextResponse).toHaveProperty(
      ['properties', 'plan', '$ref'],
      '#/components/schemas/MonthlyPlanResponse',
    );
  });

  it('lists the domain form keys once, as TaskFormKey: every orglife: form key of the flows', () => {
    const listed = (document.components?.schemas?.TaskFormKey as { enum: string[] }).enum;
    const workflows = new URL('../../../workflows/', import.meta.url);
    const inFlows = readdirSync(workflows)
      .filter((file) => file.endsWith('.bpmn'))
      .flatMap((file) => [
        ...readFileSync(new URL(file, workflows), 'utf8').matchAll(
          /(?:formKey|externalReference)="(orglife:[^"]+)"/g,
        ),
      ])
      .map((match) => match[1]);
    expect([...listed].sort()).toEqual([...new Set(inFlows)].sort());
    expect(document.components?.schemas?.TaskFormViewResponse).toHaveProperty(
      ['properties', 'formKey', '$ref'],
      '#/components/schemas/TaskFormKey',
    );
    expect(document.components?.schemas?.TaskDetailDto).toHaveProperty(
      ['properties', 'domainForm', 'type'],
      'boolean',
    );
  });

  it('declares files as binary and the printable record as HTML', () => {
    const ok = (path: string) => {
      const response = document.paths[path]?.get?.responses['200'];
      return response && !('$ref' in response) ? response.content : undefined;
    };
    expect(ok('/api/ledger/export.xlsx')).toEqual({
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
        schema: { type: 'string', format: 'binary' },
      },
    });
    expect(ok('/api/attachments/{id}/content')).toHaveProperty(
      ['application/octet-stream', 'schema', 'format'],
      'binary',
    );
    expect(ok('/api/sessions/{id}/print')).toHaveProperty(
      ['text/html', 'schema', 'type'],
      'string',
    );
  });

  it("reads the DTO and response classes' types as the swagger plugin does now (src/openapi/plugin-metadata.ts is not stale)", async () => {
    expect(readFileSync(METADATA_FILE, 'utf8')).toBe(await generatePluginMetadata());
  }, 180_000);

  it('is what apps/api/openapi.json holds (regenerate with `pnpm --filter @orglife/api run openapi`)', () => {
    const committed: unknown = JSON.parse(
      readFileSync(new URL('../openapi.json', import.meta.url), 'utf8'),
    );
    expect(committed).toEqual(JSON.parse(JSON.stringify(document)));
  });
});

describe('the documentation check', () => {
  class Thing {
    @ApiProperty()
    name: string;
  }
  class Empty {}

  @ApiBearerAuth()
  @Controller('things')
  class ThingsController {
    @Get(':id')
    @ApiOkResponse({ type: Thing })
    one(@Param('id') id: string): Thing {
      return { name: id };
    }

    @Get()
    @ApiOkResponse({ type: Empty })
    empty(): Empty {
      return {};
    }

    @Post()
    undocumented(): Thing {
      return { name: 'new' };
    }
  }
  @Module({ controllers: [ThingsController] })
  class ThingsModule {}

  it('names an untagged route without a response schema, and a response class without properties', async () => {
    const { app, document: things } = await documentOf(ThingsModule);
    try {
      expect(gapsOf(things)).toEqual([
        'GET /api/things/{id}: no @ApiTags module tag',
        'GET /api/things: no @ApiTags module tag',
        'POST /api/things: no @ApiTags module tag',
        'POST /api/things: 201 has no content type',
        'schema Empty: an object without properties (no @ApiProperty)',
      ]);
    } finally {
      await app.close();
    }
  });
});
