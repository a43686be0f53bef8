import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

/** A runbook repository snapshot is a few MB; anything far larger is not what was meant. */
const MAX_ARCHIVE_BYTES = 200 * 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 60_000;

export class RunbookArchiveError extends Error {}

export type FetchLike = (url: string, init: { signal: AbortSignal }) => Promise<{ ok: boolean; status: number; arrayBuffer(): Promise<ArrayBuffer>; headers: { get(name: string): string | null } }>;

/**
 * Downloads a `.tar.gz` / `.tgz` / `.tar` of runbooks (e.g. GitHub's `/archive/refs/heads/main.tar.gz`)
 * and unpacks it into `targetDir`, replacing the previous copy only once the new one is complete:
 * offline or on a bad download, the last copy stays.
 */
export async function downloadRunbookArchive(url: string, targetDir: string, fetchImpl: FetchLike = fetch): Promise<{ files: number; bytes: number }> {
  let response;
  try {
    response = await fetchImpl(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  } catch (error) {
    throw new RunbookArchiveError(`Could not download ${url} (${(error as Error).message}); the last downloaded copy is kept.`);
  }
  if (!response.ok) throw new RunbookArchiveError(`Downloading ${url} answered HTTP ${response.status}; the last downloaded copy is kept.`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_ARCHIVE_BYTES) throw new RunbookArchiveError(`${url} is ${declared} bytes, over the ${MAX_ARCHIVE_BYTES / 1024 / 1024} MB limit.`);
  const raw = Buffer.from(await response.arrayBuffer());
  if (raw.length > MAX_ARCHIVE_BYTES) throw new RunbookArchiveError(`${url} is over the ${MAX_ARCHIVE_BYTES / 1024 / 1024} MB limit.`);
  if (raw[0] === 0x50 && raw[1] === 0x4b) throw new RunbookArchiveError(`${url} is a zip archive; Gobag reads .tar.gz archives (GitHub offers both).`);
  let tar: Buffer;
  try {
    tar = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw, { maxOutputLength: MAX_ARCHIVE_BYTES * 4 }) : raw;
  } catch (error) {
    throw new RunbookArchiveError(`${url} is not a readable gzip archive (${(error as Error).message}).`);
  }

  const staging = `${targetDir}.next`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  let files = 0;
  try {
    for (const entry of readTar(tar)) {
      const safe = safeRelativePath(entry.name);
      if (!safe) continue;
      const destination = path.join(staging, safe);
      fs.mkdirSync(path.dirname(destination), { recursive: true });
      fs.writeFileSync(destination, entry.data);
      files++;
    }
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error instanceof RunbookArchiveError ? error : new RunbookArchiveError(`${url}: ${(error as Error).message}`);
  }
  if (files === 0) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw new RunbookArchiveError(`${url} holds no files; the last downloaded copy is kept.`);
  }
  fs.rmSync(targetDir, { recursive: true, force: true });
  fs.renameSync(staging, targetDir);
  return { files, bytes: raw.length };
}

/** Only plain relative paths; `..`, absolute paths and drive letters are dropped (an archive must not write outside its folder). */
function safeRelativePath(name: string): string | undefined {
  const parts = name.replace(/\\/g, '/').split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || parts.some((p) => p === '..') || /^[a-zA-Z]:/.test(parts[0]!) || name.startsWith('/')) return undefined;
  return parts.join('/');
}

/** Regular files of a ustar/pax/GNU tar; directories, links and devices are skipped. */
function* readTar(tar: Buffer): Generator<{ name: string; data: Buffer }> {
  let offset = 0;
  let longName: string | undefined;
  let paxPath: string | undefined;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const size = parseOctal(header.subarray(124, 136));
    const type = String.fromCharCode(header[156] ?? 0);
    const dataStart = offset + 512;
    const data = tar.subarray(dataStart, dataStart + size);
    if (data.length < size) throw new RunbookArchiveError('the tar archive is truncated');
    offset = dataStart + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = cString(data);
      continue;
    }
    if (type === 'x') {
      paxPath = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(data.toString('utf8'))?.[1];
      continue;
    }
    if (type === 'g') continue;
    const prefix = cString(header.subarray(345, 500));
    const name = paxPath ?? longName ?? (prefix ? `${prefix}/${cString(header.subarray(0, 100))}` : cString(header.subarray(0, 100)));
    longName = undefined;
    paxPath = undefined;
    if (type === '0' || type === '\0' || type === '7') yield { name, data: Buffer.from(data) };
  }
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end < 0 ? bytes.length : end).toString('utf8');
}

function parseOctal(bytes: Buffer): number {
  const text = cString(bytes).trim();
  const value = text ? parseInt(text, 8) : 0;
  if (!Number.isFinite(value) || value < 0) throw new RunbookArchiveError('the tar archive has a corrupt header');
  return value;
}
