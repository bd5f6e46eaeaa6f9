import ApproverRulesProvider from './ApproverRulesProvider';

/** bpmn-js module: the 审批人规则 group in a user task's properties panel. */
export default {
  __init__: ['approverRulesProvider'],
  approverRulesProvider: ['type', ApproverRulesProvider],
};
