import { isDeepStrictEqual } from 'node:util';
import fastJson from 'fast-json-stringify';
import { z } from 'zod';

/**
 * Serializes an answer by its route's zod response schema through
 * fast-json-stringify: the schema is turned into JSON Schema once per route,
 * then each answer is written by generated code — faster than JSON.stringify,
 * and only the declared fields are written, so an undeclared column never
 * leaves the server. Routes without a response schema are written as they are.
 *
 * `strict` (the tests) also refuses an answer the schema does not describe
 * exactly — a field it would drop, a type it would coerce — so a schema that
 * falls behind its use-case fails a test instead of silently starving a screen.
 */
export function responseSerializerCompiler(strict: boolean) {
  return ({ schema, url }: { schema: unknown; url?: string }): ((data: unknown) => string) => {
    if (!(schema instanceof z.ZodType)) return (data) => JSON.stringify(data);
    const json = z.toJSONSchema(schema, { target: 'draft-7', io: 'output', unrepresentable: 'any' });
    const write = fastJson(json as Parameters<typeof fastJson>[0]) as (data: unknown) => string;
    if (!strict) return write;
    return (data) => {
      const out = write(data);
      const plain = JSON.parse(JSON.stringify(data)) as unknown;
      if (!isDeepStrictEqual(JSON.parse(out), plain)) {
        throw new Error(
          `response of ${url ?? 'a route'} does not match its schema: sent ${out.slice(0, 400)} for ${JSON.stringify(plain).slice(0, 400)}`,
        );
      }
      return out;
    };
  };
}
