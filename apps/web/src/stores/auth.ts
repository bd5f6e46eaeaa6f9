import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import * as authApi from '@/api/auth';
import type { Me } from '@/api/auth';
import { isRole, type Role } from '@/api/roles';
import { localTokenStore } from '@/api/tokens';

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

  async function logout(): Promise<void> {
    await authApi.logout().catch(() => undefined);
    clear();
  }

  return { me, roles, isLoggedIn, hasAnyRole, unitsWith, login, loadMe, logout, clear };
});
