import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  sectionLabel: string;
  /** The route inside the section: going elsewhere in it (g a from a broken alert) tries again. */
  routeKey: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/** A lazy section whose chunk is gone: the build behind this window was replaced (update, or `gobag serve` restarted on a new build). */
function isStaleChunk(error: Error): boolean {
  return /dynamically imported module|Importing a module script failed|error loading dynamically imported module/i.test(error.message);
}

/**
 * Around the section view (keyed by section in App): a section that fails to load or render shows
 * what happened in its own place, while the header, the navigation and the other sections keep
 * working. Without it React unmounted the whole app and the window went blank.
 */
export class SectionErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  // Keyed by section in App (a key per route would remount views that keep their state across
  // their own routes), so the error is cleared here when the route changes: before, a failure on
  // one page of a section (a review chunk gone, one alert's detail) left the whole section on this
  // message, g a / g i kept it, and Reload came back to the same page.
  override componentDidUpdate(previous: Props): void {
    if (this.state.error && previous.routeKey !== this.props.routeKey) this.setState({ error: null });
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`Section ${this.props.sectionLabel} failed`, error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <section className="view" aria-labelledby="section-error-title">
        <div className="error-banner" role="alert">
          <h1 id="section-error-title">{this.props.sectionLabel} could not be shown</h1>
          <p>
            {isStaleChunk(error)
              ? 'Gobag was updated since this window opened, and this section was not loaded yet. Reload to load it; your data is in the local database, nothing was lost.'
              : error.message}
          </p>
          <p>The other sections still work (g a for alerts).</p>
          <button type="button" className="primary" onClick={() => window.location.reload()}>
            Reload
          </button>
        </div>
      </section>
    );
  }
}
