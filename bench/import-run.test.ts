import { describe, expect, it } from 'vitest';
import { runMeasured, templateArgv } from './import-run.ts';

describe('runMeasured', () => {
  it('times a command and catches a memory peak it has already let go of', async () => {
    // 200 MB held for a moment, then dropped: the high-water mark keeps it though the last samples are lower.
    const script = `const b = Buffer.alloc(200 * 1024 * 1024, 1); setTimeout(() => { b.fill(0, 0, 1); process.exit(3); }, 400);`;
    const r = await runMeasured([process.execPath, '-e', script], process.env, { everyMs: 50 });
    expect(r.code).toBe(3);
    expect(r.ms).toBeGreaterThan(400);
    expect(r.memory.peakRssMb).toBeGreaterThan(200);
    expect(r.memory.peakAnonMb).toBeGreaterThan(150);
    expect(r.memory.samples).toBeGreaterThan(3);
    expect(r.memory.rssAtQuarterMb).toHaveLength(4);
  });

  it('takes a peak the command printed itself when it is higher than any sample', async () => {
    const r = await runMeasured([process.execPath, '-e', `console.error('VmHWM:\\t  4194304 kB')`], process.env);
    expect(r.code).toBe(0);
    expect(r.memory.peakRssMb).toBe(4096);
    // kontor import's own form (KONTOR_REPORT_PEAK_RSS=1), on stdout.
    const k = await runMeasured([process.execPath, '-e', `console.log('Import 1 done'); console.log('peak RSS 3000 MB')`], process.env);
    expect(k.memory.peakRssMb).toBe(3000);
  });
});

describe('templateArgv', () => {
  it('quotes the values it puts in and runs the command itself (exec), so its pid is measured', async () => {
    const argv = templateArgv(`${process.execPath} -e "console.log(process.argv[1])" {file}`, { file: `it's a file.csv` });
    expect(argv.slice(0, 2)).toEqual(['/bin/sh', '-c']);
    const r = await runMeasured(argv, process.env);
    expect(r.stdout.trim()).toBe(`it's a file.csv`);
  });
});
