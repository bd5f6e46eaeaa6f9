/** The modeler toolbar's 模拟 button (the panel's own messages load with it). */
export const openSimulationMessages = {
  'zh-CN': { simulate: '模拟' },
  en: { simulate: 'Simulate' },
};
