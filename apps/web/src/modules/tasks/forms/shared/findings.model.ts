import type { Finding } from '@/api/forms';
import type { Translate } from './form-contract';

/** Every finding needs a title, a description and a due date (and a branch when asked). */
export function findingErrors(
  findings: readonly Finding[],
  t: Translate,
  needBranch = false,
): Record<string, string> {
  const errors: Record<string, string> = {};
  findings.forEach((f, i) => {
    if (!f.title.trim()) errors[`findings.${i}.title`] = t('forms.required');
    if (!f.description.trim()) errors[`findings.${i}.description`] = t('forms.required');
    if (!f.dueDate) errors[`findings.${i}.dueDate`] = t('forms.required');
    if (needBranch && !f.branchId) errors[`findings.${i}.branchId`] = t('forms.required');
  });
  return errors;
}
