import type { Dispatch } from './dispatcher';

/**
 * Builds what the first screen reads (the alert board's default view) as soon as a long-running
 * front door (the Electron window, `gobag serve`) is up, so the window's first request finds it
 * ready. One-shot CLI commands never call this: they must not pay for a 100,000-alert board.
 */
export function warmUpFirstScreen(dispatch: Dispatch): void {
  setImmediate(() => {
    void dispatch('alerts.board', {});
  });
}
