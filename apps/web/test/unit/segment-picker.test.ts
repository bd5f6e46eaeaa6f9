import { mount, type VueWrapper } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import type { PlanDraftPayload, PlanSegment, SegmentKey } from '@/api/forms';
import { i18n } from '@/locales';
import PlanDraftForm from '@/modules/tasks/forms/plan/PlanDraftForm.vue';
import { segmentErrors, withKeys } from '@/modules/tasks/forms/plan/segments.model';
import { draftContext, draftTask, members } from './fixtures';
import { globalPlugins } from './helpers';

function segments(keys: SegmentKey[]): PlanSegment[] {
  return keys.map((key, i) => ({
    key,
    ownerId: members[i % members.length]!.id,
    content: `${key} 内容`,
  }));
}

function mountDraft(keys: SegmentKey[]) {
  return mount(PlanDraftForm, {
    props: {
      task: draftTask(),
      context: draftContext({ segments: segments(keys) }),
      errors: {},
      submitting: false,
      readonly: false,
    },
    global: globalPlugins(),
  });
}

async function submit(wrapper: VueWrapper) {
  await wrapper.get('[data-testid="plan-form"]').trigger('submit');
  await nextTick();
}

describe('segment picker (学讲听报议定, at least 3)', () => {
  it('refuses a plan with only 2 segments and says so beside the picker', async () => {
    // given a draft with 学 and 讲 only
    const wrapper = mountDraft(['study', 'lecture']);

    // when the secretary submits
    await submit(wrapper);

    // then nothing is sent and the picker shows the rule
    expect(wrapper.emitted('submit')).toBeUndefined();
    expect(wrapper.get('[data-testid="segments-error"]').text()).toBe('至少选择3个环节');
  });

  it('sends a plan with 3 segments, each with its owner, in the order 学讲听报议定', async () => {
    const wrapper = mountDraft(['decide', 'study', 'listen']);

    await submit(wrapper);

    const [payload] = wrapper.emitted<[PlanDraftPayload]>('submit')?.[0] ?? [];
    expect(payload?.segments.map((s) => s.key)).toEqual(['study', 'listen', 'decide']);
    expect(payload?.segments.every((s) => members.some((m) => m.id === s.ownerId))).toBe(true);
    expect(wrapper.find('[data-testid="segments-error"]').exists()).toBe(false);
  });

  it('adds a row with an owner picker when a segment is ticked, and drops it when unticked', async () => {
    const wrapper = mountDraft(['study', 'lecture']);
    expect(wrapper.find('[data-testid="segment-row-report"]').exists()).toBe(false);

    await wrapper.get('[data-testid="segment-report"] input').setValue(true);
    expect(wrapper.find('[data-testid="segment-row-report"]').exists()).toBe(true);

    await wrapper.get('[data-testid="segment-study"] input').setValue(false);
    expect(wrapper.find('[data-testid="segment-row-study"]').exists()).toBe(false);
  });
});

describe('segment rules', () => {
  const t = i18n.global.t as (key: string, values?: Record<string, unknown>) => string;
  const ids = new Set(members.map((m) => m.id));

  it('names the owner that is not a member of the branch by its field path', () => {
    const picked = segments(['study', 'lecture', 'listen']);
    picked[1] = { ...picked[1]!, ownerId: 'someone-else' };
    expect(segmentErrors(picked, ids, t)).toEqual({ 'segments.1.ownerId': '负责人须为本支部党员' });
  });

  it('keeps typed content when another segment is added', () => {
    const next = withKeys(segments(['study']), ['study', 'decide']);
    expect(next).toEqual([
      { key: 'study', ownerId: members[0]!.id, content: 'study 内容' },
      { key: 'decide', ownerId: '', content: '' },
    ]);
  });
});

describe('segment picker after a refused submit', () => {
  it('clears the rule as soon as a third segment is ticked', async () => {
    const wrapper = mount(PlanDraftForm, {
      props: {
        task: draftTask(),
        context: draftContext({ segments: segments(['study', 'lecture']) }),
        errors: {},
        submitting: false,
        readonly: false,
      },
      global: globalPlugins(),
    });
    await wrapper.get('[data-testid="plan-form"]').trigger('submit');
    expect(wrapper.find('[data-testid="segments-error"]').exists()).toBe(true);

    await wrapper.get('[data-testid="segment-listen"] input').setValue(true);

    expect(wrapper.find('[data-testid="segments-error"]').exists()).toBe(false);
  });
});
