import type { FastifyRequest } from 'fastify';

/** Where a QR code should point: this server as the browser reached it. */
export const originOf = (request: FastifyRequest) => `${request.protocol}://${request.headers.host ?? 'localhost'}`;
