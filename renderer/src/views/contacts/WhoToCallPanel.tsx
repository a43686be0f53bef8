import { useApiQuery } from '../../components/useApiQuery';
import type { AlertForSlots } from '../alerts/alertDetailSlots';
import { preferredPhone, staffedFirst, telHref } from './contactFormat';
import { EscalationSteps } from './RolesEscalations';

const SERVICE_LABELS = ['service', 'job', 'app', 'app_kubernetes_io_name', 'namespace', 'team', 'component'];

/** Alert detail: the escalation path of the alert's service (by label), and who is on call now. */
export function WhoToCallPanel({ alert }: { alert: AlertForSlots }) {
  const escalations = useApiQuery('escalations.list', {}, ['contacts.changed', 'schedules.changed']);
  const oncall = useApiQuery('oncall.at', {}, ['schedules.changed', 'contacts.changed']);
  const values = SERVICE_LABELS.map((l) => alert.labels[l]?.toLowerCase()).filter((v): v is string => !!v);
  const path = (escalations.data ?? []).find((p) => values.includes(p.service.toLowerCase()));
  return (
    <div className="contacts-whotocall">
      {path ? (
        <>
          <div className="muted">Escalation for {path.service}</div>
          <EscalationSteps path={path} />
        </>
      ) : (
        <p className="muted">No escalation path for {values[0] ?? 'this alert'}; add one under Contacts &amp; On-call (service = the alert&apos;s service or job label).</p>
      )}
      {staffedFirst(oncall.data?.schedules ?? []).map((s) => (
        <div key={s.scheduleId}>
          <span className="muted">{s.name}: </span>
          {s.current.length === 0 ? <span className="warn">nobody on call</span> : null}
          {s.current.map((shift, i) => {
            const phone = shift.contact ? preferredPhone(shift.contact.phones) : null;
            return (
              <span key={i}>
                <strong>{shift.contact?.name ?? shift.person ?? shift.summary}</strong>
                {phone ? (
                  <a className="contacts-tel" href={telHref(phone)}>
                    {phone}
                  </a>
                ) : null}{' '}
              </span>
            );
          })}
        </div>
      ))}
    </div>
  );
}
