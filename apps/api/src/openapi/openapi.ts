import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Problem } from '../common/problem.js';

export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('OrgLife API')
    .setDescription(
      '党员集中组织生活 workflow API. Errors are problem JSON (application/problem+json).',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [Problem] });
  addProblemResponses(document);
  return document;
}

/** Every operation can answer with the one problem shape; say so once for all. */
function addProblemResponses(document: OpenAPIObject): void {
  const problem = {
    description: 'Problem details (400 validation, 401, 403, 404, 409, 429, 500)',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (operation) operation.responses = { ...operation.responses, default: problem };
    }
  }
}

/** Serves the document at /api/docs (UI) and /api/docs-json. */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, () => createOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
  });
}
