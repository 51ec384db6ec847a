/** Beijing time `YYYY-MM-DD HH:mm`, as every screen shows it. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/**
 * A picker's wall-clock value read as Beijing time, whatever zone the PC is set
 * to: 09:00 typed is 09:00 in 北京时间 (an office PC left on UTC would otherwise
 * store 17:00).
 */
export function beijingIso(value: { format(template: string): string }): string {
  return new Date(`${value.format('YYYY-MM-DDTHH:mm:ss')}+08:00`).toISOString();
}

/** Today's date in Beijing, `YYYY-MM-DD`. */
export function beijingToday(): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}
