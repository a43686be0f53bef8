import { contract, isMethodName, type MethodName } from '../../shared/api/contract';
import { ApiFailure, type ApiResult } from '../../shared/api/result';
import { describeZodError } from '../../shared/api/validation';
import type { HandlerMap } from '../handlers';

export type Dispatch = (method: string, input: unknown) => Promise<ApiResult<unknown>>;

/**
 * The single boundary every front door goes through: unknown method → `unknown_method`,
 * input that fails the contract → `invalid_input` naming the field, handler errors → an error
 * object, never a thrown exception or a crashed host.
 */
export function createDispatcher(handlers: HandlerMap, onInternalError: (method: string, error: unknown) => void = logInternalError): Dispatch {
  return async (method, rawInput) => {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'unknown_method', message: `Unknown method "${method}".` } };
    }
    const parsed = contract[method].input.safeParse(rawInput ?? {});
    if (!parsed.success) return { ok: false, error: describeZodError(parsed.error, `input for ${method}`) };
    try {
      const handler = handlers[method] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof ApiFailure) {
        return { ok: false, error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) } };
      }
      onInternalError(method, error);
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, error: { code: 'internal', message: `${method} failed: ${message}` } };
    }
  };
}

function logInternalError(method: string, error: unknown): void {
  console.error(`[gobag] ${method} failed`, error);
}

export type { MethodName };
