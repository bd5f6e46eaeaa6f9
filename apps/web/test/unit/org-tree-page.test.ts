import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/errors';
import type { OrgUnitNode } from '@/api/org';
import type { Role } from '@/api/roles';
import OrgTreePage from '@/modules/org/OrgTreePage.vue';
import { useAuthStore } from '@/stores/auth';
import { useDirectoryStore } from '@/stores/directory';
import { globalPlugins } from './helpers';

const api = vi.hoisted(() => ({
  createOrgUnit: vi.fn(),
  updateOrgUnit: vi.fn(),
  deleteOrgUnit: vi.fn(),
  importOrgSheet: vi.fn(),
  exportOrgSheet: vi.fn(),
  setSsoAutoCreate: vi.fn(),
}));
vi.mock('@/api/org', () => api);

function unit(
  id: string,
  type: OrgUnitNode['type'],
  parentId: string | null,
  children: OrgUnitNode[] = [],
): OrgUnitNode {
  return {
    id,
    code: id.toUpperCase(),
    name: `组织${id}`,
    type,
    direct: false,
    parentId,
    depth: 0,
    ssoCampusUnitCode: null,
    children,
  };
}

const TREE = [
  unit('u', 'university', null, [
    unit('c1', 'committee', 'u', [unit('b1', 'branch', 'c1'), unit('b2', 'branch', 'c1')]),
  ]),
];

async function mountAs(role: Role) {
  const pinia = createPinia();
  useAuthStore(pinia).me = {
    id: 'p1',
    username: 'p1',
    name: '王建华',
    orgUnitId: 'u',
    roles: [{ role, orgUnitId: 'u' }],
  } as never;
  const directory = useDirectoryStore(pinia);
  directory.tree = TREE;
  directory.load = vi.fn(() => Promise.resolve());
  directory.reloadUnits = vi.fn(() => Promise.resolve());
  const wrapper = mount(OrgTreePage, { global: globalPlugins(pinia), attachTo: document.body });
  await flushPromises();
  return wrapper;
}

describe('组织 page: the OD edits the tree and imports the org sheet', () => {
  beforeEach(() => {
    for (const fn of Object.values(api)) fn.mockReset();
    document.body.innerHTML = '';
  });

  it('offers editing, deleting and the org sheet to the OD only', async () => {
    const od = await mountAs('od_admin');
    expect(od.text()).toContain('导入组织架构');
    expect(od.findAll('button').filter((b) => b.text() === '编辑')).toHaveLength(4);
    // Only leaves other than the university can be deleted.
    expect(od.findAll('button').filter((b) => b.text() === '删除')).toHaveLength(2);

    const secretary = await mountAs('committee_secretary');
    expect(secretary.text()).not.toContain('导入组织架构');
    expect(secretary.findAll('button').filter((b) => b.text() === '编辑')).toHaveLength(0);
  });

  it('renames a unit and keeps its place', async () => {
    api.updateOrgUnit.mockResolvedValue({});
    const page = await mountAs('od_admin');
    const edit = page.findAll('button').filter((b) => b.text() === '编辑');
    await edit[3]!.trigger('click'); // b2, the second branch of c1
    await flushPromises();
    const name = document.querySelector<HTMLInputElement>('#org-edit-name')!;
    name.value = '计算机学院研究生党支部';
    name.dispatchEvent(new Event('input'));
    const save = [...document.querySelectorAll<HTMLButtonElement>('.el-dialog button')].find(
      (b) => b.textContent?.trim() === '保存',
    )!;
    save.click();
    await flushPromises();
    expect(api.updateOrgUnit).toHaveBeenCalledWith('b2', {
      code: 'B2',
      name: '计算机学院研究生党支部',
      sortOrder: 1,
      parentId: 'c1',
    });
  });

  it('turns 统一身份认证自动建档 on for a unit, asking for the campus unit code', async () => {
    api.setSsoAutoCreate.mockResolvedValue({});
    const page = await mountAs('od_admin');
    const secretary = await mountAs('committee_secretary');
    expect(secretary.find('[data-testid="org-sso-auto-create"]').exists()).toBe(false);
    const buttons = page.findAll('[data-testid="org-sso-auto-create"]');
    await buttons[2]!.trigger('click'); // b1
    await flushPromises();
    expect(document.querySelector('.el-dialog')?.textContent).toContain('不授予任何角色');
    (document.querySelector('[data-testid="org-sso-auto-create-enabled"]') as HTMLElement).click();
    await flushPromises();
    const save = document.querySelector<HTMLButtonElement>(
      '[data-testid="org-sso-auto-create-save"]',
    )!;
    save.click();
    await flushPromises();
    expect(api.setSsoAutoCreate).not.toHaveBeenCalled();
    await vi.waitFor(() =>
      expect(document.querySelector('.el-dialog .el-form-item__error')?.textContent).toContain(
        '请填写统一身份认证单位编码',
      ),
    );
    const code = document.querySelector<HTMLInputElement>('#org-campus-unit-code')!;
    code.value = ' D0301 ';
    code.dispatchEvent(new Event('input'));
    save.click();
    await flushPromises();
    expect(api.setSsoAutoCreate).toHaveBeenCalledWith('b1', {
      enabled: true,
      campusUnitCode: 'D0301',
    });
  });

  it('shows which units have it on, and turns it off', async () => {
    api.setSsoAutoCreate.mockResolvedValue({});
    const directoryTree = TREE[0]!.children[0]!.children[1]!;
    directoryTree.ssoCampusUnitCode = 'D0302';
    try {
      const page = await mountAs('od_admin');
      expect(page.get('[data-testid="org-sso-auto-create-on"]').text()).toBe('自动建档 D0302');
      await page.findAll('[data-testid="org-sso-auto-create"]')[3]!.trigger('click'); // b2
      await flushPromises();
      (
        document.querySelector('[data-testid="org-sso-auto-create-enabled"]') as HTMLElement
      ).click();
      await flushPromises();
      document
        .querySelector<HTMLButtonElement>('[data-testid="org-sso-auto-create-save"]')!
        .click();
      await flushPromises();
      expect(api.setSsoAutoCreate).toHaveBeenCalledWith('b2', { enabled: false });
    } finally {
      directoryTree.ssoCampusUnitCode = null;
    }
  });

  it('lists every bad row of a refused org sheet', async () => {
    api.importOrgSheet.mockRejectedValue(
      new ApiError(400, {
        title: 'Bad Request',
        detail: '组织架构表有 2 处错误',
        errors: [
          {
            row: 3,
            column: '上级组织编码',
            reason: '上级组织形成循环：X1 → X2 → X1',
            field: 'row 3',
            message: '',
          },
          { row: 5, column: '组织编码', reason: '与第 2 行重复', field: 'row 5', message: '' },
        ],
      }),
    );
    const page = await mountAs('od_admin');
    const input = page.get('input[data-testid="org-sheet-file"]');
    Object.defineProperty(input.element, 'files', { value: [new File(['x'], 'org.xlsx')] });
    await input.trigger('change');
    await flushPromises();
    const errors = page.get('[data-testid="org-sheet-errors"]').text();
    expect(errors).toContain('上级组织形成循环：X1 → X2 → X1');
    expect(errors).toContain('与第 2 行重复');
    expect(page.text()).toContain('组织架构表有 2 处错误，未导入任何数据');
  });
});
