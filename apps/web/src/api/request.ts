import { ElMessage } from 'element-plus';
import { i18n } from '@/locales';
import { createRequestClient } from './client';
import { ApiError } from './errors';
import { takePrefetched } from './prefetched';
import { localTokenStore } from './tokens';

const expiredHandlers = new Set<() => void>();

/** Registers what happens when the refresh token is rejected (the app logs out to /login). */
export function onSessionExpired(handler: () => void): () => void {
  expiredHandlers.add(handler);
  return () => expiredHandlers.delete(handler);
}

function errorText(error: unknown): string {
  const t = i18n.global.t;
  if (!(error instanceof ApiError)) return t('errors.network');
  if (error.status === 401) return t('errors.sessionExpired');
  if (error.status === 403) return t('errors.forbidden');
  if (error.status >= 500) return t('errors.server');
  return error.detail ?? error.title;
}

/** The single request client every endpoint function goes through. */
export const request = createRequestClient({
  baseUrl: '/api',
  tokens: localTokenStore,
  // an answer public/prefetch.js asked for early is taken instead of asking again
  fetch: (input, init) => {
    const again = () => globalThis.fetch(input, init);
    return takePrefetched(String(input), init, again) ?? again();
  },
  locale: () => i18n.global.locale.value,
  onSessionExpired: () => expiredHandlers.forEach((handler) => handler()),
  onError: (error) => {
    ElMessage.error({ message: errorText(error), grouping: true });
  },
});
