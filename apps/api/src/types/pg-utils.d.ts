// pg exports its parameter conversion but @types/pg does not declare it.
declare module 'pg/lib/utils.js' {
  /** A bound parameter as pg sends it: text, a Buffer, or null. */
  export function prepareValue(value: unknown): string | Buffer | null;
}
