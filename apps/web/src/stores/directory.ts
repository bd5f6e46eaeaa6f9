import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { OrgUnitNode } from '@/api/org';
import { api, type Schemas } from '@/api/typed';
import { localName } from '@/utils/bilingual';

type DefinitionSummary = Schemas['DefinitionDto'];
// Names are a nicety: a role that may not list definitions (403) just sees process ids, no toast.
const quiet = { options: { silent: true } };
const listOrgUnits = () => api.get('/org-units', quiet);
const listDefinitions = () => api.get('/definitions', quiet);

function flatten(nodes: readonly OrgUnitNode[]): OrgUnitNode[] {
  return nodes.flatMap((node) => [node, ...flatten(node.children)]);
}

/** Names for ids the API returns bare (org units, processes), loaded once per session. */
export const useDirectoryStore = defineStore('directory', () => {
  const tree = ref<OrgUnitNode[]>([]);
  const processes = ref<DefinitionSummary[]>([]);
  let loading: Promise<void> | null = null;

  const units = computed(() => flatten(tree.value));
  const unitNames = computed(() => new Map(units.value.map((u) => [u.id, u.name])));
  const processNames = computed(
    () => new Map(processes.value.map((p) => [p.processId, p.name ?? p.processId])),
  );

  function load(): Promise<void> {
    loading ??= Promise.all([
      listOrgUnits().then((nodes) => (tree.value = nodes)),
      listDefinitions().then((defs) => (processes.value = defs)),
    ])
      .then(() => undefined)
      .catch(() => {
        loading = null;
      });
    return loading;
  }

  async function reloadUnits(): Promise<void> {
    tree.value = await listOrgUnits();
  }

  function unitName(id: string | null | undefined): string {
    return id ? (unitNames.value.get(id) ?? '—') : '—';
  }

  function processName(id: string): string {
    const name = processNames.value.get(id);
    return name ? localName(name) : id;
  }

  return { tree, units, processes, load, reloadUnits, unitName, processName };
});
