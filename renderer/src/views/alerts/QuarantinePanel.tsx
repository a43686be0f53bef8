import { useState } from 'react';
import { useApi } from '../../api';
import { useApiQuery } from '../../components/useApiQuery';
import { formatClock } from './alertFormat';

/** Refused deliveries: what came in, when, and the field that was wrong; raw body on demand. */
export function QuarantinePanel({ count }: { count: number }) {
  const api = useApi();
  const [open, setOpen] = useState(false);
  const [raw, setRaw] = useState<{ id: string; body: string }>();
  const list = useApiQuery('alerts.quarantine', { limit: 50 }, ['alerts.changed']);
  return (
    <div className="alerts-quarantine">
      <button type="button" className="pill warn" onClick={() => setOpen((v) => !v)} aria-expanded={open}>
        {count} refused payload{count === 1 ? '' : 's'} in quarantine
      </button>
      {open ? (
        <div className="card">
          <table className="table" aria-label="Quarantine">
            <thead>
              <tr>
                <th>Received</th>
                <th>Feed</th>
                <th>Why refused</th>
                <th className="num">Bytes</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {(list.data?.items ?? []).map((q) => (
                <tr key={q.id}>
                  <td>{formatClock(q.receivedAt)}</td>
                  <td>
                    {q.kind} via {q.via}
                  </td>
                  <td className="mono">{q.error}</td>
                  <td className="num">{q.bytes}</td>
                  <td>
                    <button type="button" className="ghost" onClick={() => api.call('alerts.raw', { id: q.id }).then((r) => setRaw({ id: q.id, body: r.body }))}>
                      Raw
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {raw ? <pre className="alerts-raw mono">{raw.body}</pre> : null}
        </div>
      ) : null}
    </div>
  );
}
