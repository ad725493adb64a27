import autocannon from 'autocannon';

/** Requests per second and latency percentiles of one route, measured with autocannon on loopback. */
export interface HttpResult {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export async function load(
  name: string,
  opts: { url: string; method?: 'GET' | 'POST'; body?: string; contentType?: string; authorization?: string; seconds: number; connections?: number },
): Promise<HttpResult> {
  const r = await autocannon({
    url: opts.url,
    method: opts.method ?? 'GET',
    body: opts.body,
    headers: { ...(opts.contentType ? { 'content-type': opts.contentType } : {}), ...(opts.authorization ? { authorization: opts.authorization } : {}) },
    duration: opts.seconds,
    connections: opts.connections ?? 10,
  });
  return { name, requestsPerSecond: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}
