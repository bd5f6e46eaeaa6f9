/** What the security-event log records (README "Security events"). */
export const SECURITY_EVENT_KINDS = [
  'login_succeeded',
  'login_failed',
  'login_locked',
  'role_granted',
  'role_revoked',
  'activation_code_issued',
  'account_activated',
  'password_changed',
  'account_deactivated',
  'account_reactivated',
  'administrator_created',
  'definition_deployed',
  'data_exported',
  'sso_auto_create_changed',
  'sso_person_created',
  'sso_person_confirmed',
] as const;

export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];

export const SECURITY_EVENT_LABELS: Record<SecurityEventKind, string> = {
  login_succeeded: '登录成功',
  login_failed: '登录失败',
  login_locked: '登录锁定',
  role_granted: '授予角色',
  role_revoked: '撤销角色',
  activation_code_issued: '发放激活码',
  account_activated: '账号激活',
  password_changed: '修改密码',
  account_deactivated: '停用账号',
  account_reactivated: '启用账号',
  administrator_created: '创建管理员',
  definition_deployed: '部署流程',
  data_exported: '导出数据',
  sso_auto_create_changed: '设置统一身份认证自动建档',
  sso_person_created: '统一身份认证自动建档',
  sso_person_confirmed: '确认自动建档',
};
