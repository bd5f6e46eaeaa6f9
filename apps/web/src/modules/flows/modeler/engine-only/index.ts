import EngineOnlyMenus from './EngineOnlyMenus';
import EngineOnlyRules from './EngineOnlyRules';

/** bpmn-js module: the modeler offers only what packages/engine executes. */
export default {
  __init__: ['engineOnlyMenus', 'engineOnlyRules'],
  engineOnlyMenus: ['type', EngineOnlyMenus],
  engineOnlyRules: ['type', EngineOnlyRules],
};
