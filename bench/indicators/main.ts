/**
 * Standalone run of the indicator benchmarks (`node --expose-gc dist/bench/indicators/main.js
 * [case ...]`, e.g. `ema rsi`; all cases without arguments): prints `{ machine, benchmarks }`
 * with only the indicator entries on stdout, progress on stderr.
 */
import { log, machineInfo } from '../measure.js';
import type { BenchReport } from '../report.js';
import { benchIndicators } from './bench-indicators.js';

const machine = machineInfo();
log(`node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}`);
if (typeof (globalThis as { gc?: unknown }).gc !== 'function')
  log('warning: run with node --expose-gc for steadier timings');
const report: BenchReport = {
  machine,
  benchmarks: benchIndicators(process.argv.length > 2 ? process.argv.slice(2) : undefined),
};
process.stdout.write(JSON.stringify(report, null, 2) + '\n');
