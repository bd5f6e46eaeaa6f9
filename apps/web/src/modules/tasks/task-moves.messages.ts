/** Messages of 撤回 and 退回 on the task page (component-local; common.* come from src/locales). */
const zhCN = {
  withdraw: '撤回',
  withdrawTitle: '撤回已办理的任务',
  withdrawConfirm:
    '撤回后，下一步的待办将被取消，本任务重新回到您的待办。请填写撤回理由（可不填）：',
  withdrawn: '已撤回，任务已回到您的待办',
  return: '退回',
  returnTitle: '退回到之前的步骤',
  returnTarget: '退回到',
  returnReason: '退回理由',
  returnTargetOption: '{step}（{person}，{at}办理）',
  noTargets: '没有可以退回的步骤',
  returned: '已退回至“{step}”，由{person}重新办理',
  required: '请填写退回理由',
  chooseTarget: '请选择退回到哪一步',
};

type Messages = typeof zhCN;

const en: Messages = {
  withdraw: 'Take back',
  withdrawTitle: 'Take back a completed task',
  withdrawConfirm:
    'The next step’s tasks will be cancelled and this task comes back to you. Why (optional):',
  withdrawn: 'Taken back: the task is in your inbox again',
  return: 'Return',
  returnTitle: 'Send the work back to an earlier step',
  returnTarget: 'Back to',
  returnReason: 'Reason for returning',
  returnTargetOption: '{step} (done by {person}, {at})',
  noTargets: 'There is no earlier step to return to',
  returned: 'Returned to “{step}”: {person} does it again',
  required: 'Give the reason for returning',
  chooseTarget: 'Choose the step to return to',
};

export const taskMovesMessages = { 'zh-CN': zhCN, en };
