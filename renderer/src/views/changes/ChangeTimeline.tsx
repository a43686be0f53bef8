import { useCallback, useEffect, useMemo, useState } from 'react';
import { Bar, CartesianGrid, ComposedChart, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useApi, useReloadOn } from '../../api';
import { isEventName, isMethodName, type EventName } from '../../../../shared/api/contract';
import type { Change } from '../../../../shared/api/changes';
import { formatShortTime } from './changeFormat';

interface VolumeBucket {
  t: number;
  critical: number;
  warning: number;
  info: number;
}

/** Change markers drawn at most; beyond that the chart turns into a barcode. */
const MAX_MARKERS = 150;
/** Labels only while they can still be read. */
const MAX_LABELLED_MARKERS = 12;

/** Re-read the volume when alerts change, if the alerts module publishes that event. */
const ALERT_EVENTS: readonly EventName[] = ['alerts.changed'].filter(isEventName);

function isVolumeList(value: unknown): value is { t: string; critical: number; warning: number; info: number }[] {
  return Array.isArray(value) && value.every((b) => b && typeof b === 'object' && typeof (b as { t: unknown }).t === 'string');
}

/**
 * Alert starts per bucket (the alerts module's `alerts.volume`, when that module is present) with
 * every change in range as a vertical line, so a spike lines up with the deploy that caused it.
 */
function useAlertVolume(from: number, to: number, bucketMinutes: number): { buckets: VolumeBucket[]; available: boolean } {
  const api = useApi();
  const available = isMethodName('alerts.volume');
  const [buckets, setBuckets] = useState<VolumeBucket[]>([]);
  const load = useCallback(() => {
    if (!available) return;
    // Called by name so this view builds whether or not the alerts module is in the contract yet.
    const call = api.call as unknown as (method: string, input: unknown) => Promise<unknown>;
    call('alerts.volume', { from: new Date(from).toISOString(), to: new Date(to).toISOString(), bucketMinutes }).then(
      (value) => {
        if (isVolumeList(value)) setBuckets(value.map((b) => ({ t: Date.parse(b.t), critical: b.critical, warning: b.warning, info: b.info })));
      },
      () => setBuckets([]),
    );
  }, [api, available, from, to, bucketMinutes]);
  useEffect(load, [load]);
  useReloadOn(ALERT_EVENTS, load);
  return { buckets, available };
}

export function ChangeTimeline({ changes, from, to, selectedId, onSelect }: { changes: Change[]; from: number; to: number; selectedId?: string; onSelect(id: string): void }) {
  const rangeMinutes = Math.max(1, (to - from) / 60_000);
  const bucketMinutes = Math.max(1, Math.round(rangeMinutes / 72));
  const { buckets, available } = useAlertVolume(from, to, bucketMinutes);

  const data = useMemo(() => {
    if (buckets.length) return buckets;
    // No alert data: an empty axis still places the change markers in time.
    const empty: VolumeBucket[] = [];
    for (let t = from; t <= to; t += bucketMinutes * 60_000) empty.push({ t, critical: 0, warning: 0, info: 0 });
    return empty;
  }, [buckets, from, to, bucketMinutes]);

  const markers = changes.filter((c) => {
    const t = Date.parse(c.at);
    return t >= from && t <= to;
  });
  const drawn = markers.slice(0, MAX_MARKERS);
  // Label a marker only if it is far enough from the last labelled one to be read.
  const labelledIds = new Set<string>();
  if (drawn.length <= MAX_LABELLED_MARKERS) {
    const gap = (to - from) * 0.14;
    const selectedChange = drawn.find((c) => c.id === selectedId);
    const selectedAt = selectedChange ? Date.parse(selectedChange.at) : undefined;
    let lastLabelled = -Infinity;
    for (const change of [...drawn].sort((a, b) => (a.at < b.at ? -1 : 1))) {
      const t = Date.parse(change.at);
      const crowdsSelected = selectedAt !== undefined && change.id !== selectedId && Math.abs(t - selectedAt) < gap;
      if (t - lastLabelled >= gap && !crowdsSelected) {
        labelledIds.add(change.id);
        lastLabelled = t;
      }
    }
  }
  const now = Date.now();

  return (
    <figure className="changes-timeline" aria-label="Timeline of alert starts and changes">
      <div className="changes-timeline-chart">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={{ top: 28, right: 24, bottom: 4, left: 0 }}>
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={[from, to]}
              tickFormatter={(t: number) => formatShortTime(t, now)}
              stroke="var(--text-muted)"
              fontSize={11}
              minTickGap={40}
            />
            <YAxis allowDecimals={false} stroke="var(--text-muted)" fontSize={11} width={32} />
            <Tooltip
              labelFormatter={(t) => formatShortTime(Number(t), now)}
              contentStyle={{ background: 'var(--bg-raised)', border: '1px solid var(--border)', color: 'var(--text)' }}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="critical" name="critical alerts started" stackId="alerts" fill="var(--danger)" isAnimationActive={false} />
            <Bar dataKey="warning" name="warning" stackId="alerts" fill="var(--warn)" isAnimationActive={false} />
            <Bar dataKey="info" name="info" stackId="alerts" fill="var(--info)" isAnimationActive={false} />
            {drawn.map((change) => {
              const selected = change.id === selectedId;
              const t = Date.parse(change.at);
              // Markers near the right edge carry their label to the left, so it stays inside the chart.
              const position = t > from + (to - from) * 0.7 ? 'insideTopRight' : 'insideTopLeft';
              return (
                <ReferenceLine
                  key={change.id}
                  x={t}
                  stroke={selected ? 'var(--accent)' : 'var(--text-muted)'}
                  strokeWidth={selected ? 3 : 1.5}
                  strokeDasharray={selected ? undefined : '4 3'}
                  ifOverflow="hidden"
                  className="changes-marker"
                  onClick={() => onSelect(change.id)}
                  label={
                    labelledIds.has(change.id) || selected
                      ? { value: change.summary.length > 28 ? `${change.summary.slice(0, 27)}…` : change.summary, position, fill: 'var(--text)', fontSize: 11, angle: 0, offset: 4 }
                      : undefined
                  }
                />
              );
            })}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="muted">
        {markers.length} change{markers.length === 1 ? '' : 's'} as vertical lines
        {markers.length > drawn.length ? ` (newest ${drawn.length} drawn)` : ''}
        {available ? `; bars: alerts that started per ${bucketMinutes} min` : '; alert starts appear here once the alerts module has data'}.
      </figcaption>
    </figure>
  );
}
