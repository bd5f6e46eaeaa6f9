function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `2026-11-27 09:30` in local time, or an em dash when absent. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function formatDate(value: string | null | undefined): string {
  return formatDateTime(value).slice(0, 10);
}

/** ISO → `YYYY-MM-DD HH:mm:ss` in local time (the date pickers' value format). */
export function toLocalDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${formatDateTime(iso)}:${pad(d.getSeconds())}`;
}

/** `YYYY-MM-DD HH:mm:ss` in local time → ISO. */
export function fromLocalDateTime(local: string): string {
  return new Date(local.replace(' ', 'T')).toISOString();
}
