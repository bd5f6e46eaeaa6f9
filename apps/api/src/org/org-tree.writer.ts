import type { EntityManager } from 'typeorm';
import type { OrgUnitType } from './org-unit-type.js';
import { OrgUnit } from './org-unit.entity.js';

/** An org unit as the tree should be after a change: path, depth and direct follow from it. */
export interface OrgNode {
  id: string;
  code: string;
  name: string;
  type: OrgUnitType;
  parentId: string | null;
  sortOrder: number;
}

/** Path, depth and 直属 flag of every node, from the parent links (the nodes form a forest). */
export function layoutOrgTree(
  nodes: OrgNode[],
): Map<string, { path: string; depth: number; direct: boolean }> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const children = new Map<string | null, OrgNode[]>();
  for (const node of nodes) {
    const parent = node.parentId && byId.has(node.parentId) ? node.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), node]);
  }
  const layout = new Map<string, { path: string; depth: number; direct: boolean }>();
  const visit = (node: OrgNode, parentPath: string, depth: number, parentType?: OrgUnitType) => {
    const path = `${parentPath}${node.id}/`;
    layout.set(node.id, {
      path,
      depth,
      direct: node.type === 'branch' && parentType === 'university',
    });
    for (const child of children.get(node.id) ?? []) visit(child, path, depth + 1, node.type);
  };
  for (const root of children.get(null) ?? []) visit(root, '/', 0);
  return layout;
}

/**
 * Writes `after` over the units `before`: new units are inserted parents first, changed ones
 * updated (a code passed from one unit to another goes through a temporary code so the unique
 * index holds at every statement). Units missing from `after` are left alone.
 */
export async function writeOrgTree(
  tx: EntityManager,
  before: OrgUnit[],
  after: OrgNode[],
): Promise<{ created: number; updated: number }> {
  const repository = tx.getRepository(OrgUnit);
  const old = new Map(before.map((u) => [u.id, u]));
  const all = new Map(before.map((u) => [u.id, u as OrgNode]));
  for (const node of after) all.set(node.id, node);
  const layout = layoutOrgTree([...all.values()]);
  const rowOf = (node: OrgNode) => ({ ...node, ...layout.get(node.id)! });

  const recoded = after.filter((n) => old.has(n.id) && old.get(n.id)!.code !== n.code);
  for (const node of recoded) await repository.update(node.id, { code: `~${node.id}` });

  const created = after
    .filter((n) => !old.has(n.id))
    .map(rowOf)
    .sort((a, b) => a.depth - b.depth);
  for (const row of created) await repository.insert(row);

  let updated = 0;
  for (const node of all.values()) {
    const current = old.get(node.id);
    if (!current) continue;
    const row = rowOf(node);
    const changed =
      recoded.includes(node) ||
      (['code', 'name', 'type', 'parentId', 'sortOrder', 'path', 'depth', 'direct'] as const).some(
        (key) => current[key] !== row[key],
      );
    if (!changed) continue;
    const { id, code, name, type, parentId, sortOrder, path, depth, direct } = row;
    await repository.update(id, { code, name, type, parentId, sortOrder, path, depth, direct });
    updated++;
  }
  return { created: created.length, updated };
}
