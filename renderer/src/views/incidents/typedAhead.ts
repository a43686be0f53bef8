import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

/**
 * What a box should hold once the entry sent from it is saved. Saving is a round trip, and a
 * captain keeps typing the next entry into the same box meanwhile (Enter, a, "Deleted…"):
 * clearing it then wiped those first keystrokes ("eleted old WAL archives"). Only the sent text
 * goes; whatever was typed after it stays, and a box edited otherwise is left alone.
 */
export function textAfterSave(current: string, sent: string): string {
  if (current === sent) return '';
  if (current.startsWith(sent)) return current.slice(sent.length).trimStart();
  return current;
}

/**
 * One save at a time for a box, and Enter while it runs is not lost: the next entry is sent when
 * the previous one is in, as what remains in the box then (textAfterSave). Two saves at once
 * sent the whole box the second time, the first entry glued to the next ("Check logsPage DBA"
 * beside "Check logs"), and the timeline's Enter did nothing while its Add button was disabled.
 * `save` resolves true when its entry went in (or there was nothing to send); a failed save
 * drops the queued Enter, so nothing is sent behind an error the person has not seen.
 */
export function useOneSaveAtATime(save: () => Promise<boolean>): { saving: boolean; request(): void } {
  const latestSave = useRef(save);
  useLayoutEffect(() => {
    latestSave.current = save;
  });
  const inFlight = useRef(false);
  const enterWhileSaving = useRef(false);
  const [saving, setSaving] = useState(false);
  const [savedCount, setSavedCount] = useState(0);

  const request = useCallback(() => {
    if (inFlight.current) {
      enterWhileSaving.current = true;
      return;
    }
    inFlight.current = true;
    setSaving(true);
    const done = (ok: boolean) => {
      inFlight.current = false;
      setSaving(false);
      if (!ok) enterWhileSaving.current = false;
      setSavedCount((n) => n + 1);
    };
    void latestSave.current().then(done, () => done(false));
  }, []);

  // After the render that took the saved text out of the box, so the queued save sends the rest.
  useEffect(() => {
    if (!enterWhileSaving.current || inFlight.current) return;
    enterWhileSaving.current = false;
    request();
  }, [savedCount, request]);

  return { saving, request };
}
