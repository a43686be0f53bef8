import http from 'node:http';
import path from 'node:path';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startHttpHost, type RunningHost } from '../../electron/host/httpHost';
import { openTempApp, tempDir, type TempApp } from '../helpers/tempApp';

let app: TempApp | undefined;
let host: RunningHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
  app?.close();
});

async function start(options: { host?: string; token?: string; bodyLimitBytes?: number; staticDir?: string } = {}) {
  app = await openTempApp();
  const hooks = {
    '/hooks/echo': (body: Buffer) => ({ status: 202, body: { received: body.length } }),
  };
  host = await startHttpHost({ dispatch: app.dispatch, events: app.ctx.events, hooks, port: 0, ...options });
  return host;
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Plain http.request so the Host header and content type are exactly what a test says. */
function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

const json = { 'Content-Type': 'application/json' };

describe('browser-mode host', () => {
  it('binds 127.0.0.1 by default and answers the API with the contract result', async () => {
    const running = await start();
    expect(running.host).toBe('127.0.0.1');
    const res = await request(`${running.url}/api/system.status`, { method: 'POST', headers: json, body: '{}' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { schemaVersion: expect.any(Number) } });
  });

  it('answers unknown methods with 404, bad input and malformed JSON with 400, and keeps serving', async () => {
    const running = await start();
    const unknown = await request(`${running.url}/api/alerts.explode`, { method: 'POST', headers: json, body: '{}' });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    const bad = await request(`${running.url}/api/system.backup`, { method: 'POST', headers: json, body: '{"file":false}' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.message).toMatch(/file/);
    const malformed = await request(`${running.url}/api/system.status`, { method: 'POST', headers: json, body: '{"truncated":' });
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/not valid JSON/) } });
    const after = await request(`${running.url}/api/system.status`, { method: 'POST', headers: json, body: '{}' });
    expect(after.status).toBe(200);
  });

  it('refuses bodies over the limit with 413 and still serves the next request', async () => {
    const running = await start({ bodyLimitBytes: 1024 });
    const big = await request(`${running.url}/hooks/echo`, { method: 'POST', headers: json, body: Buffer.alloc(4096, 0x20) });
    expect(big.status).toBe(413);
    const small = await request(`${running.url}/hooks/echo`, { method: 'POST', headers: json, body: '{}' });
    expect(small.status).toBe(202);
    expect(JSON.parse(small.body)).toEqual({ received: 2 });
  });

  it('refuses cross-site style requests: form/text bodies and foreign Host headers (DNS rebinding)', async () => {
    const running = await start();
    const text = await request(`${running.url}/api/system.status`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    expect(text.status).toBe(415);
    const rebinding = await request(`${running.url}/api/system.status`, { method: 'POST', headers: { ...json, Host: 'evil.example:7717' }, body: '{}' });
    expect(rebinding.status).toBe(403);
  });

  it('refuses API calls, hooks and the event stream from another web page, and still takes hooks from real senders', async () => {
    const running = await start();
    // What Chromium sends for fetch(url, { method: 'POST', mode: 'no-cors', body: new Blob([json]) }) from
    // https://evil.example: no Content-Type at all, so no preflight and no text/plain to refuse.
    const crossSite = { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' };
    const call = await request(`${running.url}/api/settings.update`, { method: 'POST', headers: crossSite, body: '{"userName":"mallory"}' });
    expect(call.status).toBe(403);
    const settings = await request(`${running.url}/api/settings.get`, { method: 'POST', headers: json, body: '{}' });
    expect(JSON.stringify(JSON.parse(settings.body))).not.toContain('mallory');
    const hook = await request(`${running.url}/hooks/echo`, { method: 'POST', headers: crossSite, body: '{}' });
    expect(hook.status).toBe(403);
    // Another local page (a dev server on localhost:3000) is another origin too, and so is a sandboxed frame.
    const otherPort = await request(`${running.url}/hooks/echo`, { method: 'POST', headers: { ...json, Origin: 'http://127.0.0.1:3000' }, body: '{}' });
    expect(otherPort.status).toBe(403);
    const opaque = await request(`${running.url}/api/system.status`, { method: 'POST', headers: { Origin: 'null' }, body: '{}' });
    expect(opaque.status).toBe(403);
    const stream = await request(`${running.url}/api/events`, { headers: { Origin: 'https://evil.example' } });
    expect(stream.status).toBe(403);

    // Alertmanager, Grafana and PagerDuty post from their own processes: no Origin.
    const sender = await request(`${running.url}/hooks/echo`, { method: 'POST', headers: json, body: '{}' });
    expect(sender.status).toBe(202);
    // Our own page in browser mode names itself.
    const own = await request(`${running.url}/api/system.status`, { method: 'POST', headers: { ...json, Origin: running.url }, body: '{}' });
    expect(own.status).toBe(200);
    const ownByName = await request(`${running.url}/api/system.status`, {
      method: 'POST',
      headers: { ...json, Host: `localhost:${running.port}`, Origin: `http://localhost:${running.port}` },
      body: '{}',
    });
    expect(ownByName.status).toBe(200);
  });

  it('answers a method name with broken percent-encoding as unknown, not as an internal failure', async () => {
    const running = await start();
    const res = await request(`${running.url}/api/system.%E0status`, { method: 'POST', headers: json, body: '{}' });
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('will not listen beyond loopback without a token', async () => {
    app = await openTempApp();
    await expect(startHttpHost({ dispatch: app.dispatch, events: app.ctx.events, hooks: {}, host: '0.0.0.0', port: 0 })).rejects.toThrow(/token/);
  });

  it('checks the token on every request when bound beyond loopback', async () => {
    const running = await start({ host: '0.0.0.0', token: 'wall-display-secret' });
    const base = `http://127.0.0.1:${running.port}`;
    const missing = await request(`${base}/api/system.status`, { method: 'POST', headers: json, body: '{}' });
    expect(missing.status).toBe(401);
    const wrong = await request(`${base}/api/system.status`, { method: 'POST', headers: { ...json, Authorization: 'Bearer nope' }, body: '{}' });
    expect(wrong.status).toBe(401);
    const hook = await request(`${base}/hooks/echo`, { method: 'POST', headers: json, body: '{}' });
    expect(hook.status).toBe(401);
    const bearer = await request(`${base}/api/system.status`, { method: 'POST', headers: { ...json, Authorization: 'Bearer wall-display-secret' }, body: '{}' });
    expect(bearer.status).toBe(200);
    // The wall display opens /?token=… once; the cookie then carries it for assets and API calls.
    const page = await request(`${base}/?token=wall-display-secret`);
    const cookie = String(page.headers['set-cookie']).split(';')[0]!;
    expect(cookie).toBe('gobag_token=wall-display-secret');
    const withCookie = await request(`${base}/api/system.status`, { method: 'POST', headers: { ...json, Cookie: cookie }, body: '{}' });
    expect(withCookie.status).toBe(200);
    // A malformed cookie (any page on 127.0.0.1, whatever its port, can set one) is a wrong token, not a failure.
    const badCookie = await request(`${base}/api/system.status`, { method: 'POST', headers: { ...json, Cookie: 'gobag_token=%E0' }, body: '{}' });
    expect(badCookie.status).toBe(401);
  });

  it('pushes events to server-sent-event clients', async () => {
    const running = await start();
    const received = new Promise<string>((resolve) => {
      http.get(`${running.url}/api/events`, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('event: settings.changed')) {
            res.destroy();
            resolve(text);
          }
        });
      });
    });
    await new Promise((r) => setTimeout(r, 50));
    await request(`${running.url}/api/settings.update`, { method: 'POST', headers: json, body: '{"userName":"kim"}' });
    expect(await received).toContain('data: {}');
  });

  it('serves the renderer with a strict CSP and never a file outside its folder', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Gobag</title>');
    fs.writeFileSync(path.join(path.dirname(dir), 'secret.txt'), 'nope');
    const running = await start({ staticDir: dir });
    const index = await request(`${running.url}/incidents/deep/link`);
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    const traversal = await request(`${running.url}/..%2Fsecret.txt`);
    expect(traversal.body).not.toContain('nope');
  });

  it('serves a rebuilt file, not the copy it held from before', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Gobag</title>');
    fs.writeFileSync(path.join(dir, 'app.js'), 'console.log(1);');
    const running = await start({ staticDir: dir });
    const first = await request(`${running.url}/app.js`);
    expect(first.body).toBe('console.log(1);');
    expect(first.headers['content-type']).toContain('text/javascript');
    fs.writeFileSync(path.join(dir, 'app.js'), 'console.log("rebuilt");');
    expect((await request(`${running.url}/app.js`)).body).toBe('console.log("rebuilt");');
  });
});
