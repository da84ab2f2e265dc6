/**
 * The package as it would be published: what `npm pack` puts in the tarball
 * (everything package.json points at and everything the code loads, no
 * tests), what `require('gyre')` gives (the documented names, no deep
 * imports), and whether the shipped typings type-check an application that
 * uses them (and reject one that misuses them). Reads the built dist/ of the
 * repository (the test command builds first), wherever this file was
 * compiled to.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';

/** The repository: from <outDir>/test/unit, whatever the outDir (dist, or a private build). */
const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  main?: string;
  types?: string;
  bin?: string | Record<string, string>;
  exports?: unknown;
  dependencies?: Record<string, string>;
};
const TSC = path.join(root, 'node_modules/.bin/tsc');

/** A path as npm lists it: relative to the package root, no leading ./ */
const rel = (p: string) => path.posix.normalize(p.replace(/\\/g, '/')).replace(/^\.\//, '');
const exists = (file: string) => fs.existsSync(path.join(root, file)) && fs.statSync(path.join(root, file)).isFile();

/** Every string the `exports` map holds, whatever its nesting (conditions, subpaths). */
function exportTargets(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (v && typeof v === 'object') return Object.values(v).flatMap(exportTargets);
  return [];
}

/** The files package.json points at: exports, main, types, bin. */
function entryPoints(): string[] {
  const bin = typeof pkg.bin === 'string' ? [pkg.bin] : Object.values(pkg.bin ?? {});
  return [...exportTargets(pkg.exports), pkg.main, pkg.types, ...bin].filter((p): p is string => !!p).map(rel);
}

/** The first of `candidates` (package-relative) that is a file. */
const firstFile = (candidates: string[]) => candidates.map(rel).find(exists);

/**
 * `start` and every file it reaches through relative references (`refs` finds them in a file's text), each
 * resolved by `resolve` from the candidates a specifier may name.
 */
function closure(start: string[], refs: (text: string) => string[], candidates: (p: string) => string[]): { files: Set<string>; unresolved: string[] } {
  const files = new Set<string>();
  const unresolved: string[] = [];
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const spec of refs(fs.readFileSync(path.join(root, file), 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const target = firstFile(candidates(path.posix.join(path.posix.dirname(file), spec)));
      if (target) visit(target);
      else unresolved.push(`${file} → ${spec}`);
    }
  };
  for (const f of start) visit(f);
  return { files, unresolved };
}

/** The modules compiled CommonJS requires (TypeScript emits `require("…")`). */
const requires = (js: string) => [...js.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!);
/** The modules a declaration file imports or re-exports: `… from '…'`, `import x = require('…')`, `import('…')` types. */
const dtsImports = (dts: string) => [
  ...[...dts.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!),
  ...[...dts.matchAll(/^\s*import\s+\w+\s*=\s*require\(\s*['"]([^'"]+)['"]\s*\)/gm)].map((m) => m[1]!),
  ...[...dts.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!),
];
const jsCandidates = (p: string) => [p, `${p}.js`, `${p}.json`, `${p}/index.js`];
const dtsCandidates = (p: string) => [`${p}.d.ts`, p.replace(/\.js$/, '.d.ts'), `${p}/index.d.ts`];

/** Files of a directory (package-relative), recursively, whose names pass `keep`. */
function filesUnder(dir: string, keep: (name: string) => boolean = () => true): string[] {
  return (fs.readdirSync(path.join(root, dir), { recursive: true }) as string[])
    .map((f) => rel(path.join(dir, f)))
    .filter((f) => exists(f) && keep(path.basename(f)));
}

const missing = (want: Iterable<string>, have: Set<string>) => [...want].filter((f) => !have.has(f));

describe('the packed package', () => {
  let packed: Set<string>;
  before(() => {
    // --ignore-scripts: without it npm runs `prepare`, which rebuilds (and first deletes) dist/.
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, `npm pack failed: ${r.stderr}`);
    const [report] = JSON.parse(r.stdout) as { name: string; files: { path: string }[] }[];
    assert.equal(report?.name, pkg.name);
    packed = new Set(report.files.map((f) => rel(f.path)));
  });

  it('holds every file package.json points at (exports, main, types, bin)', () => {
    const entries = entryPoints();
    assert.ok(entries.length >= 4, `entry points found: ${entries.join(', ')}`);
    for (const e of entries) assert.ok(exists(e), `${e} is built`);
    assert.deepEqual(missing(entries, packed), []);
  });

  it('holds every module the entry points load, and every declaration the typings reference', () => {
    const js = closure(entryPoints().filter((e) => e.endsWith('.js')), requires, jsCandidates);
    assert.deepEqual(js.unresolved, [], 'requires that name no built file');
    assert.ok(js.files.size > 50, `the server's modules are reached (${js.files.size})`);
    assert.deepEqual(missing(js.files, packed), []);
    const dts = closure(entryPoints().filter((e) => e.endsWith('.d.ts')), dtsImports, dtsCandidates);
    assert.deepEqual(dts.unresolved, [], 'imports that name no built declaration');
    assert.ok(dts.files.has('dist/src/library/gyre.d.ts') && dts.files.has('dist/src/library/handlers.d.ts'));
    assert.deepEqual(missing(dts.files, packed), []);
  });

  it('holds the files the code reads by path at run time', () => {
    const assets = [
      ...filesUnder('lua', (f) => f.endsWith('.lua')), // the Redis engine's scripts (src/engine/redis/scripts.ts)
      'proto/api.proto', // the GRPC API's service (src/api/grpc/server.ts)
      ...filesUnder('ui/static'), // the admin UI (src/admin/admin-http.ts)
      ...filesUnder('dist/ui', (f) => f.endsWith('.js')),
      'dist/src/protocol/generated/client.js',
      'dist/src/auth/signature-task.js', // a piscina thread's entry, loaded by file name (src/auth/signature-pool.ts)
    ];
    for (const [what, n] of [
      ['lua/', assets.filter((f) => f.startsWith('lua/')).length],
      ['ui/static/', assets.filter((f) => f.startsWith('ui/static/')).length],
      ['dist/ui/', assets.filter((f) => f.startsWith('dist/ui/')).length],
    ] as const) {
      assert.ok(n > 0, `files found under ${what}`);
    }
    for (const a of assets) assert.ok(exists(a), `${a} exists`);
    assert.deepEqual(missing(assets, packed), []);
  });

  it('holds no tests, benchmarks or sources', () => {
    const strays = [...packed].filter((f) => /^(dist\/)?(test|bench)\//.test(f) || /\.test\.js$/.test(f) || /^src\//.test(f));
    assert.deepEqual(strays, []);
  });
});

describe("require('gyre')", () => {
  // Resolved as a file of the repository resolves it: the package's self-reference, through its `exports` map.
  const req = createRequire(path.join(root, 'package.json'));

  it('is dist/src/library/index.js, exposing exactly the documented names', () => {
    assert.equal(req.resolve('gyre'), path.join(root, 'dist/src/library/index.js'));
    const gyre = req('gyre') as Record<string, any>;
    assert.deepEqual(Object.keys(gyre).sort(), ['ConfigError', 'ErrorCodes', 'Gyre', 'GyreDisconnect', 'GyreError', 'VERSION']);
    assert.equal(typeof gyre['Gyre'], 'function');
    assert.equal(typeof gyre['Gyre'].create, 'function');
    assert.equal(gyre['VERSION'], pkg.version);
    assert.equal(gyre['ErrorCodes'].unauthorized, 101);
    const err: { code: number; message: string } = new gyre['GyreError'](gyre['ErrorCodes'].permissionDenied, 'no');
    assert.deepEqual([err.code, err.message], [103, 'no']);
    assert.ok((err as unknown) instanceof Error);
    assert.ok(new gyre['GyreDisconnect'](4000, 'bye') instanceof Error);
    assert.ok(new gyre['ConfigError']('bad') instanceof Error);
  });

  it('imports into an ES module with its names (an application with "type": "module")', () => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', "import { Gyre, GyreError, ErrorCodes, VERSION } from 'gyre'; console.log(JSON.stringify([typeof Gyre.create, new GyreError(ErrorCodes.badRequest, 'x').code, VERSION]))"], {
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), ['function', 107, pkg.version]);
  });

  it('refuses deep imports (ERR_PACKAGE_PATH_NOT_EXPORTED); package.json stays readable', () => {
    for (const deep of ['gyre/dist/src/worker', 'gyre/dist/src/library/gyre', 'gyre/dist/src/library/index.js', 'gyre/src/library']) {
      assert.throws(() => req(deep), { code: 'ERR_PACKAGE_PATH_NOT_EXPORTED' }, deep);
    }
    assert.equal((req('gyre/package.json') as { name: string }).name, 'gyre');
  });
});

describe('the shipped typings', () => {
  const INDEX_DTS = path.join(root, 'dist/src/library/index.d.ts');

  /** Type-checks `source` as consumer.ts of an application whose `gyre` is the shipped declarations; tsc's exit status and output. */
  function typecheck(source: string, compilerOptions: Record<string, unknown> = {}): { status: number | null; output: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gyre-consumer-'));
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'commonjs' }));
    fs.writeFileSync(path.join(dir, 'consumer.ts'), source);
    const tsconfig = {
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        skipLibCheck: true,
        noEmit: true,
        types: ['node'],
        typeRoots: [path.join(root, 'node_modules/@types')],
        paths: { gyre: [INDEX_DTS] },
        ...compilerOptions,
      },
      files: ['consumer.ts'],
    };
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
    const r = spawnSync(TSC, ['-p', dir, '--pretty', 'false'], { encoding: 'utf8', timeout: 60_000 });
    fs.rmSync(dir, { recursive: true, force: true });
    return { status: r.status, output: `${r.stdout}${r.stderr}` };
  }

  const CONSUMER = `
import http from 'node:http';
import { ErrorCodes, Gyre, GyreDisconnect, GyreError, VERSION, type ConnectingEvent, type GyreConfig, type PublishReply } from 'gyre';

const config: GyreConfig = { engine: 'redis', redis: { url: 'redis://127.0.0.1:6390', prefix: 'app' }, client: { ping_interval: 25 } };

export async function main(): Promise<string> {
  const gyre = await Gyre.create({ config, env: process.env });
  gyre.onConnecting((e: ConnectingEvent) => {
    const sid = /sid=(\\w+)/.exec(e.headers['cookie'] ?? '')?.[1];
    if (!sid) throw new GyreError(ErrorCodes.unauthorized, 'no session');
    if (sid === 'banned') throw new GyreDisconnect(4501, 'banned');
    return { user: sid, info: { via: e.transport }, channels: ['news'] };
  });
  gyre.onRpc(async (e) => ({ data: { echo: e.data ?? null, user: e.user } }));
  gyre.onDisconnect((e) => void e.code);
  gyre.attach(http.createServer(), { routes: ['api', 'health'] });
  const reply: PublishReply = await gyre.publish('news', { hello: 'world' }, { tags: { kind: 'greeting' } });
  const offset: number | undefined = reply.offset;
  const history = await gyre.history('news', { limit: -1 });
  const first: number | undefined = history.publications[0]?.offset;
  const users: string[] = Object.values((await gyre.presence('news')).presence).map((c) => c.user);
  const nodes: number = (await gyre.info()).nodes.length;
  await gyre.disconnect('spammer', { disconnect: { code: 4000, reason: 'spam' } });
  const clean: boolean = await gyre.close();

  // The typings are strict, not any: each of these is an error, and an unused directive would be one too.
  // @ts-expect-error a user is a string
  gyre.onConnecting(() => ({ user: 42 }));
  // @ts-expect-error publish takes a channel name first
  await gyre.publish({ channel: 'news' }, {});
  // @ts-expect-error engine is memory or redis
  await Gyre.create({ config: { engine: 'mongo' } });
  // @ts-expect-error the server's way in is not public
  void Gyre.fromConfig;
  // @ts-expect-error nor are the node's internals
  void gyre.internals;
  // @ts-expect-error nor its constructor
  new Gyre();

  return [VERSION, offset, first, users.join(), nodes, clean].join(' ');
}
`;

  it('type-check an application using them (strict)', () => {
    const r = typecheck(CONSUMER);
    assert.equal(r.status, 0, r.output);
  });

  it('reject an application misusing them', () => {
    const r = typecheck(`
import { Gyre } from 'gyre';
export async function main(): Promise<void> {
  const gyre = await Gyre.create();
  gyre.onConnecting(() => ({ user: 42 }));
}
`);
    assert.notEqual(r.status, 0, 'tsc accepted a numeric user');
    // The error is the one meant, in the consumer, not a failure to find the typings.
    assert.match(r.output, /consumer\.ts\(5,\d+\): error TS2322: Type 'number' is not assignable to type 'string'/);
    assert.doesNotMatch(r.output, /TS2307/);
  });

  it('keep @internal members out (stripInternal)', () => {
    for (const file of ['index.d.ts', 'gyre.d.ts']) {
      const dts = fs.readFileSync(path.join(root, 'dist/src/library', file), 'utf8');
      assert.doesNotMatch(dts, /\bfromConfig\b/, file);
      assert.doesNotMatch(dts, /\binternals\b/, file);
    }
  });

  // tsc declares the generated client.js (allowJs) as an empty `export = $root`; the build copies the pbts
  // declarations from src/ over it, so the protocol types a consumer meets are real ones.
  it(
    'type-check without skipLibCheck, the declarations themselves included',
    () => {
      const r = typecheck(CONSUMER, { skipLibCheck: false });
      assert.equal(r.status, 0, r.output);
    },
  );

  // The public declarations reach no module of the server beyond the types they name (gyre.d.ts imports
  // assemble.ts's types only inline in @internal members), so none of jsonwebtoken's, ioredis's or ws's.
  it(
    'reference only packages a consumer gets with the dependencies',
    () => {
      const { files } = closure([rel(pkg.types!)], dtsImports, dtsCandidates);
      const bare = new Set([...files].flatMap((f) => dtsImports(fs.readFileSync(path.join(root, f), 'utf8'))).filter((s) => !s.startsWith('.') && !s.startsWith('node:')));
      const deps = pkg.dependencies ?? {};
      const untyped = [...bare].filter((name) => {
        const base = name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]!;
        if (deps[`@types/${base.replace(/^@/, '').replace('/', '__')}`]) return false;
        if (!deps[base]) return true;
        const manifest = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', base, 'package.json'), 'utf8')) as { types?: string; typings?: string };
        return !(manifest.types || manifest.typings || fs.existsSync(path.join(root, 'node_modules', base, 'index.d.ts')));
      });
      assert.deepEqual(untyped, []);
    },
  );
});
