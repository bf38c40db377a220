import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/** The OpenAPI document, generated from the controllers and DTOs. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('HSS scan gateway')
    .setDescription('Starts Huawei Cloud HSS pay-per-scan antivirus tasks on behalf of company callers; signs with server-held credentials; audits every request.')
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  // The global ValidationPipe rejects unknown fields (forbidNonWhitelisted); say so in the schema.
  const body = document.components?.schemas?.CreateScanTaskDto;
  if (body && !('$ref' in body)) body.additionalProperties = false;
  return document;
}

/** Serves the UI at /docs and the document at /docs-json (public, outside the guarded routes). */
export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}
