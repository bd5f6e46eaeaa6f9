import { ref, type Ref } from 'vue';

/** Below this width the app lays out for a phone: menu in a drawer, lists as cards. */
export const PHONE_QUERY = '(max-width: 767px)';

let phone: Ref<boolean> | null = null;

/** Whether the window is phone-sized, kept current as it resizes (one listener for the app). */
export function useIsPhone(): Ref<boolean> {
  if (phone) return phone;
  const media = window.matchMedia(PHONE_QUERY);
  const matches = ref(media.matches);
  media.addEventListener('change', (event) => (matches.value = event.matches));
  phone = matches;
  return matches;
}
