import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { AlertSourceHealth } from '../../../../shared/api/alerts';
import { ApiCallError, useApi } from '../../api';
import { formatAgo, formatTime } from '../../components/format';
import { useApiQuery } from '../../components/useApiQuery';
import { useNow } from '../../components/useNow';
import { useUiStore } from '../../state/uiStore';
import { useAlertBoardStore } from './alertBoardStore';
import { formatClock } from './alertFormat';

type AuthKind = 'none' | 'bearer' | 'basic';

interface SourceForm {
  mode: 'add' | 'edit';
  name: string;
  url: string;
  intervalSeconds: string;
  auth: AuthKind;
  bearerToken: string;
  username: string;
  password: string;
  pushSilences: boolean;
  /** Edit mode: the kind of credentials stored, and the basic-auth user (secrets are never sent back). */
  storedAuth: AuthKind;
  storedUsername: string;
}

/** The fields of `alerts.connect`, as the API names them in its validation messages. */
type FormField = 'name' | 'url' | 'intervalSeconds' | 'bearerToken' | 'basicAuth';

interface FormFailure {
  message: string;
  byField: Partial<Record<FormField, string>>;
}

const EMPTY_FORM: SourceForm = { mode: 'add', name: '', url: '', intervalSeconds: '15', auth: 'none', bearerToken: '', username: '', password: '', pushSilences: true, storedAuth: 'none', storedUsername: '' };

/** Editing without typing the secret again keeps the stored one (same kind, same user). */
function keepsStoredSecret(values: SourceForm): boolean {
  if (values.mode !== 'edit' || values.auth !== values.storedAuth) return false;
  if (values.auth === 'bearer') return values.bearerToken === '';
  if (values.auth === 'basic') return values.password === '' && values.username === values.storedUsername;
  return false;
}

const FORM_FIELDS: readonly FormField[] = ['name', 'url', 'intervalSeconds', 'bearerToken', 'basicAuth'];

/** Splits an API failure into messages per form field (`url: Invalid URL` → url), keeping the whole text too. */
function failureOf(error: unknown): FormFailure {
  const message = error instanceof Error ? error.message : String(error);
  const byField: FormFailure['byField'] = {};
  const issues = error instanceof ApiCallError ? (error.error.issues ?? []) : [];
  for (const issue of issues) {
    const field = FORM_FIELDS.find((f) => issue.path === f || issue.path.startsWith(`${f}.`));
    if (field && !byField[field]) byField[field] = issue.path.includes('.') ? `${issue.path.split('.').pop()}: ${issue.message}` : issue.message;
  }
  // Failures thrown by a handler carry no issue list, only `field: message`.
  if (issues.length === 0) {
    const named = /^(?:Invalid input: )?([\w.]+): (.*)$/.exec(message);
    const field = named ? FORM_FIELDS.find((f) => named[1] === f || named[1]!.startsWith(`${f}.`)) : undefined;
    if (field && named) byField[field] = named[2]!;
  }
  return { message, byField };
}

/**
 * Alert feeds and their freshness; add, change, poll or stop polling an Alertmanager. Opened from
 * the board toolbar or the palette; Escape closes the form first, then the panel.
 */
export function AlertSourcesPanel() {
  const api = useApi();
  const close = useAlertBoardStore((s) => s.closeSources);
  const sources = useApiQuery('alerts.sources', {}, ['alerts.changed', 'sources.changed']);
  const now = useNow(15_000);
  const [form, setForm] = useState<SourceForm | null>(null);
  const [failure, setFailure] = useState<FormFailure>();
  const [saving, setSaving] = useState(false);
  const [polling, setPolling] = useState(false);
  const [stopping, setStopping] = useState<string>();
  const [status, setStatus] = useState<{ text: string; bad: boolean }>();
  const addButton = useRef<HTMLButtonElement>(null);
  const list = sources.data ?? [];
  const pulled = list.filter((s) => s.pull);

  useEffect(() => addButton.current?.focus(), []);

  // Escape closes the form first, then a pending confirmation, then the panel, wherever the focus
  // is (it may sit on <body> after the focused control went away). Capture phase: an open command
  // palette sees its Escape first.
  const onEscape = useRef<() => void>(() => undefined);
  onEscape.current = () => {
    if (form) closeForm();
    else if (stopping) setStopping(undefined);
    else close();
  };
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== 'Escape' || useUiStore.getState().paletteOpen || useUiStore.getState().shortcutsOpen) return;
      event.stopPropagation();
      onEscape.current();
    }
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);

  function openForm(next: SourceForm) {
    setForm(next);
    setFailure(undefined);
    setStopping(undefined);
  }

  function closeForm() {
    setForm(null);
    setFailure(undefined);
    // Keyboard users land back where they started.
    setTimeout(() => addButton.current?.focus(), 0);
  }

  async function save(values: SourceForm) {
    // alerts.connect with an existing name silently replaces that source: adding never should.
    const taken = values.mode === 'add' ? list.find((s) => s.kind === 'alertmanager' && s.name === values.name.trim()) : undefined;
    if (taken) {
      const why = taken.pull ? `an Alertmanager named "${taken.name}" is already polled; use Edit to change it` : `"${taken.name}" is the Alertmanager webhook feed; pick another name`;
      setFailure({ message: `name: ${why}`, byField: { name: why } });
      return;
    }
    setSaving(true);
    setFailure(undefined);
    // The last save's "saved and polled" must not stand for this one while it is still connecting.
    setStatus(undefined);
    const keep = keepsStoredSecret(values);
    try {
      const result = await api.call('alerts.connect', {
        name: values.name.trim(),
        url: values.url.trim(),
        intervalSeconds: values.intervalSeconds.trim() === '' ? Number.NaN : Number(values.intervalSeconds),
        pushSilences: values.pushSilences,
        ...(keep ? { keepCredentials: true } : {}),
        ...(values.auth === 'bearer' && !keep ? { bearerToken: values.bearerToken } : {}),
        ...(values.auth === 'basic' && !keep ? { basicAuth: { username: values.username, password: values.password } } : {}),
      });
      setStatus(
        result.lastError
          ? { text: `${result.name} saved, but the first poll failed: ${result.lastError}. Gobag keeps trying every ${values.intervalSeconds} s.`, bad: true }
          : { text: `${result.name} saved and polled: ${result.itemCount} alert${result.itemCount === 1 ? '' : 's'}.`, bad: false },
      );
      closeForm();
    } catch (error) {
      setFailure(failureOf(error));
    } finally {
      setSaving(false);
    }
  }

  async function pollNow() {
    setPolling(true);
    setStatus(undefined);
    try {
      const result = await api.call('alerts.refresh', {});
      const failed = result.filter((s) => s.pull && s.lastError);
      setStatus({
        text: `Polled ${pulled.length} Alertmanager${pulled.length === 1 ? '' : 's'} at ${formatClock(new Date().toISOString())}${failed.length ? `; ${failed.map((s) => s.name).join(', ')} failed` : ''}.`,
        bad: failed.length > 0,
      });
    } catch (error) {
      setStatus({ text: error instanceof Error ? error.message : String(error), bad: true });
    } finally {
      setPolling(false);
    }
  }

  async function stopPolling(name: string) {
    try {
      await api.call('alerts.disconnect', { name });
      setStatus({ text: `Stopped polling ${name}. Its alerts stay in the replica as they were last seen.`, bad: false });
      setStopping(undefined);
      if (form?.mode === 'edit' && form.name === name) setForm(null);
      setTimeout(() => addButton.current?.focus(), 0);
    } catch (error) {
      setStatus({ text: error instanceof Error ? error.message : String(error), bad: true });
    }
  }

  return (
    <div className="overlay" role="presentation" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div
        className="alert-sources"
        role="dialog"
        aria-modal="true"
        aria-labelledby="alert-sources-title"
      >
        <div className="alert-sources-head">
          <h2 id="alert-sources-title">Alert sources</h2>
          <span className="muted">Where the board's alerts come from, and how fresh they are.</span>
          <span className="alert-sources-head-actions">
            <button type="button" onClick={() => void pollNow()} disabled={polling || pulled.length === 0} title="Poll every Alertmanager now and send queued silences">
              {polling ? 'Polling…' : 'Poll now'}
            </button>
            <button ref={addButton} type="button" className="primary" onClick={() => openForm(EMPTY_FORM)} disabled={form?.mode === 'add'}>
              Add Alertmanager
            </button>
            <button type="button" className="ghost" onClick={close} aria-label="Close alert sources">
              Close <kbd>Esc</kbd>
            </button>
          </span>
        </div>

        {sources.error ? <p className="error-banner" role="alert">{sources.error}</p> : null}
        {status ? (
          <p className={status.bad ? 'alert-sources-status bad' : 'alert-sources-status'} role="status">
            {status.text}
          </p>
        ) : null}

        {list.length === 0 && sources.data ? (
          <p className="muted alert-sources-empty">
            No alert sources yet. Add an Alertmanager to poll, or point webhooks at /hooks/alertmanager, /hooks/grafana, /hooks/pagerduty or /hooks/generic.
          </p>
        ) : null}
        {list.length > 0 ? (
          <table className="table alert-sources-table" aria-label="Alert sources">
            <thead>
              <tr>
                <th>Name</th>
                <th>Kind</th>
                <th>Mode</th>
                <th>Last refresh</th>
                <th className="num">Items</th>
                <th>Health</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.map((source) => (
                <SourceRow
                  key={source.id}
                  source={source}
                  now={now}
                  editing={form?.mode === 'edit' && form.name === source.name}
                  confirming={stopping === source.name}
                  onEdit={() =>
                    openForm({
                      ...EMPTY_FORM,
                      mode: 'edit',
                      name: source.name,
                      url: source.url ?? '',
                      intervalSeconds: String(source.intervalSeconds ?? 15),
                      pushSilences: source.pushSilences ?? true,
                      auth: source.auth ?? 'none',
                      username: source.username ?? '',
                      storedAuth: source.auth ?? 'none',
                      storedUsername: source.username ?? '',
                    })
                  }
                  onAskStop={() => setStopping(source.name)}
                  onCancelStop={() => setStopping(undefined)}
                  onStop={() => void stopPolling(source.name)}
                />
              ))}
            </tbody>
          </table>
        ) : null}

        {form ? <SourceFormView key={`${form.mode}:${form.name}`} initial={form} saving={saving} failure={failure} onSubmit={(v) => void save(v)} onCancel={closeForm} /> : null}
      </div>
    </div>
  );
}

function SourceRow(props: {
  source: AlertSourceHealth;
  now: number;
  editing: boolean;
  confirming: boolean;
  onEdit(): void;
  onAskStop(): void;
  onCancelStop(): void;
  onStop(): void;
}) {
  const { source, now } = props;
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (props.confirming) confirmButton.current?.focus();
  }, [props.confirming]);
  return (
    <>
      <tr data-source-name={source.name} className={source.lastError ? 'failing' : undefined}>
        <td>
          <strong>{source.name}</strong>
          {source.url ? (
            <div className="mono muted alert-sources-url" title={source.url}>
              {source.url}
            </div>
          ) : null}
        </td>
        <td>{source.kind}</td>
        <td>{source.pull ? 'pull' : 'push (webhook)'}</td>
        <td title={source.lastRefreshAt ? formatTime(source.lastRefreshAt) : 'never'}>{formatAgo(source.lastRefreshAt, now)}</td>
        <td className="num">{source.itemCount.toLocaleString()}</td>
        <td className="alert-sources-health">
          {source.lastError ? (
            <>
              <span className="alert-sources-down">
                {source.pull ? 'unreachable since' : 'last error'} {formatClock(source.pull ? source.failingSince : source.lastErrorAt, now)}
              </span>
              <div className="mono muted alert-sources-error">{source.lastError}</div>
            </>
          ) : source.lastRefreshAt ? (
            <span className="alert-sources-ok">ok</span>
          ) : (
            <span className="muted">nothing received yet</span>
          )}
        </td>
        <td className="alert-sources-actions">
          {source.pull ? (
            <>
              <button type="button" className="ghost" onClick={props.onEdit} aria-pressed={props.editing} aria-label={`Edit ${source.name}`}>
                Edit
              </button>
              <button type="button" className="ghost danger" onClick={props.onAskStop} aria-label={`Stop polling ${source.name}`}>
                Stop polling
              </button>
            </>
          ) : null}
        </td>
      </tr>
      {props.confirming ? (
        <tr className="alert-sources-confirm">
          <td colSpan={7}>
            <div className="alert-sources-confirm-body">
              <span>
                Stop polling <strong>{source.name}</strong>? Its {source.itemCount.toLocaleString()} alert{source.itemCount === 1 ? '' : 's'} stay in the replica as last seen (no longer updated), and
                new silences are no longer sent to it.
              </span>
              <span className="alert-sources-confirm-actions">
                <button ref={confirmButton} type="button" className="danger" onClick={props.onStop}>
                  Yes, stop polling {source.name}
                </button>
                <button type="button" onClick={props.onCancelStop}>
                  Keep polling
                </button>
              </span>
            </div>
          </td>
        </tr>
      ) : null}
    </>
  );
}

function FieldError({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <span id={id} className="alert-sources-field-error">
      {text}
    </span>
  ) : null;
}

/** A label (with its hint) for the control `htmlFor` names, the control, and the API's message for it. */
function Field({ label, hint, htmlFor, error, errorId, children }: { label: string; hint?: ReactNode; htmlFor: string; error?: string; errorId: string; children: ReactNode }) {
  return (
    <div className={error ? 'alert-sources-field invalid' : 'alert-sources-field'}>
      <label htmlFor={htmlFor}>
        {label}
        {hint ? <span className="muted"> {hint}</span> : null}
      </label>
      {children}
      <FieldError id={errorId} text={error} />
    </div>
  );
}

/** Add or change one Alertmanager; the API validates, and its field-naming message lands beside the field. */
function SourceFormView(props: { initial: SourceForm; saving: boolean; failure: FormFailure | undefined; onSubmit(values: SourceForm): void; onCancel(): void }) {
  const [values, setValues] = useState(props.initial);
  const firstInput = useRef<HTMLInputElement>(null);
  const editing = props.initial.mode === 'edit';
  const errors = props.failure?.byField ?? {};
  useEffect(() => firstInput.current?.focus(), []);
  const set = <K extends keyof SourceForm>(key: K, value: SourceForm[K]) => setValues((v) => ({ ...v, [key]: value }));
  const described = (field: FormField) => (errors[field] ? { 'aria-invalid': true, 'aria-describedby': `alert-sources-err-${field}` } : {});

  return (
    <form
      className="alert-sources-form card"
      aria-label={editing ? `Change Alertmanager ${props.initial.name}` : 'Add Alertmanager'}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit(values);
      }}
    >
      <h3>{editing ? `Change ${props.initial.name}` : 'Add Alertmanager'}</h3>
      {editing && props.initial.storedAuth !== 'none' ? (
        <p className="alert-sources-warning" role="note">
          Stored secrets are never shown: leave the token or password empty to keep the stored one. Choosing “none” removes them.
        </p>
      ) : null}
      <div className="alert-sources-grid">
        <Field label="Name" hint={editing ? '(fixed: to rename, add a new one)' : '(letters, digits, . - _)'} error={errors.name} errorId="alert-sources-err-name" htmlFor="alert-sources-name">
          <input
            id="alert-sources-name"
            ref={editing ? undefined : firstInput}
            value={values.name}
            readOnly={editing}
            onChange={(e) => set('name', e.target.value)}
            placeholder="eu1"
            autoComplete="off"
            {...described('name')}
          />
        </Field>
        <Field label="URL" hint="(Alertmanager base URL)" error={errors.url} errorId="alert-sources-err-url" htmlFor="alert-sources-url">
          <input
            id="alert-sources-url"
            ref={editing ? firstInput : undefined}
            value={values.url}
            onChange={(e) => set('url', e.target.value)}
            placeholder="http://alertmanager.example:9093"
            autoComplete="off"
            inputMode="url"
            {...described('url')}
          />
        </Field>
        <Field label="Poll every" hint="(seconds, 2–3600)" error={errors.intervalSeconds} errorId="alert-sources-err-intervalSeconds" htmlFor="alert-sources-interval">
          <input id="alert-sources-interval" type="number" min={2} max={3600} value={values.intervalSeconds} onChange={(e) => set('intervalSeconds', e.target.value)} className="alert-sources-interval" {...described('intervalSeconds')} />
        </Field>
        <Field label="Authentication" errorId="alert-sources-err-auth" htmlFor="alert-sources-auth">
          <select id="alert-sources-auth" value={values.auth} onChange={(e) => set('auth', e.target.value as AuthKind)}>
            <option value="none">none</option>
            <option value="bearer">bearer token</option>
            <option value="basic">basic (user + password)</option>
          </select>
        </Field>
        {values.auth === 'bearer' ? (
          <Field label="Bearer token" error={errors.bearerToken} errorId="alert-sources-err-bearerToken" htmlFor="alert-sources-token">
            <input
              id="alert-sources-token"
              type="password"
              value={values.bearerToken}
              placeholder={editing && values.storedAuth === 'bearer' ? 'stored: leave empty to keep' : ''}
              onChange={(e) => set('bearerToken', e.target.value)}
              autoComplete="off"
              {...described('bearerToken')}
            />
          </Field>
        ) : null}
        {values.auth === 'basic' ? (
          <>
            <Field label="User" error={errors.basicAuth} errorId="alert-sources-err-basicAuth" htmlFor="alert-sources-user">
              <input id="alert-sources-user" value={values.username} onChange={(e) => set('username', e.target.value)} autoComplete="off" {...described('basicAuth')} />
            </Field>
            <Field label="Password" errorId="alert-sources-err-password" htmlFor="alert-sources-password">
              <input
                id="alert-sources-password"
                type="password"
                value={values.password}
                placeholder={editing && values.storedAuth === 'basic' && values.username === values.storedUsername ? 'stored: leave empty to keep' : ''}
                onChange={(e) => set('password', e.target.value)}
                autoComplete="off"
              />
            </Field>
          </>
        ) : null}
      </div>
      <label className="alert-sources-check">
        <input type="checkbox" checked={values.pushSilences} onChange={(e) => set('pushSilences', e.target.checked)} />
        Push silences created here to this Alertmanager (queued while it is unreachable)
      </label>
      {props.failure ? (
        <p className="error-banner" role="alert">
          {props.failure.message}
        </p>
      ) : null}
      <div className="alert-sources-form-actions">
        <span className="muted">Saving polls it once right away.</span>
        <button type="button" onClick={props.onCancel}>
          Cancel <kbd>Esc</kbd>
        </button>
        <button type="submit" className="primary" disabled={props.saving}>
          {props.saving ? 'Connecting…' : editing ? 'Save' : 'Connect'} <kbd>Enter</kbd>
        </button>
      </div>
    </form>
  );
}
