import { useEffect, useState } from 'react';
import { useApi } from '../../api';
import { useUiStore } from '../../state/uiStore';

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
        for (const item of payload.notify ?? []) {
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
