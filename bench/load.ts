import net from 'node:net';
import os from 'node:os';
import { cpuSeconds } from './server.ts';
import { summarize, type Stats } from './stats.ts';

/**
 * A small autocannon-like load generator: `connections` keep-alive sockets, each sending the next GET as soon as the
 * previous answer is complete (no pipelining). Requests are prebuilt bytes and answers are only framed (status line
 * and Content-Length), never parsed as JSON, so the client takes as little as it can of the CPU it shares with the
 * server. Both Kontor and the floor are measured with it.
 */
export interface LoadResult {
  /** Latency of each request, and `throughput`: requests per second. */
  stats: Stats;
  errors: number;
  statuses: Record<string, number>;
  /** CPU the load generator used, in cores (1 = one core busy the whole time). */
  clientCpu: number;
  /** CPU the server used (primary and workers, not the PostgreSQL backends), in cores; null when unknown. */
  serverCpu: number | null;
  /** One-minute load average at the end. */
  loadavg: number;
}

class Connection {
  private socket: net.Socket | null = null;
  private buf: Buffer = Buffer.alloc(0);
  private waiting: { resolve(status: number): void; reject(err: Error): void } | null = null;

  constructor(private readonly port: number) {}

  private open(): net.Socket {
    const s = net.connect(this.port, '127.0.0.1');
    s.setNoDelay(true);
    s.on('data', (chunk: Buffer) => this.onData(chunk));
    const fail = (err: Error) => {
      if (this.socket === s) this.socket = null;
      const w = this.waiting;
      this.waiting = null;
      w?.reject(err);
    };
    s.on('error', fail);
    s.on('close', () => fail(new Error('connection closed')));
    return s;
  }

  private onData(chunk: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const end = this.buf.indexOf('\r\n\r\n');
    if (end < 0 || !this.waiting) return;
    const head = this.buf.toString('latin1', 0, end);
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1];
    const w = this.waiting;
    if (length === undefined) {
      this.waiting = null;
      this.socket?.destroy();
      return w.reject(new Error('an answer without Content-Length'));
    }
    const total = end + 4 + Number(length);
    if (this.buf.length < total) return;
    this.buf = this.buf.subarray(total);
    this.waiting = null;
    w.resolve(Number(head.slice(9, 12)));
  }

  request(bytes: Buffer): Promise<number> {
    this.socket ??= this.open();
    this.buf = Buffer.alloc(0);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket?.write(bytes);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }
}

/**
 * `connections` clients GET `paths` in turn (round-robin over all of them) for `warmupMs` unmeasured, then for
 * `durationMs` measured. `serverPid` (the primary) adds the server's CPU use to the result.
 */
export async function runLoad(baseUrl: string, token: string, paths: string[], opts: { connections: number; durationMs: number; warmupMs?: number; serverPid?: number }): Promise<LoadResult> {
  const url = new URL(baseUrl);
  const requests = paths.map((p) => Buffer.from(`GET ${p} HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${token}\r\nAccept: application/json\r\n\r\n`, 'latin1'));
  const conns = Array.from({ length: opts.connections }, () => new Connection(Number(url.port)));
  let next = 0;
  let samples: number[] = [];
  let errors = 0;
  let statuses: Record<string, number> = {};
  const loop = async (c: Connection, until: number) => {
    while (performance.now() < until) {
      const bytes = requests[next++ % requests.length] as Buffer;
      const t = performance.now();
      try {
        const status = await c.request(bytes);
        samples.push(performance.now() - t);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status < 200 || status > 299) errors++;
      } catch {
        errors++;
        c.close();
      }
    }
  };
  try {
    if (opts.warmupMs) {
      const until = performance.now() + opts.warmupMs;
      await Promise.all(conns.map((c) => loop(c, until)));
    }
    [samples, errors, statuses] = [[], 0, {}];
    const cpu = process.cpuUsage();
    const server = opts.serverPid ? cpuSeconds(opts.serverPid) : null;
    const start = performance.now();
    await Promise.all(conns.map((c) => loop(c, start + opts.durationMs)));
    const wall = performance.now() - start;
    const used = process.cpuUsage(cpu);
    return {
      stats: summarize(samples, wall),
      errors,
      statuses,
      clientCpu: (used.user + used.system) / 1000 / wall,
      serverCpu: opts.serverPid && server !== null ? ((cpuSeconds(opts.serverPid) - server) * 1000) / wall : null,
      loadavg: os.loadavg()[0] ?? 0,
    };
  } finally {
    for (const c of conns) c.close();
  }
}
