import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import { NOTIFICATION_STREAM_URL, requestStreamTicket } from '@/api/notifications';
import { watchUnread } from '@/api/unread-stream';
import { useAuthStore } from './auth';

/**
 * The bell's unread count, kept live over the event stream while the signed-in layout shows;
 * the stream closes on sign-out (and when the session expires).
 */
export const useNotificationStore = defineStore('notifications', () => {
  const auth = useAuthStore();
  const unread = ref(0);
  let stop: (() => void) | null = null;

  function connect(): void {
    if (stop || !auth.isLoggedIn) return;
    stop = watchUnread({
      url: NOTIFICATION_STREAM_URL,
      ticket: requestStreamTicket,
      onUnread: (count) => (unread.value = count),
    });
  }

  function disconnect(): void {
    stop?.();
    stop = null;
    unread.value = 0;
  }

  /** A count the page learnt from the API (the list answers it too): shown at once. */
  function setUnread(count: number): void {
    unread.value = count;
  }

  watch(
    () => auth.isLoggedIn,
    (signedIn) => {
      if (!signedIn) disconnect();
    },
  );

  return { unread, connect, disconnect, setUnread };
});
