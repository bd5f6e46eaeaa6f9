import type { Query, RequestOptions } from './client';
import { request } from './request';
import type { components, paths } from './schema';

/**
 * Endpoint calls checked against the API's OpenAPI document (schema.d.ts is generated from
 * apps/api/openapi.json by `pnpm --filter @orglife/web run api:types`): a path, a parameter,
 * a body or a response field the API does not have fails `vue-tsc`.
 */
export type Schemas = components['schemas'];

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Full = keyof paths;
type Short<P> = P extends `/api${infer R}` ? R : never;
export type ApiPath = Short<Full>;
type Op<P extends ApiPath, M extends Method> = NonNullable<paths[`/api${P}` & Full][M]>;
export type PathsWith<M extends Method> = {
  [P in ApiPath]: [Op<P, M>] extends [never] ? never : P;
}[ApiPath];

type Json<R> = R extends { content: { 'application/json': infer J } } ? J : void;
export type ResponseOf<O> = O extends { responses: { 200: infer R } }
  ? Json<R>
  : O extends { responses: { 201: infer R } }
    ? Json<R>
    : void;
export type BodyOf<O> = O extends { requestBody?: { content: { 'application/json': infer B } } }
  ? B
  : never;
type QueryOf<O> = O extends { parameters: { query?: infer Q } } ? Q : never;
type PathParamsOf<O> = O extends { parameters: { path: infer Q } } ? Q : never;

type Init<O> = ([PathParamsOf<O>] extends [never]
  ? { path?: undefined }
  : { path: PathParamsOf<O> }) &
  ([QueryOf<O>] extends [never] ? { query?: undefined } : { query?: QueryOf<O> }) & {
    options?: RequestOptions;
  };
/** The init argument is optional when the operation has no path parameters. */
type InitArgs<O> = [PathParamsOf<O>] extends [never] ? [init?: Init<O>] : [init: Init<O>];

export type GetResponse<P extends PathsWith<'get'>> = ResponseOf<Op<P, 'get'>>;

function resolve(path: string, params: object | undefined): string {
  const values = (params ?? {}) as Record<string, unknown>;
  return path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(String(values[name] ?? '')),
  );
}

interface LooseInit {
  path?: object;
  query?: object;
  options?: RequestOptions;
}

function call<T>(
  method: RequestOptions['method'],
  path: string,
  init: LooseInit | undefined,
  body?: unknown,
) {
  const { path: params, query, options } = init ?? {};
  return request.request<T>(resolve(path, params), {
    ...options,
    method,
    query: query as Query,
    body,
  });
}

export const api = {
  get<P extends PathsWith<'get'>>(path: P, ...[init]: InitArgs<Op<P, 'get'>>) {
    return call<ResponseOf<Op<P, 'get'>>>('GET', path, init);
  },
  post<P extends PathsWith<'post'>>(
    path: P,
    body: BodyOf<Op<P, 'post'>>,
    ...[init]: InitArgs<Op<P, 'post'>>
  ) {
    return call<ResponseOf<Op<P, 'post'>>>('POST', path, init, body);
  },
  put<P extends PathsWith<'put'>>(
    path: P,
    body: BodyOf<Op<P, 'put'>>,
    ...[init]: InitArgs<Op<P, 'put'>>
  ) {
    return call<ResponseOf<Op<P, 'put'>>>('PUT', path, init, body);
  },
  patch<P extends PathsWith<'patch'>>(
    path: P,
    body: BodyOf<Op<P, 'patch'>>,
    ...[init]: InitArgs<Op<P, 'patch'>>
  ) {
    return call<ResponseOf<Op<P, 'patch'>>>('PATCH', path, init, body);
  },
  delete<P extends PathsWith<'delete'>>(path: P, ...[init]: InitArgs<Op<P, 'delete'>>) {
    return call<ResponseOf<Op<P, 'delete'>>>('DELETE', path, init);
  },
};

/**
 * A route the document has but whose response it leaves untyped (domain views): the path is
 * still checked, the caller names the response type.
 */
export function pathOf(path: ApiPath, params?: Record<string, string>): string {
  return resolve(path, params);
}
