import type { NoticeKind } from '@/api/notifications';

type Translate = (key: string) => string;
type Has = (key: string) => boolean;

/** The kind's name in the UI language; a kind this page does not know yet reads 通知. */
export function kindLabel(kind: string, t: Translate, te: Has): string {
  const key = `notifications.kinds.${kind}`;
  return te(key) ? t(key) : t('notifications.kindOther');
}

const TAG_TYPES: Partial<Record<NoticeKind, 'primary' | 'success' | 'warning' | 'danger'>> = {
  task_new: 'primary',
  task_returned: 'danger',
  reminder: 'warning',
  overdue: 'danger',
  overdue_escalated: 'danger',
  urged: 'warning',
  plan_approved: 'success',
  spot_check: 'primary',
  rectification_due: 'warning',
};

export function kindTagType(kind: string): 'primary' | 'success' | 'warning' | 'danger' | 'info' {
  return TAG_TYPES[kind as NoticeKind] ?? 'info';
}

/**
 * The notice's link when it is a path inside this app (`/tasks/…`); anything else (another
 * site, `//host`, a script URL) is not followed.
 */
export function safeLink(link: string | null | undefined): string | null {
  if (!link || !link.startsWith('/') || link.startsWith('//') || link.includes('\\')) return null;
  return link;
}
