import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from './report-format';

/**
 * The same period in earlier years as a small line chart (recharts: SVG, so it prints sharp on A4), with the
 * target as a dashed line when there is one.
 */
export function TrendChart({
  points,
  target,
  label,
}: {
  points: { label: string; value: number | null }[];
  target: number | null;
  label: string;
}) {
  return (
    <div className="report-trend" role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height={90}>
        <LineChart data={points} margin={{ top: 6, right: 18, bottom: 0, left: -18 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          {/* Padding inside the axis keeps the first and last year's labels whole (the last one was cut). */}
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={0} padding={{ left: 12, right: 12 }} />
          <YAxis tick={{ fontSize: 11 }} width={48} tickFormatter={(v: number) => formatNumber(v, 0)} />
          <Tooltip formatter={(v) => formatNumber(typeof v === 'number' ? v : null)} />
          {target !== null ? <ReferenceLine y={target} stroke="#d4380d" strokeDasharray="4 3" /> : null}
          <Line
            type="monotone"
            dataKey="value"
            stroke="#1d4ed8"
            strokeWidth={2}
            dot={{ r: 3 }}
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
