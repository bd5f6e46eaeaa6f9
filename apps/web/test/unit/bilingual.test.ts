import { describe, expect, it } from 'vitest';
import { localName } from '@/utils/bilingual';

describe('names from the BPMN in the reader’s language', () => {
  it('shows the Chinese half in zh-CN and the English half in en', () => {
    expect(localName('二级党组织审批 Committee approval', 'zh-CN')).toBe('二级党组织审批');
    expect(localName('二级党组织审批 Committee approval', 'en')).toBe('Committee approval');
    expect(localName('月度组织生活计划 Monthly plan', 'zh-CN')).toBe('月度组织生活计划');
  });

  it('keeps Latin letters that belong to the Chinese name', () => {
    expect(localName('季度先锋创绩点评（Q3） Quarterly vanguard comments', 'zh-CN')).toBe(
      '季度先锋创绩点评（Q3）',
    );
  });

  it('leaves a name in one language as it is', () => {
    expect(localName('回头看', 'zh-CN')).toBe('回头看');
    expect(localName('回头看', 'en')).toBe('回头看');
    expect(localName('Review', 'zh-CN')).toBe('Review');
  });
});
