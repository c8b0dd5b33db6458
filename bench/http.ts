import http from 'node:http';

export interface HttpResponse<T = unknown> {
  status: number;
  body: T;
}

/** A keep-alive JSON client over node:http (lighter than fetch, so the client steals less CPU from the server). */
export class Client {
  private readonly agent: http.Agent;
  private next = 0;
  /** Status codes seen, for the error count. */
  readonly statuses = new Map<number, number>();

  constructor(
    private readonly baseUrls: string[],
    private readonly token: string,
    sockets = 1,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  }

  /** Round-robin over the base URLs: several Kontor processes behind a client-side balancer. */
  request<T = unknown>(method: string, path: string, body?: unknown): Promise<HttpResponse<T>> {
    const base = new URL(this.baseUrls[this.next++ % this.baseUrls.length] ?? '');
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent: this.agent,
          host: base.hostname,
          port: base.port,
          method,
          path,
          headers: { authorization: `Bearer ${this.token}`, ...(payload !== undefined && { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status, body: (text ? JSON.parse(text) : null) as T });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Like request, but a non-2xx answer is an error (single-client workloads must not measure failures). */
  async ok<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.request<T>(method, path, body);
    if (res.status < 200 || res.status > 299) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
    return res.body;
  }

  errors(): number {
    let n = 0;
    for (const [status, count] of this.statuses) if (status < 200 || status > 299) n += count;
    return n;
  }

  close(): void {
    this.agent.destroy();
  }
}
