import type { PaletteProvider } from '../../shell/palette';

/** Ctrl K → type part of an alert's name, summary or a label matcher → open that alert. */
export const alertsPaletteProvider: PaletteProvider = async (query, { api, navigate }) => {
  if (query.trim().length < 2) return [];
  try {
    const result = await api.call('alerts.list', { query, state: 'active', limit: 8 });
    return result.alerts.map((alert) => ({
      id: `alert:${alert.id}`,
      title: `${alert.alertname}${alert.summary ? ` — ${alert.summary}` : ''}`,
      hint: `${alert.severity} · ${alert.state}`,
      group: 'Alerts',
      run: () => navigate('alerts', [alert.id]),
    }));
  } catch {
    // A malformed matcher while typing is not worth an error in the palette.
    return [];
  }
};
