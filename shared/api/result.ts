/** The one error shape every front door returns: IPC, HTTP and CLI alike. */
export type ApiErrorCode =
  | 'invalid_input'
  | 'unknown_method'
  | 'not_found'
  | 'conflict'
  | 'unauthorized'
  | 'payload_too_large'
  | 'unavailable'
  | 'internal';

export interface ApiError {
  code: ApiErrorCode;
  message: string;
  /** Field-level problems, e.g. [{ path: 'alerts.0.labels', message: 'Expected object' }]. */
  issues?: { path: string; message: string }[];
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Thrown by handlers for expected failures; the dispatcher turns it into `{ok:false, error}`. */
export class ApiFailure extends Error {
  readonly code: ApiErrorCode;
  readonly issues?: { path: string; message: string }[];
  constructor(code: ApiErrorCode, message: string, issues?: { path: string; message: string }[]) {
    super(message);
    this.name = 'ApiFailure';
    this.code = code;
    this.issues = issues;
  }
}

/** HTTP status for an error code, used by the local host so scripts can rely on status codes. */
export function httpStatusFor(code: ApiErrorCode): number {
  switch (code) {
    case 'invalid_input':
      return 400;
    case 'unauthorized':
      return 401;
    case 'unknown_method':
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'payload_too_large':
      return 413;
    case 'unavailable':
      return 503;
    case 'internal':
      return 500;
  }
}
