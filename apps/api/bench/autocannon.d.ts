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
    /** Seconds before a request counts as an error (default 10). */
    timeout?: number;
    headers?: Record<string, string>;
    requests?: (RequestParams & {
      setupRequest?: (request: RequestParams) => RequestParams;
    })[];
  }
  export interface Result {
    non2xx: number;
    errors: number;
    requests: { total: number; average: number };
    latency: { p50: number; p99: number };
    statusCodeStats: Record<string, { count: number }>;
  }
  /** A running load test: awaiting it gives the result; 'response' fires once per answer. */
  interface Instance extends PromiseLike<Result> {
    on(event: 'response', listener: () => void): this;
  }
  function autocannon(options: Options): Instance;
  export default autocannon;
}
