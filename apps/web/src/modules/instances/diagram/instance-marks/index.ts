import InstanceMarks from './InstanceMarks';

/** bpmn-js module: `instanceMarks` shows completed elements, live tokens and incidents. */
export default {
  __init__: ['instanceMarks'],
  instanceMarks: ['type', InstanceMarks],
};
