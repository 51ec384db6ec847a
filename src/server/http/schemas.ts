import { z } from 'zod';

/**
 * Building blocks of the modules' response schemas (`<module>.schemas.ts`).
 * A route that declares its answer gets three things from one schema: the
 * type its handler must return (checked by tsc), the OpenAPI document
 * (GET /api/docs), and an allowlist at run time — the serializer sends only
 * the declared fields, so a column added to a query never leaks by accident.
 */

/** The answer of an action that has nothing more to say. */
export const ok = z.object({ ok: z.literal(true) });

/** A time as the API sends it: ISO 8601 in UTC; the screens show it in Beijing time. */
export const isoDateTime = z.iso.datetime({ offset: true }).describe('ISO 8601 时间（UTC）');
/** A calendar date in Beijing, `YYYY-MM-DD`. */
export const calendarDate = z.iso.date().describe('日期 YYYY-MM-DD（北京时间）');

/** One action's policy (see shared/policies.ts): allowed, or not yet with the reason the screen shows. */
export const policy = z.union([
  z.object({ allowed: z.literal(true) }),
  z.object({ allowed: z.literal(false), reason: z.string() }),
]);

/** The `policies` block of an object: the actions this caller may take on it now. */
export const policiesOf = <A extends string>(...actions: [A, ...A[]]) =>
  z.object(Object.fromEntries(actions.map((a) => [a, policy.optional()])) as Record<A, z.ZodOptional<typeof policy>>);

/** A page of a list paged on the server. */
export const pageOf = <T extends z.ZodType>(row: T) => z.object({ total: z.number().int(), rows: z.array(row) });
