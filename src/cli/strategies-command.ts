import type { Command } from 'commander';
import { BUILTIN_STRATEGIES } from '../strategy/builtin/registry.js';
import { describeParams } from '../strategy/strategy-params.js';

/** `quantflow strategies`: the built-in strategies and their parameters. */
export function registerStrategiesCommand(program: Command): void {
  program
    .command('strategies')
    .description('list built-in strategies and their parameters')
    .action(() => {
      for (const [name, cls] of Object.entries(BUILTIN_STRATEGIES)) {
        process.stdout.write(`${name} — ${cls.description}\n`);
        for (const p of describeParams(cls)) {
          process.stdout.write(`    ${p.name} (default ${String(p.default)}): ${p.description}\n`);
        }
      }
    });
}
