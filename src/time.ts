/** Timestamps are stored as ISO 8601 UTC text with milliseconds, so they sort correctly as text. */
export function nowIso(): string {
  return new Date().toISOString();
}
