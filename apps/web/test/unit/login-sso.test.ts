import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { localTokenStore } from '@/api/tokens';
import LoginPage from '@/views/LoginPage.vue';
import { globalPlugins } from './helpers';

/** The login page at `url`, the API answering `GET /api/auth/sso` with `providers`. */
async function loginPageAt(url: string, providers: string[], exchange?: () => Response) {
  const requests: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      requests.push(`${init?.method ?? 'GET'} ${input}`);
      if (String(input).endsWith('/auth/sso/exchange') && exchange) return exchange();
      if (String(input).endsWith('/api/me')) {
        return Response.json({
          id: 'p',
          username: 'od_admin',
          name: '王建华',
          orgUnitId: 'u',
          roles: [],
        });
      }
      return Response.json({ providers, required: false });
    }),
  );
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', name: 'login', component: LoginPage },
      { path: '/:p(.*)*', component: { render: () => null } },
    ],
  });
  await router.push(url);
  const global = globalPlugins();
  const wrapper = mount(LoginPage, { global: { ...global, plugins: [...global.plugins, router] } });
  await flushPromises();
  return { wrapper, router, requests };
}

describe('login page: 统一身份认证', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    localTokenStore.set(null);
    sessionStorage.clear();
  });

  it('offers 统一身份认证登录 only when a provider is configured', async () => {
    const without = await loginPageAt('/login', []);
    expect(without.wrapper.find('[data-testid="login-sso-oidc"]').exists()).toBe(false);
    const withCas = await loginPageAt('/login', ['cas']);
    expect(withCas.wrapper.get('[data-testid="login-sso-cas"]').text()).toBe('统一身份认证登录');
  });

  it('explains a refusal in words and keeps the password form', async () => {
    const { wrapper } = await loginPageAt('/login?ssoError=not-in-roster', ['oidc']);
    expect(wrapper.get('[data-testid="login-error"]').text()).toContain(
      '未在党员名册中，请联系组织部',
    );
    expect(wrapper.find('#login-username').exists()).toBe(true);
  });

  it('trades the one-time code for the access token, then goes where the user was headed', async () => {
    sessionStorage.setItem(
      'orglife.ssoStarted',
      JSON.stringify({ provider: 'oidc', redirect: '/tasks/1' }),
    );
    const { router, requests } = await loginPageAt('/login?sso=one-time', ['oidc'], () =>
      Response.json({ accessToken: 'access', expiresIn: 900 }),
    );
    expect(requests).toContain('POST /api/auth/sso/exchange');
    expect(localTokenStore.get()).toEqual({ accessToken: 'access' });
    expect(router.currentRoute.value.fullPath).toBe('/tasks/1');
  });

  it('says the code expired when the exchange is refused', async () => {
    const { wrapper } = await loginPageAt('/login?sso=spent', ['oidc'], () =>
      Response.json({ status: 401, title: 'Unauthorized' }, { status: 401 }),
    );
    expect(wrapper.get('[data-testid="login-error"]').text()).toContain('登录凭据无效或已过期');
    expect(localTokenStore.get()).toBeNull();
  });
});
