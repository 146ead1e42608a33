import type { FastifyInstance } from 'fastify';

/** GraphQL requests are small; anything larger is refused before parsing. */
export const BODY_LIMIT_BYTES = 256 * 1024;

/**
 * The exceptions: `importPeople` carries an HRIS export (at most 10 MiB of
 * CSV, README "Bulk import"), which JSON escaping makes somewhat larger, and
 * `importTrack` a whole track file, whose lessons may hold 20,000 characters each.
 */
export const BULK_IMPORT_BODY_LIMIT_BYTES = 12 * 1024 * 1024;

/** A document whose only operation is a mutation that starts with `importPeople` or `importTrack`. */
const IMPORT_OPERATION = /^\s*mutation\b[^{]*\{\s*(?:importPeople|importTrack)\s*\(/;

/**
 * Reads JSON bodies up to the bulk limit, and refuses with 413 any body over
 * the usual limit that is not a bulk import mutation. The default JSON
 * parser (prototype-poisoning checks included) does the parsing.
 */
export function limitRequestBodies(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: BULK_IMPORT_BODY_LIMIT_BYTES },
    (request, body, done) => {
      const text = body as string;
      if (text.length <= BODY_LIMIT_BYTES) return parseJson(request, text, done);
      parseJson(request, text, (error, parsed) => {
        if (error) return done(error);
        if (isBulkImport(parsed)) return done(null, parsed);
        done(
          Object.assign(new Error('Request body is too large'), {
            statusCode: 413,
            code: 'FST_ERR_CTP_BODY_TOO_LARGE',
          }),
        );
      });
    },
  );
}

/**
 * SCIM bodies and LTI's form posts go to cohorts as the text they came in: cohorts answers JSON that
 * does not parse in SCIM's terms, and reads a form itself.
 */
export function acceptBodiesAsText(fastify: FastifyInstance, contentType: string): void {
  fastify.addContentTypeParser(
    contentType,
    { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES },
    (_request, body, done) => done(null, body),
  );
}

function isBulkImport(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const query = (body as { query?: unknown }).query;
  return typeof query === 'string' && query.length <= 2_000 && IMPORT_OPERATION.test(query);
}
