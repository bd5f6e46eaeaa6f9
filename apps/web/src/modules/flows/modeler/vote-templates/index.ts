import VoteLoopBehavior from './VoteLoopBehavior';

/** bpmn-js module: the 会签 / 或签 / 票签 element templates also set the task's vote loop. */
export default {
  __init__: ['voteLoopBehavior'],
  voteLoopBehavior: ['type', VoteLoopBehavior],
};
