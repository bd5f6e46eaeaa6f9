import type { RoleName } from '../access/role-name.js';
import type { OrgUnitType } from '../org/org-unit-type.js';

/** The demo university: units by code, parents first. */
export interface SeedUnit {
  code: string;
  name: string;
  type: OrgUnitType;
  parent?: string;
}

export const DEMO_UNITS: SeedUnit[] = [
  { code: 'U', name: '示范大学党委', type: 'university' },
  { code: 'C1', name: '计算机学院党委', type: 'committee', parent: 'U' },
  { code: 'C1-B1', name: '计算机学院教工第一党支部', type: 'branch', parent: 'C1' },
  { code: 'C1-B1-G1', name: '教工第一党支部第一党小组', type: 'group', parent: 'C1-B1' },
  { code: 'C1-B1-G2', name: '教工第一党支部第二党小组', type: 'group', parent: 'C1-B1' },
  { code: 'C1-B2', name: '计算机学院研究生党支部', type: 'branch', parent: 'C1' },
  { code: 'C1-B3', name: '计算机学院本科生党支部', type: 'branch', parent: 'C1' },
  { code: 'C2', name: '马克思主义学院党委', type: 'committee', parent: 'U' },
  { code: 'C2-B1', name: '马克思主义学院教工党支部', type: 'branch', parent: 'C2' },
  { code: 'C2-B1-G1', name: '教工党支部理论研究党小组', type: 'group', parent: 'C2-B1' },
  { code: 'C2-B2', name: '马克思主义学院学生党支部', type: 'branch', parent: 'C2' },
  { code: 'D1', name: '机关直属党支部', type: 'branch', parent: 'U' },
];

/** The password of every demo account (README, "Demo logins"). */
export const DEMO_PASSWORD = 'demo1234';

/** One login per role, named after the role. */
export interface DemoLogin {
  username: string;
  name: string;
  home: string;
  role: RoleName;
  on: string;
}

export const DEMO_LOGINS: DemoLogin[] = [
  { username: 'od_admin', name: '王建华', home: 'D1', role: 'od_admin', on: 'U' },
  {
    username: 'committee_secretary',
    name: '李国强',
    home: 'C1-B1-G1',
    role: 'committee_secretary',
    on: 'C1',
  },
  {
    username: 'committee_deputy',
    name: '张秀梅',
    home: 'C1-B1-G2',
    role: 'committee_deputy',
    on: 'C1',
  },
  { username: 'organizer', name: '刘志刚', home: 'C1-B1-G2', role: 'organizer', on: 'C1' },
  {
    username: 'branch_secretary',
    name: '陈晓东',
    home: 'C1-B1-G1',
    role: 'branch_secretary',
    on: 'C1-B1',
  },
  {
    username: 'branch_committee',
    name: '杨丽娟',
    home: 'C1-B1-G1',
    role: 'branch_committee',
    on: 'C1-B1',
  },
  { username: 'member', name: '赵思远', home: 'C1-B1-G1', role: 'member', on: 'C1-B1-G1' },
  { username: 'inspector', name: '黄文静', home: 'D1', role: 'inspector', on: 'U' },
  { username: 'leader', name: '周振国', home: 'D1', role: 'leader', on: 'C1' },
];

/** Secretaries and committee members of the other branches and committees (username, home, roles). */
export const DEMO_OFFICERS: {
  username: string;
  name: string;
  home: string;
  roles: [RoleName, string][];
}[] = [
  {
    username: 'c2_secretary',
    name: '吴海峰',
    home: 'C2-B1-G1',
    roles: [['committee_secretary', 'C2']],
  },
  { username: 'c2_organizer', name: '徐艳红', home: 'C2-B1', roles: [['organizer', 'C2']] },
  {
    username: 'c1b2_secretary',
    name: '孙浩然',
    home: 'C1-B2',
    roles: [['branch_secretary', 'C1-B2']],
  },
  {
    username: 'c1b3_secretary',
    name: '胡雨桐',
    home: 'C1-B3',
    roles: [['branch_secretary', 'C1-B3']],
  },
  {
    username: 'c2b1_secretary',
    name: '朱明轩',
    home: 'C2-B1-G1',
    roles: [['branch_secretary', 'C2-B1']],
  },
  {
    username: 'c2b2_secretary',
    name: '高欣怡',
    home: 'C2-B2',
    roles: [['branch_secretary', 'C2-B2']],
  },
  { username: 'd1_secretary', name: '林卫东', home: 'D1', roles: [['branch_secretary', 'D1']] },
  {
    username: 'c1b2_committee',
    name: '何佳琪',
    home: 'C1-B2',
    roles: [['branch_committee', 'C1-B2']],
  },
  {
    username: 'c2b2_committee',
    name: '郭子涵',
    home: 'C2-B2',
    roles: [['branch_committee', 'C2-B2']],
  },
];

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕'.split('');
const GIVEN = [
  '建军',
  '秀英',
  '志明',
  '丽华',
  '伟',
  '芳',
  '敏',
  '静',
  '磊',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀兰',
  '霞',
  '平',
  '刚',
  '桂英',
  '文博',
  '思彤',
  '宇航',
  '梓萱',
  '俊杰',
  '晓燕',
  '嘉怡',
  '子轩',
  '一鸣',
  '诗涵',
  '天宇',
  '佳慧',
  '浩宇',
  '雅琴',
  '振华',
];

/** Homes of the plain members, spread over every branch (and its groups). */
const MEMBER_HOMES = [
  ...Array<string>(7).fill('C1-B1-G1'),
  ...Array<string>(6).fill('C1-B1-G2'),
  ...Array<string>(6).fill('C1-B2'),
  ...Array<string>(7).fill('C1-B3'),
  ...Array<string>(6).fill('C2-B1-G1'),
  ...Array<string>(6).fill('C2-B2'),
  ...Array<string>(4).fill('D1'),
];

/** The plain members: deterministic names, `m001`… usernames. */
export function demoMembers(): { username: string; name: string; home: string }[] {
  return MEMBER_HOMES.map((home, i) => {
    const surname = SURNAMES[(i * 7) % SURNAMES.length] ?? '王';
    const given = GIVEN[(i * 11 + 3) % GIVEN.length] ?? '伟';
    return { username: `m${String(i + 1).padStart(3, '0')}`, name: surname + given, home };
  });
}
