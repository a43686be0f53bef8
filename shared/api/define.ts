import type { z } from 'zod';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** One line for `gobag --help`-style listings and the API docs. */
  summary: string;
  input: I;
  output: O;
}

/** Identity helper that keeps each method's literal schema types while checking the shape. */
export function defineMethods<const T extends Record<string, MethodSpec>>(methods: T): T {
  return methods;
}

/** Same for push events: name → payload schema. */
export function defineEvents<const T extends Record<string, z.ZodType>>(events: T): T {
  return events;
}
