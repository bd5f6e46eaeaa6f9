// The subset of autocannon 9 the benchmark uses (the package ships no types).
declare module 'autocannon' {
  interface RequestParams {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
  }
  export interface Options {
    url: string;
    connections: number;
    amount?: number;
    duration?: number;
    headers?: Record<string, string>;
    requests?: (RequestParams & {
      setupRequest?: (request: RequestParams) => RequestParams;
      onResponse?: (status: number, body: string) => void;
    })[];
  }
  export interface Result {
    non2xx: number;
    errors: number;
    requests: { total: number; average: number };
    latency: { p50: number; p99: number };
    statusCodeStats: Record<string, { count: number }>;
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
