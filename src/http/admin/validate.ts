// Turns zod failures into the API's 400 shape: { error, errors: { field: message } }.
import type { z } from 'zod';
import { ValidationError } from '../../errors.js';

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) errors[[...issue.path, key].join('.')] = `"${key}" is not something that can be set here.`;
      continue;
    }
    const field = issue.path.length ? issue.path.map(String).join('.') : 'request';
    errors[field] ??= issue.message;
  }
  throw new ValidationError(errors);
}
