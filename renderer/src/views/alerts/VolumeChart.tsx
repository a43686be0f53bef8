import { useEffect, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useApiQuery } from '../../components/useApiQuery';
import { useNow } from '../../components/useNow';
import { useAlertBoardStore } from './alertBoardStore';

const RANGES = {
  '24h': { hours: 24, bucketMinutes: 60 },
  '7d': { hours: 24 * 7, bucketMinutes: 360 },
} as const;

/** Alerts that started firing per hour (24 h) or per 6 h (7 days), stacked by severity. */
export function VolumeChart() {
  const range = useAlertBoardStore((s) => s.volumeRange);
  const setRange = useAlertBoardStore((s) => s.setVolumeRange);
  const now = useNow(60_000);
  const { hours, bucketMinutes } = RANGES[range];
  const bucketMs = bucketMinutes * 60_000;
  const to = Math.ceil(now / bucketMs) * bucketMs;
  const input = useMemo(() => ({ from: new Date(to - hours * 3_600_000).toISOString(), to: new Date(to).toISOString(), bucketMinutes }), [to, hours, bucketMinutes]);
  // Re-read on a timer rather than on every alert change: a webhook storm must not queue chart scans.
  const volume = useApiQuery('alerts.volume', input, []);
  const reload = volume.reload;
  useEffect(() => {
    const timer = setInterval(reload, 10_000);
    return () => clearInterval(timer);
  }, [reload]);
  const data = useMemo(
    () =>
      (volume.data ?? []).map((b) => {
        const date = new Date(b.t);
        const label =
          range === '24h'
            ? date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', hour12: false })
            : `${date.toLocaleDateString(undefined, { weekday: 'short' })} ${date.toLocaleTimeString(undefined, { hour: '2-digit', hour12: false })}h`;
        return { ...b, label };
      }),
    [volume.data, range],
  );
  const total = data.reduce((n, b) => n + b.critical + b.warning + b.info, 0);
  return (
    <div className="alerts-volume" aria-label="Alert volume">
      <div className="alerts-volume-head">
        <span className="muted">
          Alert volume, last {range === '24h' ? '24 hours' : '7 days'}: {total.toLocaleString()} started firing
        </span>
        <span className="alerts-volume-ranges">
          {(Object.keys(RANGES) as (keyof typeof RANGES)[]).map((r) => (
            <button key={r} type="button" className={r === range ? 'alerts-tab active' : 'alerts-tab'} onClick={() => setRange(r)} aria-pressed={r === range}>
              {r}
            </button>
          ))}
        </span>
      </div>
      <div className="alerts-volume-chart">
        <ResponsiveContainer width="100%" height={110}>
          <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: -18 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 10, fill: 'var(--text-muted)' }} interval="preserveStartEnd" minTickGap={24} />
            <YAxis allowDecimals={false} tick={{ fontSize: 10, fill: 'var(--text-muted)' }} width={44} />
            <Tooltip contentStyle={{ background: 'var(--bg-raised)', border: '1px solid var(--border)', fontSize: 12 }} cursor={{ fill: 'var(--bg-hover)' }} />
            <Legend wrapperStyle={{ fontSize: 11 }} iconSize={8} />
            <Bar dataKey="critical" stackId="s" fill="var(--danger)" isAnimationActive={false} />
            <Bar dataKey="warning" stackId="s" fill="var(--warn)" isAnimationActive={false} />
            <Bar dataKey="info" stackId="s" fill="var(--info)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
