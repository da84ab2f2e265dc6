/**
 * The one entry point of the benchmarks:
 *
 *   node dist/bench/run.js <scenario> [flags]     (--help: the scenario's flags; --quick: small and short)
 *   node dist/bench/run.js                        (lists the scenarios)
 *
 * Each scenario is a file under bench/scenarios/ (see bench/harness/scenario.ts for what one declares).
 */
import { runScenario } from './harness/scenario';
import { SCENARIOS } from './scenarios';

function main(): void {
  const [name, ...argv] = process.argv.slice(2);
  const load = name ? SCENARIOS[name] : undefined;
  if (!load) {
    if (name && name !== '--help') console.error(`unknown scenario ${JSON.stringify(name)}`);
    console.log('node dist/bench/run.js <scenario> [--help] [--quick] [flags]\n');
    for (const n of Object.keys(SCENARIOS)) console.log(`  ${n.padEnd(14)} ${SCENARIOS[n]!().scenario.title}`);
    process.exitCode = name && name !== '--help' ? 1 : 0;
    return;
  }
  runScenario(load().scenario, argv)
    .then((code) => (process.exitCode = code))
    .catch((err) => {
      console.error(err);
      process.exitCode = 1;
    })
    // A stray handle (an agent, a timer) must not keep a finished benchmark alive.
    .finally(() => setTimeout(() => process.exit(process.exitCode ?? 0), 200).unref());
}

main();
