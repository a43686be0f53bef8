import { useEffect, useState } from 'react';
import { useApi } from '../../api';
import { useUiStore } from '../../state/uiStore';

/** More notices than this in one delivery become a single summary. */
const STORM_SIZE = 3;

function notificationsSupported(): boolean {
  return typeof window !== 'undefined' && 'Notification' in window;
}

/**
 * Header slot, always mounted: turns `alerts.changed` notices (new critical alerts, not repeats,
 * not silenced; flapping once) into desktop notifications. Under Electron the same Web
 * Notification API shows native notifications.
 */
export function AlertNotifier() {
  const api = useApi();
  const navigate = useUiStore((s) => s.navigate);
  const [permission, setPermission] = useState<NotificationPermission | 'unsupported'>(notificationsSupported() ? Notification.permission : 'unsupported');

  useEffect(
    () =>
      api.on('alerts.changed', (payload) => {
        if (!notificationsSupported() || Notification.permission !== 'granted') return;
        const items = payload.notify ?? [];
        if (items.length > STORM_SIZE) {
          // A storm is one notice, not a screen full of them: the board is where to look.
          const perName = new Map<string, number>();
          for (const item of items) {
            const name = item.title.replace(/^[A-Za-z]+: /, '');
            perName.set(name, (perName.get(name) ?? 0) + 1);
          }
          const named = [...perName].slice(0, STORM_SIZE).map(([name, n]) => (n > 1 ? `${name} ×${n}` : name));
          const more = perName.size - named.length;
          const allCritical = items.every((item) => item.kind === 'critical');
          const notification = new Notification(allCritical ? `${items.length} new critical alerts` : `${items.length} alert notices`, {
            body: named.join(', ') + (more > 0 ? ` and ${more} more` : ''),
            tag: 'gobag-alert-storm',
          });
          notification.onclick = () => {
            window.focus();
            navigate('alerts');
          };
          return;
        }
        for (const item of items) {
          // `tag` collapses repeats of the same alert into one notification.
          const notification = new Notification(item.title, { body: item.body, tag: `gobag-alert-${item.id}` });
          notification.onclick = () => {
            window.focus();
            navigate('alerts', [item.id]);
          };
        }
      }),
    [api, navigate],
  );

  if (permission !== 'default') return null;
  return (
    <button
      type="button"
      className="pill alerts-notify-pill"
      title="Desktop notifications for new critical alerts"
      onClick={() => {
        void Notification.requestPermission().then(setPermission);
      }}
    >
      Enable alert notifications
    </button>
  );
}
