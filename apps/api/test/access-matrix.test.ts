/**
 * The route access matrix: every route the server registers, with who may use it.
 *
 * The routes come from the router itself (`TestApp.routes`), so a new route without a row here
 * fails "every route has a row". To add a row, copy a neighbour in MATRIX below:
 *
 *   'GET /api/plans/:id': { params: (f) => ({ id: f.planC1B2 }), allow: { od: 200, c1: 200, b: 200 } },
 *
 * - `allow`: the callers (columns, see WHO) that get a status other than the refusal, with it.
 *   Every caller not named gets `deny` (default 403); the anonymous caller gets 401 unless the
 *   route is `public`.
 * - `params`: values for the path's `:params`, from the records in `Fixtures` (a record of the
 *   C1-B2 branch, inside committee C1, outside C2 and outside branch C1-B1). A function of the
 *   caller when each request needs a fresh record (e.g. a DELETE).
 * - `body` / `query`: what is sent (default: an empty JSON object for POST/PUT/DELETE). An empty
 *   body keeps write routes from changing data: an allowed caller gets 400, a refused one 403.
 *
 * Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.
 */
import type { IncomingMessage } from 'node:http';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from './support/test-app.js';
import { createTestApp } from './support/test-app.js';
import { insertSession } from './support/session-fixture.js';

/** The callers: one column each. Records in the fixtures belong to branch C1-B2 of committee C1. */
const WHO = {
  anon: null,
  od: 'od_admin', // OD administrator on the university
  c1: 'committee_secretary', // committee secretary of C1: the record's committee
  c2: 'c2_secretary', // committee secretary of C2: another committee
  b: 'c1b2_secretary', // branch secretary of C1-B2: the record's branch
  bx: 'branch_secretary', // branch secretary of C1-B1: another branch of the same committee
  member: 'member', // plain member of C1-B1
  inspector: 'inspector', // inspector on the university
  leader: 'leader', // university leader, on C1
} as const;
type Who = keyof typeof WHO;

/** Ids of the records the rows point at (all in branch C1-B2 unless named otherwise). */
interface Fixtures {
  unitC1B2: string;
  personC1B2: string;
  roleAssignmentC1B2: string;
  planC1B2: string;
  instanceC1B2: string;
  approvalTaskC1B2: string;
  attachmentC1B2: string;
  /** A photo of C1-B2 (a PNG made by sharp). */
  photoC1B2: string;
  /** A scheduled session of C1-B2 whose sign-in window is open. */
  sessionC1B2: string;
  studyContent: string;
  definitionId: string;
  /** A fresh role assignment on C1-B2 (for DELETE). */
  freshRoleAssignment: () => Promise<string>;
  /** A new person in C1-B2. */
  freshPerson: () => Promise<string>;
  /** A new person in C1-B2 with a not-yet-activated account. */
  freshAccount: () => Promise<string>;
}

interface Row {
  public?: boolean;
  allow?: Partial<Record<Who, number>>;
  deny?: number;
  params?: (f: Fixtures) => Record<string, string> | Promise<Record<string, string>>;
  query?: Record<string, string>;
  /** A function when each request needs its own (unique codes, fresh records). */
  body?: object | ((f: Fixtures) => object | Promise<object>);
  /** An event stream that stays open: the status is read from the first chunk, then it is closed. */
  stream?: boolean;
}

let serial = 0;
/** A new number per call, for unique codes in bodies. */
const next = () => ++serial;

const MISSING = '00000000-0000-4000-8000-000000000000';
const EVERYONE_SIGNED_IN = (status: number): Partial<Record<Who, number>> => ({
  od: status,
  c1: status,
  c2: status,
  b: status,
  bx: status,
  member: status,
  inspector: status,
  leader: status,
});
const DOCS: Row = { public: true, allow: { anon: 200, ...EVERYONE_SIGNED_IN(200) } };

/** Everyone who may read org data of C1-B2 (not plain members). */
const BRANCH_READERS = { od: 200, c1: 200, b: 200, inspector: 200, leader: 200 } as const;
/**
 * Who may read the records of branch C1-B2 and everything leading to them (plan, instance,
 * variables, history, files): as above, but not the inspector while the branch is not under
 * inspection (issue 14 point 5).
 */
const RECORD_READERS = { od: 200, c1: 200, b: 200, leader: 200 } as const;

const MATRIX: Record<string, Row> = {
  // API documentation: public (README "API documentation")
  'GET /api/docs': DOCS,
  'GET /api/docs/': DOCS,
  'GET /api/docs/index.html': DOCS,
  'GET /api/docs/swagger-ui-init.js': DOCS,
  'GET /api/docs/docs/swagger-ui-init.js': DOCS,
  'GET /api/docs/*': DOCS,
  'GET /api/docs/docs/*': DOCS,
  'GET /api/docs/LICENSE': { public: true, deny: 404 },
  'GET /api/docs-json': DOCS,
  'GET /api/docs-yaml': DOCS,

  // public, or for anyone signed in
  'GET /api/health': { public: true, allow: { anon: 200, ...EVERYONE_SIGNED_IN(200) } },
  // runtime metrics: administrators (or the scraper's METRICS_TOKEN, see metrics.test.ts)
  'GET /api/metrics': { allow: { od: 200 } },
  'POST /api/auth/login': { public: true, deny: 400 },
  // refresh and logout read the refresh-token cookie (none here), not the bearer token
  'POST /api/auth/activate': { public: true, deny: 400 },
  'POST /api/auth/refresh': { public: true, deny: 401 },
  'POST /api/auth/logout': { public: true, allow: { anon: 204, ...EVERYONE_SIGNED_IN(204) } },
  'POST /api/auth/password': { allow: EVERYONE_SIGNED_IN(400) },
  'POST /api/auth/stream-ticket': { allow: EVERYONE_SIGNED_IN(204) },
  'GET /api/me': { allow: EVERYONE_SIGNED_IN(200) },

  // campus sign-in (test/sso-*.test.ts): public; this app has no identity service configured,
  // so every route but the list answers 404 (or 400 for a body that fails validation first)
  'GET /api/auth/sso': { public: true, allow: { anon: 200, ...EVERYONE_SIGNED_IN(200) } },
  'GET /api/auth/sso/:provider/login': {
    public: true,
    params: () => ({ provider: 'oidc' }),
    deny: 404,
  },
  'GET /api/auth/sso/:provider/logout': {
    public: true,
    params: () => ({ provider: 'cas' }),
    deny: 404,
  },
  'GET /api/auth/sso/oidc/callback': { public: true, deny: 404 },
  'GET /api/auth/sso/cas/callback': { public: true, deny: 404 },
  'POST /api/auth/sso/cas/callback': { public: true, deny: 400 },
  'POST /api/auth/sso/exchange': { public: true, deny: 400 },

  // org units, people, roles
  'GET /api/org-units': { allow: EVERYONE_SIGNED_IN(200) },
  'GET /api/org-units/:id': { params: (f) => ({ id: f.unitC1B2 }), allow: BRANCH_READERS },
  'POST /api/org-units': {
    body: (f) => ({
      code: `C1-B2-G${next()}`,
      name: '新党小组',
      type: 'group',
      parentId: f.unitC1B2,
    }),
    allow: { od: 201, c1: 201, b: 201 },
  },
  // Editing the tree and the org sheet are the Organization Department's alone.
  'PATCH /api/org-units/:id': { params: (f) => ({ id: f.unitC1B2 }), allow: { od: 200 } },
  'DELETE /api/org-units/:id': { params: (f) => ({ id: f.unitC1B2 }), allow: { od: 409 } },
  'POST /api/org-units/import': { allow: { od: 400 } },
  'GET /api/org-units/export': { allow: { od: 200 } },
  // 统一身份认证自动建档 (test/sso-auto-create.test.ts): the Organization Department's alone.
  'PUT /api/org-units/:id/sso-auto-create': {
    params: (f) => ({ id: f.unitC1B2 }),
    body: { enabled: false },
    allow: { od: 200 },
  },
  'POST /api/people/:id/sso-confirmation': {
    params: (f) => ({ id: f.personC1B2 }),
    allow: { od: 409 },
  },
  'GET /api/people': { allow: { ...EVERYONE_SIGNED_IN(200), member: 403 } },
  'GET /api/people/:id': { params: (f) => ({ id: f.personC1B2 }), allow: BRANCH_READERS },
  'POST /api/people': {
    body: (f) => ({ employeeNo: `T${next()}`, name: '新党员', orgUnitId: f.unitC1B2 }),
    allow: { od: 201, c1: 201, b: 201 },
  },
  'GET /api/role-assignments': { allow: { ...EVERYONE_SIGNED_IN(200), member: 403 } },
  'POST /api/role-assignments': {
    body: async (f) => ({
      personId: await f.freshPerson(),
      role: 'branch_committee',
      orgUnitId: f.unitC1B2,
    }),
    allow: { od: 201, c1: 201, b: 201 },
  },
  'DELETE /api/role-assignments/:id': {
    params: async (f) => ({ id: await f.freshRoleAssignment() }),
    allow: { od: 204, c1: 204, b: 204 },
  },
  // 换届: only who may grant the role; a new holder that does not exist is refused with 400
  'GET /api/role-assignments/:id/handover': {
    params: (f) => ({ id: f.roleAssignmentC1B2 }),
    query: { toPersonId: MISSING },
    allow: { od: 400, c1: 400 },
  },
  'POST /api/role-assignments/:id/handover': {
    params: (f) => ({ id: f.roleAssignmentC1B2 }),
    body: { toPersonId: MISSING },
    allow: { od: 400, c1: 400 },
  },
  'POST /api/roster/import': { allow: EVERYONE_SIGNED_IN(400) },
  'GET /api/roster/export': { allow: { ...EVERYONE_SIGNED_IN(200), member: 403 } },

  // workflow runtime
  'GET /api/definitions': { allow: EVERYONE_SIGNED_IN(200) },
  'GET /api/definitions/by-id/:id': {
    params: (f) => ({ id: f.definitionId }),
    allow: EVERYONE_SIGNED_IN(200),
  },
  'GET /api/definitions/:processId/versions': {
    params: () => ({ processId: 'monthly-plan' }),
    allow: EVERYONE_SIGNED_IN(200),
  },
  'GET /api/definitions/:processId/default': {
    params: () => ({ processId: 'monthly-plan' }),
    allow: { od: 200 },
  },
  // The file is the version in use, so adopting it again is refused: nothing changes.
  'POST /api/definitions/:processId/default/adopt': {
    params: () => ({ processId: 'monthly-plan' }),
    allow: { od: 409 },
  },
  // Migration (迁移): org administrators see and move the running instances of their subtree.
  'GET /api/definitions/:processId/migration-plan': {
    params: () => ({ processId: 'monthly-plan' }),
    query: { fromVersion: '1', toVersion: '1' },
    allow: { od: 200, c1: 200, c2: 200, b: 200, bx: 200 },
  },
  'POST /api/definitions/:processId/migrations': {
    params: () => ({ processId: 'monthly-plan' }),
    allow: EVERYONE_SIGNED_IN(400),
  },
  // 代理: everyone names their own stand-in; naming one for others is checked in the service.
  'GET /api/stand-ins': { allow: EVERYONE_SIGNED_IN(200) },
  'POST /api/stand-ins': { allow: EVERYONE_SIGNED_IN(400) },
  'POST /api/stand-ins/:id/revoke': {
    params: () => ({ id: '00000000-0000-4000-8000-000000000000' }),
    allow: EVERYONE_SIGNED_IN(404),
  },
  'POST /api/definitions/validate': { allow: EVERYONE_SIGNED_IN(400) },
  'POST /api/definitions': { allow: EVERYONE_SIGNED_IN(400) },
  // DMN decisions beside the flows: the Organization Department deploys and lists them.
  'GET /api/decisions': { allow: { od: 200 } },
  'POST /api/decisions': { allow: EVERYONE_SIGNED_IN(400) },
  'GET /api/instances': { allow: EVERYONE_SIGNED_IN(200) },
  'GET /api/instances/:id': { params: (f) => ({ id: f.instanceC1B2 }), allow: RECORD_READERS },
  'GET /api/instances/:id/history': {
    params: (f) => ({ id: f.instanceC1B2 }),
    allow: RECORD_READERS,
  },
  'GET /api/instances/:id/trail': {
    params: (f) => ({ id: f.instanceC1B2 }),
    allow: RECORD_READERS,
  },
  'GET /api/audit': { allow: { od: 200, c1: 200, c2: 200, b: 200, bx: 200 } },
  'GET /api/audit/export': { allow: { od: 200, c1: 200, c2: 200, b: 200, bx: 200 } },
  'POST /api/instances': { allow: EVERYONE_SIGNED_IN(400) },
  'POST /api/instances/:id/cancel': { deny: 404 },
  'POST /api/messages': { allow: EVERYONE_SIGNED_IN(400) },
  'POST /api/signals': { allow: EVERYONE_SIGNED_IN(400) },
  'GET /api/tasks': { allow: EVERYONE_SIGNED_IN(200) },
  'GET /api/tasks/counts': { allow: EVERYONE_SIGNED_IN(200) },
  'GET /api/tasks/:id': {
    params: (f) => ({ id: f.approvalTaskC1B2 }),
    allow: { od: 200, c1: 200, b: 200 },
  },
  'POST /api/tasks/:id/claim': { deny: 404 },
  'POST /api/tasks/:id/unclaim': { deny: 404 },
  'POST /api/tasks/:id/complete': { deny: 404 },
  'POST /api/tasks/:id/delegate': { allow: EVERYONE_SIGNED_IN(400) },
  'POST /api/tasks/:id/entrust': { allow: EVERYONE_SIGNED_IN(400) },
  'POST /api/tasks/:id/resolve': { deny: 404 },
  'POST /api/tasks/:id/urge': { deny: 404 },
  // 会签 / 加签 / 减签 / 抄送 (test/workflow-approval-verbs.test.ts)
  'GET /api/tasks/:id/votes': {
    params: (f) => ({ id: f.approvalTaskC1B2 }),
    allow: { od: 200, c1: 200, b: 200 },
  },
  'POST /api/tasks/:id/approvers': { allow: EVERYONE_SIGNED_IN(400) },
  'POST /api/tasks/:id/remove-approver': { allow: EVERYONE_SIGNED_IN(400) },
  // 前加签 / 后加签 (test/workflow-sequential-approvers.test.ts)
  'GET /api/tasks/:id/added-approvers': {
    params: (f) => ({ id: f.approvalTaskC1B2 }),
    allow: { od: 200, c1: 200, b: 200 },
  },
  'POST /api/tasks/:id/added-approvers': { allow: EVERYONE_SIGNED_IN(400) },
  'POST /api/tasks/:id/added-approval': { allow: EVERYONE_SIGNED_IN(400) },
  'GET /api/task-copies': { allow: EVERYONE_SIGNED_IN(200) },
  'POST /api/task-copies/:id/read': { deny: 404 },
  'POST /api/tasks/:id/withdraw': { deny: 404 },
  'POST /api/tasks/:id/return': { allow: EVERYONE_SIGNED_IN(400) },
  'GET /api/tasks/:id/return-targets': {
    params: (f) => ({ id: f.approvalTaskC1B2 }),
    allow: { c1: 200 },
  },
  'GET /api/task-notifications': { allow: EVERYONE_SIGNED_IN(200) },
  'POST /api/task-notifications/:id/read': { deny: 404 },
  'GET /api/tasks/:id/comments': {
    params: (f) => ({ id: f.approvalTaskC1B2 }),
    allow: { od: 200, c1: 200, b: 200 },
  },
  'POST /api/tasks/:id/comments': { allow: EVERYONE_SIGNED_IN(400) },
  'GET /api/incidents': { allow: EVERYONE_SIGNED_IN(200) },
  'POST /api/incidents/:id/retry': { deny: 404 },
  'GET /api/task-forms/:taskId': {
    params: (f) => ({ taskId: f.approvalTaskC1B2 }),
    allow: { od: 200, c1: 200, b: 200 },
  },
  'POST /api/task-forms/:taskId': { deny: 404 },

  // attachments
  'POST /api/attachments': { allow: EVERYONE_SIGNED_IN(400) },
  'GET /api/attachments/:id': {
    params: (f) => ({ id: f.attachmentC1B2 }),
    allow: RECORD_READERS,
  },
  'GET /api/attachments/:id/content': {
    params: (f) => ({ id: f.attachmentC1B2 }),
    allow: RECORD_READERS,
  },
  // issue 17 point 7: inspectors only for a sampled branch's session photos (session-photos.test.ts)
  'GET /api/attachments/:id/thumbnail': {
    params: (f) => ({ id: f.photoC1B2 }),
    allow: RECORD_READERS,
  },

  // the monthly cycle
  'GET /api/study-contents': { allow: EVERYONE_SIGNED_IN(200) },
  'GET /api/study-contents/:id': {
    params: (f) => ({ id: f.studyContent }),
    allow: EVERYONE_SIGNED_IN(200),
  },
  'POST /api/study-contents': { allow: EVERYONE_SIGNED_IN(400) },
  'POST /api/study-contents/:id/publish': { deny: 404 },
  'POST /api/study-contents/:id/arrangements': { allow: EVERYONE_SIGNED_IN(400) },
  'GET /api/plans': { allow: EVERYONE_SIGNED_IN(200) },
  'GET /api/plans/:id': {
    params: (f) => ({ id: f.planC1B2 }),
    allow: RECORD_READERS,
  },
  'POST /api/plans': { allow: EVERYONE_SIGNED_IN(400) },
  // 批量审批: plan approvers (OD, committee leadership), each on their own open approvals
  'GET /api/plan-approvals/batch': { allow: { od: 200, c1: 200, c2: 200 } },
  'POST /api/plan-approvals/batch': {
    body: { taskIds: [MISSING] },
    allow: { od: 200, c1: 200, c2: 200 },
  },
  'PUT /api/branches/:id/weak': { allow: EVERYONE_SIGNED_IN(400) },
  'GET /api/sessions': { allow: EVERYONE_SIGNED_IN(200) },
  // my own record only (我的组织生活): anyone signed in, never another person's rows
  'GET /api/sessions/mine': { allow: EVERYONE_SIGNED_IN(200) },
  'GET /api/sessions/:id': { deny: 404 },
  'GET /api/sessions/:id/print': { deny: 404 },
  // QR sign-in (test/session-sign-in.test.ts): the screen and 代签 for the branch's officers,
  // the sheet also for the committee and OD, the check-in for the branch's members
  'PUT /api/sessions/:id/sign-in-settings': {
    params: (f) => ({ id: f.sessionC1B2 }),
    allow: EVERYONE_SIGNED_IN(400),
  },
  'GET /api/sessions/:id/sign-in-code': {
    params: (f) => ({ id: f.sessionC1B2 }),
    allow: { b: 200 },
  },
  'GET /api/sessions/:id/sign-ins': {
    params: (f) => ({ id: f.sessionC1B2 }),
    allow: { od: 200, c1: 200, b: 200 },
  },
  'GET /api/sessions/:id/sign-in-sheet.xlsx': {
    params: (f) => ({ id: f.sessionC1B2 }),
    allow: { od: 200, c1: 200, b: 200 },
  },
  'POST /api/sessions/:id/sign-ins': {
    params: (f) => ({ id: f.sessionC1B2 }),
    allow: EVERYONE_SIGNED_IN(400),
  },
  'POST /api/sessions/:id/sign-ins/:personId/confirm-place': {
    params: (f) => ({ id: f.sessionC1B2, personId: f.personC1B2 }),
    allow: { b: 404 },
  },
  'GET /api/sessions/:id/check-in': {
    params: (f) => ({ id: f.sessionC1B2 }),
    allow: { b: 200 },
  },
  'POST /api/sessions/:id/check-in/pass': {
    params: (f) => ({ id: f.sessionC1B2 }),
    public: true,
    deny: 400,
  },
  'POST /api/sessions/:id/check-in': {
    params: (f) => ({ id: f.sessionC1B2 }),
    allow: EVERYONE_SIGNED_IN(400),
  },
  // the body is checked first (a reason is required); who may correct: session-correction.test.ts
  'POST /api/sessions/:id/corrections': { allow: EVERYONE_SIGNED_IN(400) },
  'GET /api/evaluations': { allow: EVERYONE_SIGNED_IN(400) },
  'GET /api/vanguard-rounds': { allow: EVERYONE_SIGNED_IN(200) },
  'GET /api/vanguard-rounds/:id/comments': { allow: EVERYONE_SIGNED_IN(200) },

  // rectification and supervision
  'GET /api/rectifications': {
    allow: { ...EVERYONE_SIGNED_IN(200), member: 403, leader: 403 },
  },
  'GET /api/rectifications/:id': { deny: 404 },
  'POST /api/rectifications': { allow: EVERYONE_SIGNED_IN(400) },
  'GET /api/spot-checks': { allow: { ...EVERYONE_SIGNED_IN(200), member: 403, leader: 403 } },
  'POST /api/spot-checks': { allow: { od: 201 } },
  'GET /api/spot-checks/:id': {
    deny: 404,
    allow: { anon: 401, member: 403, leader: 403 },
  },
  'GET /api/spot-checks/:id/replay': { allow: { od: 404, inspector: 404 } },
  'GET /api/supervision/branches/:branchId/records': { allow: EVERYONE_SIGNED_IN(400) },
  'GET /api/onsite-supervisions': { allow: EVERYONE_SIGNED_IN(200) },
  'POST /api/onsite-supervisions': { allow: EVERYONE_SIGNED_IN(400) },
  'GET /api/inspections': { allow: EVERYONE_SIGNED_IN(200) },
  'POST /api/inspections': { allow: { od: 201 } },

  // notifications (test/notifications.test.ts): one's own; a unit's robots for its officers
  'GET /api/notifications': { allow: EVERYONE_SIGNED_IN(200) },
  'GET /api/notifications/unread-count': { allow: EVERYONE_SIGNED_IN(200) },
  'GET /api/notifications/stream': { stream: true, allow: EVERYONE_SIGNED_IN(200) },
  'POST /api/notifications/read-all': { allow: EVERYONE_SIGNED_IN(204) },
  'POST /api/notifications/:id/read': { deny: 404 },
  'GET /api/notifications/settings': { allow: EVERYONE_SIGNED_IN(200) },
  'PUT /api/notifications/settings': { allow: EVERYONE_SIGNED_IN(400) },
  'GET /api/org-units/:id/robots': {
    params: (f) => ({ id: f.unitC1B2 }),
    allow: { od: 200, c1: 200, b: 200 },
  },
  'POST /api/org-units/:id/robots': {
    params: (f) => ({ id: f.unitC1B2 }),
    allow: EVERYONE_SIGNED_IN(400),
  },
  'DELETE /api/robots/:id': { deny: 404 },

  // ledger
  'GET /api/ledger/members': { allow: EVERYONE_SIGNED_IN(200) },
  // my own ledger rows (我的台账): anyone signed in
  'GET /api/ledger/mine': { allow: EVERYONE_SIGNED_IN(200) },
  'GET /api/ledger/branches': { allow: { od: 200, c1: 200, c2: 200, b: 200, bx: 200 } },
  'GET /api/ledger/secretaries': { allow: { od: 200, c1: 200, c2: 200, b: 200, bx: 200 } },
  'GET /api/ledger/leaders': { allow: { od: 200, c1: 200, c2: 200, b: 200, bx: 200 } },
  // accounts: OD anywhere, the person's committee
  // the body is checked first; who may transfer whom: membership-ledger.test.ts
  'POST /api/people/:id/transfer': { allow: EVERYONE_SIGNED_IN(400) },
  'POST /api/people/:id/activation-code': {
    params: async (f) => ({ id: await f.freshPerson() }),
    allow: { od: 200, c1: 200 },
  },
  'POST /api/people/:id/deactivate': {
    params: async (f) => ({ id: await f.freshAccount() }),
    allow: { od: 204, c1: 204 },
  },
  'POST /api/people/:id/reactivate': {
    params: async (f) => ({ id: await f.freshAccount() }),
    allow: { od: 204, c1: 204 },
  },
  'POST /api/org-units/:id/activation-codes': {
    params: (f) => ({ id: f.unitC1B2 }),
    allow: { od: 200, c1: 200 },
  },
  'GET /api/security-events': { allow: { od: 200 } },
  'GET /api/security-events/export.xlsx': { allow: { od: 200 } },
  'GET /api/ledger/export.xlsx': { allow: { od: 200, c1: 200, c2: 200, b: 200, bx: 200 } },
  'GET /api/ledger/requirements': { allow: EVERYONE_SIGNED_IN(200) },
  'PUT /api/ledger/requirements/:key': { allow: EVERYONE_SIGNED_IN(400) },
};

describe('route access matrix', () => {
  let t: TestApp;
  let f: Fixtures;
  const clients = new Map<Who, Client>();

  beforeAll(async () => {
    t = await createTestApp({
      app: { demoMonth: true, workflow: { jobExecutor: { enabled: false } } },
    });
    for (const [who, username] of Object.entries(WHO)) {
      if (username) clients.set(who as Who, await t.login(username));
    }
    f = await fixtures(t, clients.get('od')!, clients.get('b')!);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('every route has a row, and every row a route', () => {
    expect(t.routes.filter((route) => !(route in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((route) => !t.routes.includes(route))).toEqual([]);
  });

  it('each caller gets the status of its column', { timeout: 300_000 }, async () => {
    const wrong: string[] = [];
    const actual: Record<string, Partial<Record<Who, number>>> = {};
    for (const route of t.routes) {
      const row = MATRIX[route] ?? {};
      for (const who of Object.keys(WHO) as Who[]) {
        const expected =
          row.allow?.[who] ?? (who === 'anon' && !row.public ? 401 : (row.deny ?? 403));
        const status = await send(route, row, who);
        (actual[route] ??= {})[who] = status;
        if (status !== expected) wrong.push(`${route} as ${who}: ${status}, expected ${expected}`);
      }
    }
    if (process.env.PRINT_MATRIX) console.log(JSON.stringify(actual, null, 1));
    expect(wrong).toEqual([]);
  });

  async function send(route: string, row: Row, who: Who): Promise<number> {
    const [method, pattern] = route.split(' ') as [string, string];
    const params = row.params ? await row.params(f) : {};
    const path = pattern
      .replace(/:(\w+)/g, (_, name: string) => params[name] ?? MISSING)
      .replace('*', 'swagger-ui.css');
    const client = clients.get(who);
    const agent = (client ?? t.http()) as Client;
    const verb = method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
    let req = agent[verb](path);
    if (row.query) req = req.query(row.query);
    if (row.stream) {
      req = req.buffer(true).parse((res, done) => {
        const stream = res as unknown as IncomingMessage;
        stream.once('data', () => {
          done(null, '');
          stream.destroy();
        });
      });
    }
    if (method !== 'GET') {
      req = req.send(typeof row.body === 'function' ? await row.body(f) : (row.body ?? {}));
    }
    return (await req).status;
  }
});

async function fixtures(t: TestApp, od: Client, branch: Client): Promise<Fixtures> {
  const one = async (sql: string, params: unknown[] = []): Promise<string> => {
    const rows = await t.db.query<{ id: string }[]>(sql, params);
    if (!rows[0]) throw new Error(`no fixture for ${sql}`);
    return rows[0].id;
  };
  const unitC1B2 = t.units['C1-B2']!;
  const planC1B2 = await one(`SELECT id FROM monthly_plan WHERE branch_id = $1`, [unitC1B2]);
  const instanceC1B2 = await one(`SELECT instance_id AS id FROM monthly_plan WHERE id = $1`, [
    planC1B2,
  ]);
  const upload = await branch
    .post('/api/attachments')
    .field('orgUnitId', unitC1B2)
    .attach('file', Buffer.from('%PDF-1.4 fixture'), {
      filename: 'minutes.pdf',
      contentType: 'application/pdf',
    })
    .expect(201);
  const photo = await branch
    .post('/api/attachments')
    .field('orgUnitId', unitC1B2)
    .attach(
      'file',
      await sharp({
        create: { width: 40, height: 30, channels: 3, background: '#888888' },
      })
        .png()
        .toBuffer(),
      { filename: 'photo.png', contentType: 'image/png' },
    )
    .expect(201);
  const freshPerson = async () => {
    const res = await od
      .post('/api/people')
      .send({ employeeNo: `F${next()}`, name: '新党员', orgUnitId: unitC1B2 })
      .expect(201);
    return (res.body as { id: string }).id;
  };
  const freshAccount = async () => {
    const id = await freshPerson();
    await od.post(`/api/people/${id}/activation-code`).expect(200);
    return id;
  };
  const freshRoleAssignment = async () => {
    const res = await od
      .post('/api/role-assignments')
      .send({ personId: await freshPerson(), role: 'branch_committee', orgUnitId: unitC1B2 })
      .expect(201);
    return (res.body as { id: string }).id;
  };
  return {
    unitC1B2,
    personC1B2: t.people['c1b2_secretary']!,
    roleAssignmentC1B2: await one(
      `SELECT id FROM role_assignment WHERE person_id = $1 AND org_unit_id = $2`,
      [t.people['c1b2_secretary'], unitC1B2],
    ),
    planC1B2,
    instanceC1B2,
    approvalTaskC1B2: await one(
      `SELECT id FROM wf_task WHERE instance_id = $1 AND status = 'open'`,
      [instanceC1B2],
    ),
    attachmentC1B2: (upload.body as { id: string }).id,
    photoC1B2: (photo.body as { id: string }).id,
    sessionC1B2: await insertSession(t.db, {
      branchId: unitC1B2,
      committeeId: t.units['C1']!,
      month: '2026-04',
      scheduledAt: new Date(t.clock.now().getTime() + 10 * 60_000),
    }),
    studyContent: await one(`SELECT id FROM study_content`),
    definitionId: await one(`SELECT id FROM wf_definition WHERE process_id = 'monthly-plan'`),
    freshRoleAssignment,
    freshPerson,
    freshAccount,
  };
}
