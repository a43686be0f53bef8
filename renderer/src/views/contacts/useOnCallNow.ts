import { useEffect } from 'react';
import { useApiQuery } from '../../components/useApiQuery';

/** Who is on call now, from the local cache; asked again every minute so a handoff shows without a reload. */
export function useOnCallNow() {
  const oncall = useApiQuery('oncall.at', {}, ['schedules.changed', 'contacts.changed']);
  const { reload } = oncall;
  useEffect(() => {
    const timer = setInterval(reload, 60_000);
    return () => clearInterval(timer);
  }, [reload]);
  return oncall;
}
