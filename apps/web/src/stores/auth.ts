import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import * as authApi from '@/api/auth';
import type { Me, SsoProvider } from '@/api/auth';
import { isRole, type Role } from '@/api/roles';
import { localTokenStore } from '@/api/tokens';

/** Which campus sign-in started this session, so logging out ends that one too. */
const SSO_PROVIDER_KEY = 'orglife.ssoProvider';

export const useAuthStore = defineStore('auth', () => {
  const me = ref<Me | null>(null);
  const hasTokens = ref(localTokenStore.get() !== null);

  const roles = computed<Role[]>(() => {
    const names = (me.value?.roles ?? []).map((grant) => grant.role).filter(isRole);
    return [...new Set(names)];
  });
  const isLoggedIn = computed(() => hasTokens.value);

  /** Org units where the user holds one of `wanted`. */
  function unitsWith(...wanted: Role[]) {
    return (me.value?.roles ?? []).filter((grant) => wanted.some((role) => role === grant.role));
  }

  function hasAnyRole(wanted: readonly Role[] | undefined): boolean {
    if (!wanted || wanted.length === 0) return true;
    return wanted.some((role) => roles.value.includes(role));
  }

  async function login(username: string, password: string): Promise<void> {
    const result = await authApi.login({ username, password });
    localTokenStore.set({ accessToken: result.accessToken });
    hasTokens.value = true;
    await loadMe();
  }

  /** Activation: the one-time code and a new password, then signed in like a login. */
  async function activate(username: string, code: string, newPassword: string): Promise<void> {
    const result = await authApi.activate({ username, code, newPassword });
    localTokenStore.set({ accessToken: result.accessToken });
    hasTokens.value = true;
    await loadMe();
  }

  /** Finishes a campus sign-in: the one-time code from the login page URL, traded for tokens. */
  async function loginWithSso(code: string, provider: SsoProvider | null): Promise<void> {
    const result = await authApi.ssoExchange(code);
    localTokenStore.set({ accessToken: result.accessToken });
    if (provider) localStorage.setItem(SSO_PROVIDER_KEY, provider);
    hasTokens.value = true;
    await loadMe();
  }

  async function loadMe(): Promise<Me> {
    me.value = await authApi.getMe();
    return me.value;
  }

  /** Forget the session locally (after logout or an expired refresh token). */
  function clear(): void {
    localTokenStore.set(null);
    hasTokens.value = false;
    me.value = null;
  }

  /**
   * Ends the session here; after a campus sign-in the browser then goes through the identity
   * service's logout too (answers true: the page is being left).
   */
  async function logout(): Promise<boolean> {
    await authApi.logout().catch(() => undefined);
    const provider = localStorage.getItem(SSO_PROVIDER_KEY) as SsoProvider | null;
    localStorage.removeItem(SSO_PROVIDER_KEY);
    clear();
    if (!provider) return false;
    window.location.assign(authApi.ssoLogoutHref(provider));
    return true;
  }

  return {
    me,
    roles,
    isLoggedIn,
    hasAnyRole,
    unitsWith,
    login,
    loginWithSso,
    activate,
    loadMe,
    logout,
    clear,
  };
});
