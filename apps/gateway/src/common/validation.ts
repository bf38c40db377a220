import { ValidationPipe } from '@nestjs/common';

/** The one global ValidationPipe: unknown fields rejected, no implicit type coercion. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validateCustomDecorators: true,
    stopAtFirstError: false,
  });
}
