/** Start of the Beijing calendar day containing `now`: the daily cap counts local days. */
export function beijingDayStart(now: Date): Date {
  const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(now);
  return new Date(`${day}T00:00:00+08:00`);
}
