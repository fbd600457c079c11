/**
 * Shared harness for the CLI integration tests: runs the built CLI (`dist/src/cli/main.js`) in a
 * child process and offers the small helpers those tests have in common (temporary folders that
 * are removed after the test file, CSV reading, the success assertion).
 *
 * Importing this module registers one node:test `after` hook on the importing test file's root,
 * which deletes every folder made by {@link tempDir}.
 */
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repo root: the first folder above this file holding QuantFlow's package.json. */
function findRepoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'quantflow')
      return dir;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error('cannot find the quantflow package.json above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

/** The repo root (the folder of QuantFlow's package.json), found from this file's location. */
export const REPO_ROOT = findRepoRoot();

/** The built CLI entry point, as an absolute path. */
export const CLI_MAIN = join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js');

/** The outcome of one CLI run. */
export interface Run {
  /** The exit code, or `null` if the process was ended by a signal. */
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the built CLI with `args` in the folder `cwd`, synchronously, and returns its exit code
 * and output. `QUANTFLOW_DEBUG` is removed from the child's environment. From the repo root the
 * entry point is given relative (`dist/src/cli/main.js`), from anywhere else as {@link CLI_MAIN}.
 *
 * @throws the spawn error if the process could not be started.
 */
export function quantflowIn(cwd: string, ...args: string[]): Run {
  const env = { ...process.env };
  delete env.QUANTFLOW_DEBUG;
  const r = spawnSync(process.execPath, [cwd === REPO_ROOT ? 'dist/src/cli/main.js' : CLI_MAIN, ...args], {
    cwd,
    encoding: 'utf8',
    env,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the built CLI with `args` from the repo root; see {@link quantflowIn}. */
export function quantflow(...args: string[]): Run {
  return quantflowIn(REPO_ROOT, ...args);
}

/** Asserts that `run` exited with code 0; the failure message shows its stderr and stdout. */
export function assertOk(run: Run): void {
  assert.equal(run.status, 0, `exit ${run.status}\nstderr: ${run.stderr}\nstdout: ${run.stdout}`);
}

const tempDirs: string[] = [];

/**
 * Makes a fresh, empty folder under the OS temp folder, named `<prefix><random>`. Every such
 * folder is deleted (recursively) by the `after` hook this module registers, once all tests of
 * the file have run.
 */
export function tempDir(prefix = 'qf-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

after(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** A CSV with a plain header (no quoting: what the run files and sample data use). */
export interface Csv {
  /** The header line as written. */
  readonly header: string;
  /** One record per data line, keyed by the header's column names. */
  readonly rows: Record<string, string>[];
}

/**
 * Reads a plain CSV file (comma-separated, no quoting) strictly: asserts that the file ends with
 * a newline and that every line has as many fields as the header.
 */
export function readCsv(path: string): Csv {
  const lines = readFileSync(path, 'utf8').split('\n');
  assert.equal(lines.pop(), '', `${path} must end with a newline`);
  const header = lines[0];
  const names = header.split(',');
  const rows = lines.slice(1).map((line, i) => {
    const fields = line.split(',');
    assert.equal(
      fields.length,
      names.length,
      `${path}:${i + 2} has ${fields.length} fields, the header ${names.length}`,
    );
    return Object.fromEntries(names.map((n, k) => [n, fields[k]]));
  });
  return { header, rows };
}

/**
 * The data rows of a plain CSV file (comma-separated, no quoting), keyed by the header's column
 * names. Lenient, unlike {@link readCsv}: trailing whitespace is ignored and the field count is
 * not checked.
 */
export function csvRows(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trimEnd().split('\n');
  const names = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i], v])));
}

/** The parent's environment without anything that would configure a venue (or debug output). */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env))
    if (name.startsWith('APCA_') || name.startsWith('QUANTFLOW_')) delete env[name];
  return env;
}

/** A CLI process still running: its output so far, and its end. */
export interface RunningCli {
  /** Sends `signal` to the process (SIGINT: Ctrl-C). */
  kill(signal: NodeJS.Signals): void;
  /** Everything it printed to stdout so far. */
  stdout(): string;
  /**
   * Resolves with the first match of `pattern` in stdout once it is there; rejects when the
   * process ends or `timeoutMs` passes first (the message shows the output).
   */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Settles when the process has ended (killed after the start's `timeoutMs`: status null). */
  readonly exited: Promise<Run>;
}

/**
 * Starts the built CLI from the repo root, with the venue-free {@link cleanEnv} plus `env`,
 * without waiting for it: for commands that keep running (servers). Killed after `timeoutMs`.
 */
export function startQuantflow(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 30_000,
): RunningCli {
  const child = spawn(process.execPath, [CLI_MAIN, ...args], {
    cwd: REPO_ROOT,
    env: { ...cleanEnv(), ...env },
  });
  let stdout = '';
  let stderr = '';
  let ended = false;
  const listeners = new Set<() => void>();
  const notify = (): void => listeners.forEach((listener) => listener());
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
    notify();
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const exited = new Promise<Run>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      ended = true;
      notify();
      resolve({ status, stdout, stderr });
    });
  });
  const waitFor = (pattern: RegExp, waitMs = timeoutMs): Promise<RegExpExecArray> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const match = pattern.exec(stdout);
        if (match === null && !ended) return;
        listeners.delete(check);
        clearTimeout(timeout);
        if (match !== null) resolve(match);
        else
          reject(new Error(`the CLI ended before printing ${pattern}\nstdout: ${stdout}\nstderr: ${stderr}`));
      };
      const timeout = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`no ${pattern} within ${waitMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
      }, waitMs);
      listeners.add(check);
      check();
    });
  return { kill: (signal) => void child.kill(signal), stdout: () => stdout, waitFor, exited };
}

/** Runs the built CLI without blocking this process; kills it after `timeoutMs` (status null). */
export function quantflowAsync(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<Run> {
  return startQuantflow(args, env, timeoutMs).exited;
}
