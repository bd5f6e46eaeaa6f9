/** The audit log's actions in the users' words, 中文 and English; others show as written. */
export const AUDIT_ACTION_LABELS: Record<string, [zh: string, en: string]> = {
  'instance.started': ['发起流程', 'started'],
  'instance.cancelled': ['取消流程', 'cancelled the process'],
  'instance.migrated': ['迁移版本', 'moved to another version'],
  'task.claimed': ['签收', 'claimed'],
  'task.unclaimed': ['取消签收', 'unclaimed'],
  'task.completed': ['办理', 'completed'],
  'task.delegated': ['转办', 'reassigned'],
  'task.entrusted': ['委派', 'delegated'],
  'task.resolved': ['交回', 'handed back'],
  'task.urged': ['催办', 'urged'],
  'task.commented': ['评论', 'commented'],
  'task.withdrawn': ['撤回', 'took back'],
  'task.returned': ['退回', 'returned'],
  'task.stand-in': ['代理', 'stand-in'],
  'task.vote-approved': ['投票同意', 'voted to approve'],
  'task.vote-rejected': ['投票不同意', 'voted to reject'],
  'task.approver-added': ['加签', 'added an approver'],
  'task.approver-removed': ['减签', 'removed an approver'],
  'task.copied': ['抄送', 'copied to'],
  'task.added-approved': ['加签人同意', 'the added approver agreed'],
  'task.added-rejected': ['加签人不同意', 'the added approver disagreed'],
  'task.decided-before-added': ['审批（待后加签人办理）', 'decided; the added approver acts next'],
  'incident.retried': ['重试故障', 'retried an incident'],
  'message.correlated': ['发送消息', 'sent a message'],
  'signal.broadcast': ['广播信号', 'broadcast a signal'],
  'definition.deployed': ['部署流程', 'deployed a flow'],
  'stand-in.named': ['指定代理人', 'named a stand-in'],
  'stand-in.revoked': ['撤销代理人', 'revoked a stand-in'],
};

export function actionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action]?.[0] ?? action;
}
