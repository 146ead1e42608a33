import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * What the web app's pages may load: its own files, and the API at this origin; nothing inline, so a
 * lesson's text that slipped past the Markdown renderer still could not run script
 * (docs/ARCHITECTURE.md, "The web app").
 */
export const WEB_APP_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the built web app (`npm run build:web`) at `/`, one route per file, so the gateway's own
 * routes (/graphql, /health, /scim/v2 ...) stay as they are and an unknown path is still a 404.
 * Says whether it found the app to serve.
 */
export async function serveWebApp(fastify: FastifyInstance, directory: string): Promise<boolean> {
  const root = resolve(directory);
  if (!existsSync(join(root, 'index.html'))) return false;
  await fastify.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: 'index.html',
    decorateReply: false,
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header('content-security-policy', WEB_APP_CONTENT_SECURITY_POLICY);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'no-referrer');
      // Vite names what it builds under assets/ by content, so a new build never reuses a name.
      reply.header(
        'cache-control',
        path.startsWith(join(root, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  return true;
}
