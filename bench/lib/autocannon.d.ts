// The slice of autocannon 9's programmatic API the benchmarks use (the package ships no types).
declare module "autocannon" {
  export interface Options {
    url: string;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    connections?: number;
    pipelining?: number;
    /** Seconds. */
    duration?: number;
    timeout?: number;
    /** Requests sent in turn on each connection; `setupRequest` may change each one before it is sent. */
    requests?: { setupRequest?: (request: { method: string; path: string; headers: Record<string, string>; body?: string }) => object }[];
  }
  export interface Histogram {
    average: number;
    p50: number;
    p99: number;
    [percentile: string]: number;
  }
  export interface Result {
    requests: Histogram & { total: number };
    latency: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    "2xx": number;
    "4xx": number;
    "5xx": number;
    duration: number;
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
