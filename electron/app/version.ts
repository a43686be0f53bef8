// Replaced at bundle time by esbuild's `define`; falls back for tests that run the sources directly.
declare const __GOBAG_VERSION__: string | undefined;

export const APP_VERSION: string = typeof __GOBAG_VERSION__ === 'string' ? __GOBAG_VERSION__ : '0.0.0-dev';
