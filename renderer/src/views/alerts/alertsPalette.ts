import { matchesQuery, type PaletteItem, type PaletteProvider } from '../../shell/palette';
import { useAlertBoardStore } from './alertBoardStore';

/**
 * Ctrl K → "sources" or "connect" opens the alert sources panel; part of an alert's name, summary
 * or a label matcher opens that alert.
 */
export const alertsPaletteProvider: PaletteProvider = async (query, { api, navigate }) => {
  const commands: PaletteItem[] = [
    {
      id: 'alerts:sources',
      title: 'Alert sources… / Connect Alertmanager…',
      hint: 'Alerts',
      group: 'Alerts',
      run: () => {
        navigate('alerts');
        useAlertBoardStore.getState().openSources();
      },
    },
  ].filter((item) => query.trim() !== '' && matchesQuery(item.title, query));
  if (query.trim().length < 2) return commands;
  try {
    const result = await api.call('alerts.list', { query, state: 'active', limit: 8 });
    return [
      ...commands,
      ...result.alerts.map((alert) => ({
        id: `alert:${alert.id}`,
        title: `${alert.alertname}${alert.summary ? ` — ${alert.summary}` : ''}`,
        hint: `${alert.severity} · ${alert.state}`,
        group: 'Alerts',
        run: () => navigate('alerts', [alert.id]),
      })),
    ];
  } catch {
    // A malformed matcher while typing is not worth an error in the palette.
    return commands;
  }
};
