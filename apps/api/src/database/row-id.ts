import { v7 } from 'uuid';

/**
 * A new primary key: a UUIDv7, whose leading bits are its creation time. Rows made about the
 * same time then sit side by side in their indexes, so the pages a busy process instance
 * touches stay few and cached, where random (v4) keys would spread each insert and lookup of
 * the tasks, jobs and history derived from an instance id over the whole of a large index.
 */
export function newRowId(): string {
  return v7();
}
