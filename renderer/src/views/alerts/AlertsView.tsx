import { AlertBoard } from './AlertBoard';
import { AlertDetail } from './AlertDetail';

/** `#/alerts` is the board; `#/alerts/<alertId>` opens one alert. */
export function AlertsView({ params }: { params: string[] }) {
  const id = params[0];
  return id ? <AlertDetail key={id} id={id} /> : <AlertBoard />;
}
