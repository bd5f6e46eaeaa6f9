import type { EntityManager } from 'typeorm';

/**
 * A task's title: its element's name, or the `title` task header when the model gives one, with
 * `{unit}` standing for the name of the unit the task belongs to — so three 督查 tasks for three
 * sampled branches read "督查：<branch>" and can be told apart in the inbox.
 */
export async function taskTitle(
  em: EntityManager,
  elementName: string | null,
  template: string | undefined,
  orgUnitId: string | null,
): Promise<string | null> {
  if (!template?.trim()) return elementName;
  if (!template.includes('{unit}')) return template;
  const [unit] = orgUnitId
    ? await em.query<{ name: string }[]>(`SELECT name FROM org_unit WHERE id = $1`, [orgUnitId])
    : [];
  return unit ? template.replaceAll('{unit}', unit.name) : elementName;
}
