import EngineProblems from './EngineProblems';

/** bpmn-js module: `engineProblems` marks validation problems on their elements. */
export default {
  __init__: ['engineProblems'],
  engineProblems: ['type', EngineProblems],
};
