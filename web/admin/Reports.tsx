// The audit log and the stats view (two small inline-SVG charts: comments per day, decisions by reason).
import { useEffect, useState } from 'preact/hooks';
import { adminStrings as t } from '../strings.js';
import { ApiError, q, type AdminApi, type AuditEntry, type Stats } from './api.js';
import { labelName } from './Card.js';

export function Audit({ api, site }: { api: AdminApi; site: string }) {
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState('');

  async function load(more: boolean) {
    try {
      const r = await api.get<{ entries: AuditEntry[]; nextCursor: string | null }>(
        `/audit${q({ site, limit: 50, cursor: more ? cursor : null })}`,
      );
      setEntries((list) => (more ? [...list, ...r.entries] : r.entries));
      setCursor(r.nextCursor);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  }
  useEffect(() => void load(false), [site]);

  return (
    <section class="panel" aria-labelledby="audit-title">
      <h1 id="audit-title">{t.audit}</h1>
      {error ? <p class="error">{error}</p> : null}
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t.when}</th>
            <th scope="col">{t.who}</th>
            <th scope="col">{t.action}</th>
            <th scope="col">{t.comment}</th>
            <th scope="col">{t.change}</th>
            <th scope="col">{t.reason}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr>
              <td class="nowrap">{new Date(e.at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}</td>
              <td>{e.actor?.email}</td>
              <td>
                <code>{e.action}</code>
              </td>
              <td class="muted small">{e.commentId ?? '—'}</td>
              <td>{e.from || e.to ? `${e.from ?? '—'} → ${e.to ?? '—'}` : '—'}</td>
              <td>{e.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.length === 0 && !error ? <p class="empty">{t.noData}</p> : null}
      {cursor ? (
        <button type="button" class="btn wide" onClick={() => void load(true)}>
          {t.loadMore}
        </button>
      ) : null}
    </section>
  );
}

export function StatsView({ api, site }: { api: AdminApi; site: string }) {
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api
      .get<Stats>(`/stats${q({ site, days: 30 })}`)
      .then(setStats)
      .catch((err) => setError(err instanceof ApiError ? err.message : String(err)));
  }, [site]);

  return (
    <section class="panel" aria-labelledby="stats-title">
      <h1 id="stats-title">{t.stats}</h1>
      {error ? <p class="error">{error}</p> : null}
      {stats ? (
        <div class="charts">
          <figure class="chart">
            <figcaption>{t.perDay}</figcaption>
            <DayChart data={stats.perDay ?? []} />
          </figure>
          <figure class="chart">
            <figcaption>{t.byReason}</figcaption>
            <ReasonChart data={stats.decisions ?? []} />
          </figure>
        </div>
      ) : null}
    </section>
  );
}

const W = 560;
const H = 220;

/** Vertical bars, one per day, with the largest value and first/last dates labelled. */
function DayChart({ data }: { data: { day: string; count: number }[] }) {
  if (!data.length) return <p class="empty">{t.noData}</p>;
  const max = Math.max(1, ...data.map((d) => d.count));
  const pad = { l: 34, r: 8, t: 12, b: 26 };
  const bw = (W - pad.l - pad.r) / data.length;
  const y = (v: number) => pad.t + (H - pad.t - pad.b) * (1 - v / max);
  const total = data.reduce((n, d) => n + d.count, 0);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${t.perDay}: ${total} in ${data.length} days, at most ${max} a day`}>
      <line x1={pad.l} x2={W - pad.r} y1={y(0)} y2={y(0)} class="axis" />
      <line x1={pad.l} x2={W - pad.r} y1={y(max)} y2={y(max)} class="grid" />
      <text x={pad.l - 6} y={y(max) + 4} class="tick" text-anchor="end">
        {max}
      </text>
      <text x={pad.l - 6} y={y(0) + 4} class="tick" text-anchor="end">
        0
      </text>
      {data.map((d, i) => (
        <rect x={pad.l + i * bw + 1} y={y(d.count)} width={Math.max(1, bw - 2)} height={y(0) - y(d.count)} class="bar" rx="2">
          <title>{`${d.day}: ${d.count}`}</title>
        </rect>
      ))}
      <text x={pad.l} y={H - 6} class="tick">
        {data[0]!.day}
      </text>
      <text x={W - pad.r} y={H - 6} class="tick" text-anchor="end">
        {data[data.length - 1]!.day}
      </text>
    </svg>
  );
}

/** Horizontal bars, one per decision reason, largest first. */
function ReasonChart({ data }: { data: { reason: string; count: number }[] }) {
  if (!data.length) return <p class="empty">{t.noData}</p>;
  const rows = [...data].sort((a, b) => b.count - a.count).slice(0, 8);
  const max = Math.max(1, ...rows.map((d) => d.count));
  const rowH = 24;
  const h = rows.length * rowH + 8;
  const labelW = 150;
  return (
    <svg viewBox={`0 0 ${W} ${h}`} role="img" aria-label={rows.map((r) => `${labelName(r.reason)} ${r.count}`).join(', ')}>
      {rows.map((r, i) => {
        const w = ((W - labelW - 50) * r.count) / max;
        return (
          <g transform={`translate(0 ${4 + i * rowH})`}>
            <text x={labelW - 8} y={15} class="label" text-anchor="end">
              {labelName(r.reason)}
            </text>
            <rect x={labelW} y={3} width={Math.max(2, w)} height={rowH - 8} class="bar alt" rx="3" />
            <text x={labelW + w + 6} y={15} class="tick">
              {r.count}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
