import http from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { httpStatusFor, type ApiError } from '../../shared/api/result';
import type { Dispatch } from '../app/dispatcher';
import type { EventBus } from '../app/eventBus';
import type { HookRoute } from './hookRoutes';
import { createStaticFileCache, resolveStaticFile } from './staticFiles';
import { decodeUriComponentOrKeep } from '../../shared/domain/uriDecoding';

export const DEFAULT_PORT = 7717;
export const DEFAULT_BODY_LIMIT_BYTES = 5 * 1024 * 1024;

/** Only the renderer's own files and API; inline styles are allowed for charts. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

export interface HttpHostOptions {
  dispatch: Dispatch;
  events: EventBus;
  hooks: Record<string, HookRoute>;
  host?: string;
  port?: number;
  /** Required when `host` is not loopback. */
  token?: string;
  /** The built renderer; when absent only the API and hooks are served. */
  staticDir?: string;
  bodyLimitBytes?: number;
}

export interface RunningHost {
  url: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

export function isLoopbackHost(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

class BodyTooLargeError extends Error {}

/**
 * The browser-mode host: `POST /api/<method>`, `GET /api/events` (server-sent events),
 * `POST /hooks/<feed>`, and the built renderer. Binds 127.0.0.1 unless told otherwise, and then
 * only with a token.
 */
export async function startHttpHost(options: HttpHostOptions): Promise<RunningHost> {
  const host = options.host ?? '127.0.0.1';
  const loopback = isLoopbackHost(host);
  const token = options.token;
  if (!loopback && !token) throw new Error(`Refusing to listen on ${host} without a token: pass --token or let gobag generate one.`);
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const sseClients = new Set<http.ServerResponse>();
  const staticFile = createStaticFileCache();

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[gobag] request failed', error);
      if (!res.headersSent) sendError(res, { code: 'internal', message: 'The request failed inside Gobag; nothing was changed by it.' });
      else res.end();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://gobag.invalid');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');

    // Loopback-only: refuse foreign Host headers, which is how DNS rebinding reaches 127.0.0.1.
    if (loopback && !isLoopbackHost(hostnameOf(req.headers.host))) {
      return sendError(res, { code: 'unauthorized', message: 'Requests must address this host as localhost or 127.0.0.1.' }, 403);
    }
    // A page the user has open elsewhere (evil.example, another local dev server) can POST here from
    // their browser without a preflight: a body with no Content-Type is a "simple" request. Browsers
    // always name the sending page in Origin on POST and EventSource; feed senders (Alertmanager,
    // Grafana, curl, the CLI) send none, so only a foreign Origin is refused.
    if (isForeignOrigin(req.headers.origin, req.headers.host)) {
      return sendError(res, { code: 'unauthorized', message: `Requests from other web pages are refused (Origin ${req.headers.origin}).` }, 403);
    }
    if (token && !hasValidToken(req, url, token)) {
      return sendError(res, { code: 'unauthorized', message: 'Missing or wrong token. Open the URL with ?token=… or send "Authorization: Bearer <token>".' });
    }
    if (token && url.searchParams.get('token') === token) {
      // Lets a wall display open `/?token=…` once and load its assets without the query string.
      res.setHeader('Set-Cookie', `gobag_token=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`);
    }

    const pathname = url.pathname;
    if (pathname === '/api/events' && req.method === 'GET') return openEventStream(req, res);
    if (pathname.startsWith('/api/') || pathname.startsWith('/hooks/')) {
      if (req.method !== 'POST') {
        res.setHeader('Allow', 'POST');
        return sendError(res, { code: 'invalid_input', message: `${req.method} is not supported here; use POST with a JSON body.` }, 405);
      }
      if (isBrowserSimpleRequestType(req.headers['content-type'])) {
        // Forms and text/plain are what a hostile web page can send cross-site without a preflight.
        return sendError(res, { code: 'invalid_input', message: 'Send the body as JSON (Content-Type: application/json).' }, 415);
      }
      let body: Buffer;
      try {
        body = await readBody(req, bodyLimit);
      } catch (error) {
        if (error instanceof BodyTooLargeError) {
          res.setHeader('Connection', 'close');
          return sendError(res, { code: 'payload_too_large', message: `The body is larger than the limit of ${bodyLimit} bytes.` });
        }
        throw error;
      }
      if (pathname.startsWith('/hooks/')) return handleHook(pathname, body, req, res);
      // `/api/%E0` is a malformed name, answered as an unknown method rather than a 500.
      return handleApiCall(decodeUriComponentOrKeep(pathname.slice('/api/'.length)), body, res);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, { code: 'invalid_input', message: 'Only GET is served here.' }, 405);
    return serveStatic(pathname, res, req.method === 'HEAD');
  }

  async function handleApiCall(method: string, body: Buffer, res: http.ServerResponse): Promise<void> {
    let input: unknown = {};
    if (body.length > 0) {
      try {
        input = JSON.parse(body.toString('utf8'));
      } catch (error) {
        return sendError(res, { code: 'invalid_input', message: `The body is not valid JSON: ${(error as Error).message}` });
      }
    }
    const result = await options.dispatch(method, input);
    sendJson(res, result.ok ? 200 : httpStatusFor(result.error.code), result);
  }

  async function handleHook(pathname: string, body: Buffer, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const route = options.hooks[pathname.replace(/\/+$/, '')];
    if (!route) return sendError(res, { code: 'not_found', message: `No webhook at ${pathname}. Known: ${Object.keys(options.hooks).join(', ') || 'none'}.` });
    const answer = await route(body, { contentType: req.headers['content-type'], remoteAddress: req.socket.remoteAddress });
    sendJson(res, answer.status, answer.body);
  }

  function openEventStream(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    sseClients.add(res);
    req.on('close', () => sseClients.delete(res));
  }

  function serveStatic(pathname: string, res: http.ServerResponse, headOnly: boolean): void {
    const found = options.staticDir ? resolveStaticFile(options.staticDir, pathname) : undefined;
    if (!found) return sendError(res, { code: 'not_found', message: `Nothing at ${pathname}.` });
    const body = staticFile(found.file);
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.writeHead(200, { 'Content-Type': found.contentType, 'Content-Length': body.length });
    res.end(headOnly ? undefined : body);
  }

  const unsubscribe = options.events.onAny((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const client of sseClients) client.write(frame);
  });
  const heartbeat = setInterval(() => {
    for (const client of sseClients) client.write(': heartbeat\n\n');
  }, 15_000);
  heartbeat.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${urlHost}:${address.port}`,
    host: address.address,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        clearInterval(heartbeat);
        for (const client of sseClients) client.end();
        sseClients.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function hostnameOf(hostHeader: string | undefined): string {
  if (!hostHeader) return '';
  if (hostHeader.startsWith('[')) return hostHeader.slice(1, hostHeader.indexOf(']'));
  return hostHeader.split(':')[0] ?? '';
}

/** True when a browser says another page sent this request; absent Origin (not a browser) passes. */
export function isForeignOrigin(origin: string | undefined, hostHeader: string | undefined): boolean {
  if (origin === undefined) return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    // "null" (sandboxed frames, file: and data: pages) and anything unparsable is nobody we serve.
    return true;
  }
  return originHost === '' || originHost.toLowerCase() !== (hostHeader ?? '').toLowerCase();
}

function isBrowserSimpleRequestType(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'text/plain' || type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data';
}

function hasValidToken(req: http.IncomingMessage, url: URL, token: string): boolean {
  const offered: string[] = [];
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) offered.push(auth.slice('Bearer '.length).trim());
  const fromQuery = url.searchParams.get('token');
  if (fromQuery) offered.push(fromQuery);
  const cookie = /(?:^|;\s*)gobag_token=([^;]+)/.exec(req.headers.cookie ?? '');
  // A cookie someone else set (any page on 127.0.0.1 can, whatever its port) may be malformed: refused, not a 500.
  if (cookie?.[1]) offered.push(decodeUriComponentOrKeep(cookie[1]));
  const expected = Buffer.from(token);
  return offered.some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      return reject(new BodyTooLargeError());
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: http.ServerResponse, error: ApiError, status = httpStatusFor(error.code)): void {
  sendJson(res, status, { ok: false, error });
}
