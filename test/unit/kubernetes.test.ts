/**
 * deploy/kubernetes, checked offline: every YAML file parses, the kustomizations reference only files that
 * exist and every file is referenced by one (the example Secret by none), every object is valid for its
 * Kubernetes or prometheus-operator schema, and the manifests agree with Gyre itself — the environment
 * variables exist in the configuration schema, the ConfigMap's config.json passes Gyre's own validation with
 * the pod's environment, the probes, Service, Ingress and ServiceMonitor point at the port Gyre listens on
 * and the paths it serves, the grace period covers shutdown_timeout, the worker count fits the CPU limit, and
 * nothing secret ships. Each Gyre check is also run against broken copies, so a wrong probe path or env name
 * fails here.
 *
 * The kustomizations are resolved by a small reader below (resources, components, configMapGenerator,
 * JSON 6902 patches, images): enough for these files, and it refuses anything it does not understand. When
 * kubectl is installed, its built-in kustomize builds the same trees and the checks run on its output too.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Deployment, type IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler, type IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { type IIngress, Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { type IPodDisruptionBudget, PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap, type IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import { type ISecret, Secret } from 'kubernetes-models/v1/Secret';
import { type IService, Service } from 'kubernetes-models/v1/Service';
import { parseAllDocuments } from 'yaml';
import { CHANNEL_OPTIONS } from '../../src/config/channel-options';
import { loadConfig, stripJsonComments } from '../../src/config/load';
import { type Config, schema } from '../../src/config/schema';

const root = path.resolve(__dirname, '../../..');
const k8s = path.join(root, 'deploy/kubernetes');
/** Seconds Gyre's primary waits past shutdown_timeout before it kills a stuck worker (KILL_GRACE_MS in src/primary/primary.ts). */
const KILL_GRACE_S = 2;

type Obj = { apiVersion?: string; kind?: string; metadata?: { name?: string; labels?: Record<string, string>; annotations?: Record<string, string> } } & Record<string, unknown>;

// ---------------------------------------------------------------------------------------------------------
// Files

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}
const isYaml = (f: string) => /\.ya?ml$/.test(f);
const rel = (f: string) => path.relative(k8s, f) || '.';

/**
 * Every document of a YAML file. Parsed as YAML 1.1, as Kubernetes' own decoder reads it: an unquoted `off`,
 * `yes` or `on` is then a boolean, and a string field holding one fails validation here as it would in the cluster.
 */
function yamlDocs(file: string): unknown[] {
  const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'), { version: '1.1', prettyErrors: true });
  const list = Array.isArray(docs) ? docs : [];
  for (const d of list) {
    const problems = [...d.errors, ...d.warnings];
    if (problems.length) throw new Error(`${rel(file)}: ${problems.map((e) => e.message).join('; ')}`);
  }
  return list.map((d) => d.toJS() as unknown).filter((d) => d !== null && d !== undefined);
}

// ---------------------------------------------------------------------------------------------------------
// Kustomizations

interface Generator { name: string; behavior?: string; files?: string[]; literals?: string[] }
interface Patch { path?: string; patch?: string; target?: { group?: string; version?: string; kind?: string; name?: string } }
interface Kustomization {
  apiVersion: string;
  kind: 'Kustomization' | 'Component';
  namespace?: string;
  resources?: string[];
  components?: string[];
  configMapGenerator?: Generator[];
  patches?: Patch[];
  images?: { name: string; newName?: string; newTag?: string }[];
}
/** What these kustomizations may use: anything else (secretGenerator, deprecated fields, typos) is refused. */
const KUSTOMIZATION_KEYS = new Set(['apiVersion', 'kind', 'namespace', 'resources', 'components', 'configMapGenerator', 'patches', 'images']);

function readKustomization(dir: string): Kustomization {
  const [doc, ...more] = yamlDocs(path.join(dir, 'kustomization.yaml')) as Record<string, unknown>[];
  assert.ok(doc && more.length === 0, `${rel(dir)}/kustomization.yaml: one document`);
  for (const key of Object.keys(doc)) assert.ok(KUSTOMIZATION_KEYS.has(key), `${rel(dir)}/kustomization.yaml: "${key}" is not used here (no secretGenerator: no secret ships)`);
  const k = doc as unknown as Kustomization;
  const kinds: Record<string, string> = { Kustomization: 'kustomize.config.k8s.io/v1beta1', Component: 'kustomize.config.k8s.io/v1alpha1' };
  assert.equal(k.apiVersion, kinds[k.kind], `${rel(dir)}/kustomization.yaml: apiVersion of a ${k.kind}`);
  return k;
}

/** A file a generator entry names: `path` or `key=path`. */
const generatorFile = (entry: string) => ({ key: entry.includes('=') ? entry.slice(0, entry.indexOf('=')) : path.basename(entry), file: entry.includes('=') ? entry.slice(entry.indexOf('=') + 1) : entry });

/** Every file and directory a kustomization names, resolved, with what names it. */
function references(dir: string, k: Kustomization): { target: string; as: 'resource' | 'component' | 'patch' | 'generator' }[] {
  return [
    ...(k.resources ?? []).map((r) => ({ target: path.resolve(dir, r), as: 'resource' as const })),
    ...(k.components ?? []).map((c) => ({ target: path.resolve(dir, c), as: 'component' as const })),
    ...(k.patches ?? []).flatMap((p) => (p.path ? [{ target: path.resolve(dir, p.path), as: 'patch' as const }] : [])),
    ...(k.configMapGenerator ?? []).flatMap((g) => (g.files ?? []).map((f) => ({ target: path.resolve(dir, generatorFile(f).file), as: 'generator' as const }))),
  ];
}

/** RFC 6902 on a plain object: the operations kustomize's `patches` apply; a path that is not there fails, as in kustomize. */
function applyJsonPatch(target: Obj, ops: { op: string; path: string; value?: unknown }[], where: string): void {
  for (const { op, path: pointer, value } of ops) {
    const keys = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = keys.pop();
    let node: unknown = target;
    for (const key of keys) node = (node as Record<string, unknown>)?.[key];
    assert.ok(last !== undefined && typeof node === 'object' && node !== null, `${where}: ${op} ${pointer}: no such path`);
    const parent = node as Record<string, unknown> & unknown[];
    const exists = Array.isArray(parent) ? Number(last) < parent.length : last in parent;
    if (op === 'remove' || op === 'replace') assert.ok(exists, `${where}: ${op} ${pointer}: no such path`);
    if (op === 'remove') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else if (op === 'replace' || op === 'add') {
      if (Array.isArray(parent) && op === 'add') parent.splice(last === '-' ? parent.length : Number(last), 0, value);
      else parent[last] = value;
    } else assert.fail(`${where}: JSON patch op "${op}" is not supported by this reader`);
  }
}

const matches = (o: Obj, t: Patch['target'] = {}) =>
  (!t.kind || o.kind === t.kind) && (!t.name || o.metadata?.name === t.name) && (!t.version || (o.apiVersion ?? '').split('/').pop() === t.version) && (t.group === undefined || ((o.apiVersion ?? '').includes('/') ? o.apiVersion!.split('/')[0] : '') === t.group);

/** The objects `kustomize build dir` (plus `extraComponents`) would produce, names without the generators' hash. */
function render(dir: string, extraComponents: string[] = []): Obj[] {
  const k = readKustomization(dir);
  let objects: Obj[] = [];
  for (const r of k.resources ?? []) {
    const target = path.resolve(dir, r);
    objects.push(...(fs.statSync(target).isDirectory() ? render(target) : (yamlDocs(target) as Obj[])));
  }
  objects = applyKustomization(dir, k, objects);
  for (const c of [...(k.components ?? []).map((c) => path.resolve(dir, c)), ...extraComponents]) {
    const ck = readKustomization(c);
    assert.equal(ck.kind, 'Component', `${rel(c)}: listed under components`);
    for (const r of ck.resources ?? []) objects.push(...(yamlDocs(path.resolve(c, r)) as Obj[]));
    objects = applyKustomization(c, ck, objects);
  }
  return objects;
}

function applyKustomization(dir: string, k: Kustomization, objects: Obj[]): Obj[] {
  for (const g of k.configMapGenerator ?? []) {
    const data: Record<string, string> = {};
    for (const entry of g.files ?? []) data[generatorFile(entry).key] = fs.readFileSync(path.resolve(dir, generatorFile(entry).file), 'utf8');
    for (const lit of g.literals ?? []) data[lit.slice(0, lit.indexOf('='))] = lit.slice(lit.indexOf('=') + 1);
    const existing = objects.find((o) => o.kind === 'ConfigMap' && o.metadata?.name === g.name) as IConfigMap | undefined;
    if (g.behavior === 'merge' || g.behavior === 'replace') {
      assert.ok(existing, `${rel(dir)}: configMapGenerator ${g.name}: nothing to ${g.behavior}`);
      existing.data = g.behavior === 'merge' ? { ...existing.data, ...data } : data;
    } else {
      assert.ok(!existing, `${rel(dir)}: configMapGenerator ${g.name}: already generated`);
      objects.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: g.name }, data });
    }
  }
  for (const p of k.patches ?? []) {
    assert.ok(p.path && !p.patch, `${rel(dir)}: patches are files here, so they are parsed and checked`);
    const ops = yamlDocs(path.resolve(dir, p.path));
    assert.ok(ops.length === 1 && Array.isArray(ops[0]), `${rel(dir)}/${p.path}: a JSON patch (a list of operations)`);
    const targets = objects.filter((o) => matches(o, p.target));
    assert.ok(targets.length > 0, `${rel(dir)}/${p.path}: its target matches no object`);
    for (const t of targets) applyJsonPatch(t, ops[0] as { op: string; path: string }[], `${rel(dir)}/${p.path}`);
  }
  for (const img of k.images ?? []) {
    for (const c of objects.filter((o) => o.kind === 'Deployment').flatMap((d) => (d as IDeployment).spec?.template.spec?.containers ?? [])) {
      const [name, tag] = (c.image ?? '').split(':');
      if (name === img.name) c.image = `${img.newName ?? name}:${img.newTag ?? tag}`;
    }
  }
  return k.namespace ? objects.map((o) => ({ ...o, metadata: { ...o.metadata, namespace: k.namespace } })) : objects;
}

// ---------------------------------------------------------------------------------------------------------
// Schemas

type Validate = (o: Obj) => void;
let validators: Promise<Record<string, Validate>> | undefined;
/** The model class for each apiVersion/kind shipped; a kind not listed here fails, so a new one gets validated too. */
function models(): Promise<Record<string, Validate>> {
  validators ??= (async () => {
    // ESM only ("import" export condition), hence a dynamic import from this CommonJS test.
    const { ServiceMonitor } = await import('@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor');
    return {
      'apps/v1/Deployment': (o) => new Deployment(o as IDeployment).validate(),
      'v1/Service': (o) => new Service(o as IService).validate(),
      'v1/ConfigMap': (o) => new ConfigMap(o as IConfigMap).validate(),
      'v1/Secret': (o) => new Secret(o as ISecret).validate(),
      'policy/v1/PodDisruptionBudget': (o) => new PodDisruptionBudget(o as IPodDisruptionBudget).validate(),
      'networking.k8s.io/v1/Ingress': (o) => new Ingress(o as IIngress).validate(),
      'autoscaling/v2/HorizontalPodAutoscaler': (o) => new HorizontalPodAutoscaler(o as IHorizontalPodAutoscaler).validate(),
      'monitoring.coreos.com/v1/ServiceMonitor': (o) => new ServiceMonitor(o as ConstructorParameters<typeof ServiceMonitor>[0]).validate(),
    };
  })();
  return validators;
}

async function validateAll(objects: Obj[], where: string): Promise<void> {
  const table = await models();
  for (const o of objects) {
    const id = `${o.apiVersion}/${o.kind}`;
    const validate = table[id];
    assert.ok(validate, `${where}: ${id} ${o.metadata?.name}: no model to validate it with (add it to models())`);
    assert.ok(o.metadata?.name, `${where}: ${id} without metadata.name`);
    try {
      validate(o);
    } catch (err) {
      assert.fail(`${where}: ${id} ${o.metadata?.name}: ${(err as Error).message}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Gyre

interface Leaf { key: string; env?: string; sensitive?: boolean }
/** Every configuration key with its env name, from the schema and the channel option table. */
function schemaLeaves(): Leaf[] {
  const out: Leaf[] = [];
  const walk = (node: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(node)) {
      if (typeof v !== 'object' || v === null) continue;
      if ('doc' in v) out.push({ key: prefix + k, env: (v as { env?: string }).env, sensitive: (v as { sensitive?: boolean }).sensitive });
      else walk(v as Record<string, unknown>, `${prefix}${k}.`);
    }
  };
  walk(schema as unknown as Record<string, unknown>, '');
  for (const [k, spec] of Object.entries(CHANNEL_OPTIONS)) if ((spec as { env?: string }).env) out.push({ key: `channel.${k}`, env: (spec as { env?: string }).env });
  return out;
}
const GYRE_ENV = new Set(schemaLeaves().flatMap((l) => (l.env ? [l.env] : [])));
const SENSITIVE = schemaLeaves().filter((l) => l.sensitive);

/** Kubernetes CPU quantity in cores: "2", "1.5", "1500m". */
function cores(q: string | number | undefined): number | undefined {
  if (q === undefined) return undefined;
  const s = String(q);
  return s.endsWith('m') ? Number(s.slice(0, -1)) / 1000 : Number(s);
}
const selects = (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) =>
  !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels?.[k] === v);
const isSecretValue = (v: string) => /^REPLACE/.test(v);

/** Gyre reads its configuration as `serve` does: the file the args name, the pod's environment, the remaining flags. */
function gyreConfig(text: string, env: Record<string, string>, args: string[]): Config {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gyre-k8s-'));
  try {
    const file = path.join(dir, 'config.json');
    fs.writeFileSync(file, text);
    return loadConfig({ file, env, args });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What is wrong with a rendered deployment, judged against Gyre's own configuration: an empty list when
 * nothing is. Secrets referenced by the pod are given placeholder values (they live in a Secret the operator
 * creates); optional ones are left out, as an absent key would be.
 */
function gyreProblems(objects: Obj[]): string[] {
  const out: string[] = [];
  const of = <T>(kind: string) => objects.filter((o) => o.kind === kind) as unknown as T[];
  const deployments = of<IDeployment>('Deployment');
  if (deployments.length !== 1) return [`expected one Deployment, found ${deployments.length}`];
  const dep = deployments[0]!;
  const pod = dep.spec?.template.spec;
  const gyre = pod?.containers.find((c) => c.name === 'gyre');
  if (!pod || !gyre) return ['the Deployment has no container "gyre"'];
  const podLabels = dep.spec?.template.metadata?.labels;
  if (!selects(dep.spec?.selector.matchLabels, podLabels)) out.push('Deployment: its selector does not select its pod template');

  // Environment: every GYRE_* name is a configuration variable; secrets come from a Secret.
  const entries = gyre.env ?? [];
  if (gyre.envFrom?.length) out.push('envFrom: name each variable, so each is checked against the schema');
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.name)) out.push(`env ${e.name}: set twice`);
    seen.add(e.name);
    if (e.name.startsWith('GYRE_') && !GYRE_ENV.has(e.name)) out.push(`env ${e.name}: not a Gyre configuration variable`);
    const leaf = SENSITIVE.find((l) => l.env === e.name);
    if (leaf && e.value !== undefined) out.push(`env ${e.name}: a secret (${leaf.key}) written into the manifest; take it from a Secret (secretKeyRef)`);
    else if (leaf && leaf.key !== 'redis.url' && !e.valueFrom?.secretKeyRef) out.push(`env ${e.name}: ${leaf.key} must come from a Secret (secretKeyRef)`);
  }
  const env: Record<string, string> = {};
  for (const e of entries) {
    if (e.value !== undefined) env[e.name] = e.value;
    else if (e.valueFrom?.secretKeyRef) {
      const ref = e.valueFrom.secretKeyRef;
      if (!ref.optional) env[e.name] = `test-${ref.name}-${ref.key}`;
    } else if (e.valueFrom?.configMapKeyRef) {
      const ref = e.valueFrom.configMapKeyRef;
      const cm = of<IConfigMap>('ConfigMap').find((c) => c.metadata?.name === ref.name);
      const value = cm?.data?.[ref.key];
      if (value !== undefined) env[e.name] = value;
      else if (!ref.optional) out.push(`env ${e.name}: ConfigMap ${ref.name} has no key ${ref.key}`);
    } else out.push(`env ${e.name}: neither a value nor a Secret or ConfigMap key`);
  }
  const redisUrl = env['GYRE_REDIS_URL'];
  if (redisUrl === undefined) out.push('env GYRE_REDIS_URL: not set (the default, 127.0.0.1, is the pod itself)');
  else if (!entries.find((e) => e.name === 'GYRE_REDIS_URL')?.valueFrom?.secretKeyRef) {
    for (const u of redisUrl.split(',')) {
      let url: URL | undefined;
      try {
        url = new URL(u.trim());
      } catch {
        // Gyre's own validation (below) names a malformed URL.
      }
      if (url && (url.password || url.searchParams.has('password') || url.searchParams.has('sentinel_password'))) out.push('GYRE_REDIS_URL: holds a password outside a Secret');
    }
  }

  // The configuration file: the args name it, a ConfigMap volume holds it.
  if (gyre.command) out.push('command: leave the image entrypoint (the gyre CLI) and pass args');
  const args = gyre.args ?? [];
  if (args[0] !== 'serve') out.push(`args: start with "serve", not ${JSON.stringify(args[0])}`);
  const at = args.indexOf('--config');
  const file = at >= 0 ? args[at + 1] : undefined;
  let text: string | undefined;
  if (!file) out.push('args: no --config FILE');
  else {
    const mount = (gyre.volumeMounts ?? []).find((m) => file.startsWith(m.mountPath.replace(/\/?$/, '/')));
    const volume = pod.volumes?.find((v) => v.name === mount?.name);
    const inside = mount ? path.posix.relative(mount.mountPath, file) : '';
    const key = volume?.configMap?.items ? volume.configMap.items.find((i) => i.path === inside)?.key : inside;
    const cm = of<IConfigMap>('ConfigMap').find((c) => c.metadata?.name === volume?.configMap?.name);
    text = key === undefined ? undefined : cm?.data?.[key];
    if (text === undefined) out.push(`args: --config ${file} is not a file of a mounted ConfigMap`);
  }
  if (text === undefined) return out;
  const flags = args.slice(1).filter((_, i) => i + 1 !== at && i + 1 !== at + 1);
  let raw: Record<string, unknown>;
  let config: Config;
  try {
    raw = JSON.parse(stripJsonComments(text)) as Record<string, unknown>;
    config = gyreConfig(text, env, flags);
  } catch (err) {
    out.push(`config: Gyre refuses it: ${(err as Error).message}`);
    return out;
  }
  // (redis.url is sensitive only when it holds a password, checked above; here it would be overridden anyway.)
  for (const leaf of SENSITIVE.filter((l) => l.key !== 'redis.url')) {
    const value = leaf.key.split('.').reduce<unknown>((n, k) => (n as Record<string, unknown> | undefined)?.[k], raw);
    if (value !== undefined && value !== '') out.push(`config.json: ${leaf.key} is a secret; it belongs in the Secret (${leaf.env})`);
  }
  if (config.engine !== 'redis') out.push(`engine: ${config.engine}, not redis`);

  // The port Gyre listens on, and what points at it.
  const portOf = (p: number | string | undefined) => (typeof p === 'number' ? p : gyre.ports?.find((x) => x.name === p)?.containerPort);
  if (!gyre.ports?.some((p) => p.containerPort === config.port)) out.push(`ports: no containerPort ${config.port}, the port Gyre listens on`);
  const ready = gyre.readinessProbe?.httpGet;
  if (!ready || ready.path !== '/health' || portOf(ready.port) !== config.port) out.push(`readinessProbe: must be GET /health on port ${config.port}`);
  const live = gyre.livenessProbe;
  if (!live) out.push('livenessProbe: missing');
  else if (live.httpGet?.path?.startsWith('/health')) out.push('livenessProbe: /health is 503 while Redis is out of reach, on every pod at once; restarting them all would not help');
  else if (!live.tcpSocket || portOf(live.tcpSocket.port) !== config.port) out.push(`livenessProbe: a TCP check of port ${config.port}`);

  // Stopping: the grace period covers the preStop pause, shutdown_timeout and the primary's kill grace.
  if (!('shutdown_timeout' in raw) && env['GYRE_SHUTDOWN_TIMEOUT'] === undefined) out.push('shutdown_timeout: set it explicitly, next to the grace period that depends on it');
  const preStop = gyre.lifecycle?.preStop;
  const command = preStop?.exec?.command ?? [];
  const pause = !preStop ? 0 : preStop.sleep ? preStop.sleep.seconds : command[0] === 'sleep' && command.length === 2 ? Number(command[1]) : NaN;
  if (Number.isNaN(pause)) out.push('lifecycle.preStop: only a sleep is understood here');
  const grace = pod.terminationGracePeriodSeconds ?? 30;
  if (!(grace > pause + config.shutdown_timeout + KILL_GRACE_S)) {
    out.push(`terminationGracePeriodSeconds: ${grace} must be more than preStop ${pause} s + shutdown_timeout ${config.shutdown_timeout} s + ${KILL_GRACE_S} s`);
  }

  // Workers: one per core of the CPU limit; 0 would count the node's cores.
  const cpu = cores(gyre.resources?.limits?.['cpu']);
  if (cpu === undefined || !(cpu > 0)) out.push('resources.limits.cpu: set it (the worker count follows it)');
  else if (config.workers === 0) out.push('workers (GYRE_WORKERS): 0 means one per core of the node, not of the CPU limit');
  else if (config.workers !== Math.max(1, Math.floor(cpu))) out.push(`workers (GYRE_WORKERS): ${config.workers} for a CPU limit of ${cpu}`);
  for (const r of ['requests', 'limits'] as const) for (const q of ['cpu', 'memory']) if (gyre.resources?.[r]?.[q] === undefined) out.push(`resources.${r}.${q}: not set`);

  // Running locked down, with /tmp the one writable place (the primary's worker sockets).
  const psc = pod.securityContext;
  const csc = gyre.securityContext;
  if (!(csc?.runAsNonRoot ?? psc?.runAsNonRoot)) out.push('securityContext.runAsNonRoot: not true');
  const uid = csc?.runAsUser ?? psc?.runAsUser;
  if (!uid) out.push('securityContext.runAsUser: a non-zero number (the image names its user, which runAsNonRoot cannot check)');
  if (csc?.allowPrivilegeEscalation !== false) out.push('securityContext.allowPrivilegeEscalation: not false');
  if (!csc?.capabilities?.drop?.includes('ALL')) out.push('securityContext.capabilities: drop ALL');
  if (csc?.readOnlyRootFilesystem !== true) out.push('securityContext.readOnlyRootFilesystem: not true');
  const tmp = gyre.volumeMounts?.find((m) => m.mountPath === '/tmp');
  if (!tmp || !pod.volumes?.find((v) => v.name === tmp.name)?.emptyDir) out.push('/tmp: needs a writable emptyDir (Gyre keeps its worker sockets there)');

  // Replicas: at least two, or an autoscaler that owns the count.
  const hpas = of<IHorizontalPodAutoscaler>('HorizontalPodAutoscaler');
  for (const h of hpas) {
    const ref = h.spec?.scaleTargetRef;
    if (ref?.kind !== 'Deployment' || ref.name !== dep.metadata?.name) out.push(`HorizontalPodAutoscaler ${h.metadata?.name}: does not scale the Deployment`);
    if ((h.spec?.minReplicas ?? 1) < 2) out.push(`HorizontalPodAutoscaler ${h.metadata?.name}: minReplicas below 2 leaves no pod serving while one is disrupted`);
  }
  if (hpas.length && dep.spec?.replicas !== undefined) out.push('Deployment: spec.replicas fights the autoscaler; optional/hpa removes it');
  if (!hpas.length && (dep.spec?.replicas ?? 1) < 2) out.push('Deployment: fewer than 2 replicas');

  // The Service, the disruption budget.
  const services = of<IService>('Service');
  const svc = services.find((s) => selects(s.spec?.selector, podLabels));
  if (!svc) out.push('Service: none selects the Gyre pods');
  const svcPort = (p: number | string | undefined) => svc?.spec?.ports?.find((x) => (typeof p === 'number' ? x.port === p : x.name === p));
  if (svc && !svc.spec?.ports?.some((p) => portOf(p.targetPort ?? p.port) === config.port)) out.push(`Service: no port targets ${config.port}`);
  const pdbs = of<IPodDisruptionBudget>('PodDisruptionBudget');
  if (!pdbs.some((p) => selects(p.spec?.selector?.matchLabels, podLabels))) out.push('PodDisruptionBudget: none selects the Gyre pods');

  // Metrics.
  for (const sm of objects.filter((o) => o.kind === 'ServiceMonitor')) {
    const spec = sm['spec'] as { selector?: { matchLabels?: Record<string, string> }; endpoints?: { port?: string; path?: string }[] } | undefined;
    if (!selects(spec?.selector?.matchLabels, svc?.metadata?.labels)) out.push('ServiceMonitor: its selector does not select the Service');
    for (const ep of spec?.endpoints ?? []) {
      if (ep.path !== '/metrics') out.push(`ServiceMonitor: path ${ep.path}, Gyre serves /metrics`);
      const target = svcPort(ep.port);
      if (!target || portOf(target.targetPort ?? target.port) !== config.port) out.push(`ServiceMonitor: port ${ep.port} is not the Service port to Gyre`);
    }
    if (!config.metrics.enabled) out.push('ServiceMonitor: metrics.enabled is off, so /metrics is a 404');
  }

  // The Ingress: client endpoints only, through the Service, with timeouts longer than a ping.
  for (const ing of of<IIngress>('Ingress')) {
    const name = `Ingress ${ing.metadata?.name}`;
    const paths = (ing.spec?.rules ?? []).flatMap((r) => r.http?.paths ?? []);
    const covers = (url: string) => paths.some((p) => (p.pathType === 'Exact' ? p.path === url : !!p.path && (p.path === '/' || url === p.path || url.startsWith(p.path.replace(/\/?$/, '/')))));
    for (const p of paths) {
      const b = p.backend.service;
      if (b?.name !== svc?.metadata?.name || !svcPort(b?.port?.name ?? b?.port?.number)) out.push(`${name}: ${p.path} does not lead to the Gyre Service port`);
    }
    for (const url of ['/connection/websocket', '/connection/sockjs/info', '/connection/http_stream', '/connection/sse', '/emulation']) if (!covers(url)) out.push(`${name}: clients cannot reach ${url}`);
    for (const url of ['/api', '/api/publish', '/health', '/metrics', '/admin/auth']) if (covers(url)) out.push(`${name}: exposes ${url}, which stays inside the cluster`);
    const quiet = config.client.ping_interval + config.client.pong_timeout;
    for (const a of ['proxy-read-timeout', 'proxy-send-timeout']) {
      const v = Number(ing.metadata?.annotations?.[`nginx.ingress.kubernetes.io/${a}`]);
      if (!(v > quiet)) out.push(`${name}: ${a} must be more than client.ping_interval + client.pong_timeout (${quiet} s), or nginx cuts live connections`);
    }
  }

  if (of<ISecret>('Secret').length) out.push('a Secret ships in the kustomization; the operator creates it');
  return out;
}

// ---------------------------------------------------------------------------------------------------------

const components = () =>
  fs
    .readdirSync(path.join(k8s, 'optional'))
    .map((d) => path.join(k8s, 'optional', d))
    .filter((d) => fs.existsSync(path.join(d, 'kustomization.yaml')));
/** The base with every optional component: what the checks judge. */
const full = () => render(k8s, components());
const deploymentOf = (objects: Obj[]) => objects.find((o) => o.kind === 'Deployment') as IDeployment;
const gyreOf = (objects: Obj[]): IContainer => deploymentOf(objects).spec!.template.spec!.containers[0]!;

describe('deploy/kubernetes', () => {
  it('parses, and every file is referenced by a kustomization (the example Secret by none)', () => {
    const files = filesUnder(k8s);
    for (const f of files.filter(isYaml)) yamlDocs(f);
    const dirs = files.filter((f) => path.basename(f) === 'kustomization.yaml').map(path.dirname);
    assert.ok(dirs.includes(k8s), 'deploy/kubernetes/kustomization.yaml');
    const referenced = new Map<string, string>();
    for (const dir of dirs) {
      const k = readKustomization(dir);
      if (dir === k8s) assert.equal(k.kind, 'Kustomization');
      for (const { target, as } of references(dir, k)) {
        assert.ok(fs.existsSync(target), `${rel(dir)}/kustomization.yaml names ${rel(target)}, which does not exist`);
        assert.ok(!path.relative(k8s, target).startsWith('..'), `${rel(dir)}/kustomization.yaml reaches outside deploy/kubernetes: ${target}`);
        // A component is a directory; patches and generator sources are files; a resource may be either.
        const isDir = fs.statSync(target).isDirectory();
        if (as === 'component') assert.ok(isDir, `${rel(dir)}: component ${rel(target)} is not a directory`);
        if (as === 'patch' || as === 'generator') assert.ok(!isDir, `${rel(dir)}: ${as} ${rel(target)} is not a file`);
        if (isDir) assert.ok(fs.existsSync(path.join(target, 'kustomization.yaml')), `${rel(target)}: no kustomization.yaml`);
        else referenced.set(target, rel(dir));
      }
    }
    for (const f of files) {
      const name = path.basename(f);
      if (name.endsWith('.example.yaml')) assert.ok(!referenced.has(f), `${rel(f)}: an example, listed by ${referenced.get(f)}`);
      // Kustomizations are the roots: the base is applied, components are opted into (below).
      else if (name !== 'kustomization.yaml') assert.ok(referenced.has(f), `${rel(f)}: no kustomization lists it`);
    }
    // Components are opt-in: named (commented out) in the base kustomization and in the README for operators to find.
    const baseText = fs.readFileSync(path.join(k8s, 'kustomization.yaml'), 'utf8');
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const c of components()) {
      assert.equal(readKustomization(c).kind, 'Component', rel(c));
      assert.ok(baseText.includes(rel(c)), `kustomization.yaml does not mention ${rel(c)}`);
      assert.ok(readme.includes(rel(c)), `README does not mention ${rel(c)}`);
    }
  });

  it('every object is valid for its Kubernetes or prometheus-operator schema', async () => {
    for (const f of filesUnder(k8s).filter(isYaml)) {
      const name = path.basename(f);
      if (name === 'kustomization.yaml') continue;
      const docs = yamlDocs(f);
      // Patches are operation lists, not objects; render() applies them.
      if (docs.length === 1 && Array.isArray(docs[0])) continue;
      await validateAll(docs as Obj[], rel(f));
    }
    await validateAll(full(), 'rendered (generated ConfigMap, patches applied)');
    // A wrong type is caught (these schemas do not reject unknown fields, hence the checks below).
    const broken = full();
    gyreOf(broken).ports![0]!.containerPort = 'http' as unknown as number;
    await assert.rejects(validateAll(broken, 'broken'), /containerPort/);
    // Read as YAML 1.1, an unquoted off is a boolean, which Kubernetes refuses as an annotation.
    const unquoted = parseAllDocuments('apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: x\n  annotations:\n    nginx.ingress.kubernetes.io/proxy-buffering: off\n', { version: '1.1' });
    await assert.rejects(validateAll([(unquoted as { toJS(): unknown }[])[0]!.toJS() as Obj], 'unquoted'), /annotations/);
  });

  it('agrees with Gyre: env names, config file, port, probes, grace period, workers, metrics, Ingress', () => {
    assert.deepEqual(gyreProblems(render(k8s)), []);
    assert.deepEqual(gyreProblems(full()), []);
    const objects = full();
    const env = gyreOf(objects).env ?? [];
    assert.equal(env.find((e) => e.name === 'GYRE_ENGINE')?.value, 'redis');
    for (const e of env) assert.ok(GYRE_ENV.has(e.name), e.name);
    // The image is the documented placeholder, tagged with this version.
    const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
    assert.equal(gyreOf(render(k8s)).image, `ghcr.io/your-org/gyre:${version}`);
  });

  it('ships no secret: only secret.example.yaml, with placeholders and the keys the pod reads', () => {
    const [example, ...more] = yamlDocs(path.join(k8s, 'secret.example.yaml')) as ISecret[];
    assert.ok(example && more.length === 0);
    const values = { ...example.stringData, ...example.data };
    for (const [k, v] of Object.entries(values)) assert.ok(isSecretValue(v), `secret.example.yaml: ${k} must be a placeholder (REPLACE…)`);
    const refs = (gyreOf(render(k8s)).env ?? []).flatMap((e) => (e.valueFrom?.secretKeyRef ? [e.valueFrom.secretKeyRef] : []));
    assert.ok(refs.length >= 4);
    for (const ref of refs) {
      assert.equal(ref.name, example.metadata?.name, 'the Secret the pod reads is the example one');
      assert.ok(ref.key in values, `secret.example.yaml: no key ${ref.key}`);
    }
    for (const o of full()) assert.notEqual(o.kind, 'Secret');
  });

  describe('the checks catch a broken deployment', () => {
    const cases: [string, (objects: Obj[]) => void, RegExp][] = [
      ['a readiness probe on another path', (o) => void (gyreOf(o).readinessProbe!.httpGet!.path = '/healthz'), /readinessProbe/],
      ['a readiness probe on another port', (o) => void (gyreOf(o).readinessProbe!.httpGet!.port = 9000), /readinessProbe/],
      ['a liveness probe on /health', (o) => void (gyreOf(o).livenessProbe = { httpGet: { path: '/health', port: 'http' } }), /livenessProbe/],
      ['an env name Gyre does not know', (o) => void (gyreOf(o).env!.find((e) => e.name === 'GYRE_WORKERS')!.name = 'GYRE_WORKER'), /GYRE_WORKER: not a Gyre/],
      ['a secret as a literal value', (o) => void (gyreOf(o).env!.find((e) => e.name === 'GYRE_API_KEY')!.valueFrom = undefined, (gyreOf(o).env!.find((e) => e.name === 'GYRE_API_KEY')!.value = 'k')), /GYRE_API_KEY: a secret/],
      ['a grace period within shutdown_timeout', (o) => void (deploymentOf(o).spec!.template.spec!.terminationGracePeriodSeconds = 30), /terminationGracePeriodSeconds/],
      ['a container port Gyre does not listen on', (o) => void (gyreOf(o).ports![0]!.containerPort = 8080), /ports: no containerPort 8000/],
      ['workers = 0 (the node\'s cores)', (o) => void (gyreOf(o).env!.find((e) => e.name === 'GYRE_WORKERS')!.value = '0'), /workers/],
      ['more workers than the CPU limit', (o) => void (gyreOf(o).resources!.limits!['cpu'] = '1'), /workers .* CPU limit of 1/],
      ['a ServiceMonitor path Gyre does not serve', (o) => void ((o.find((x) => x.kind === 'ServiceMonitor')!['spec'] as { endpoints: { path: string }[] }).endpoints[0]!.path = '/metric'), /ServiceMonitor: path/],
      ['metrics off in config.json', (o) => setConfig(o, (t) => t.replace('"enabled": true', '"enabled": false')), /metrics.enabled is off/],
      ['a key Gyre does not know in config.json', (o) => setConfig(o, (t) => t.replace('"port": 8000,', '"port": 8000, "bogus": 1,')), /config: Gyre refuses it: .*bogus/],
      ['a secret in config.json', (o) => setConfig(o, (t) => t.replace('"port": 8000,', '"port": 8000, "api": {"key": "k"},')), /api.key is a secret/],
      ['a Redis URL Gyre refuses', (o) => void ((o.find((x) => x.kind === 'ConfigMap')!['data'] as Record<string, string>)['redis-url'] = 'http://redis:6379'), /config: Gyre refuses it/],
      ['a Redis password in the ConfigMap', (o) => void ((o.find((x) => x.kind === 'ConfigMap')!['data'] as Record<string, string>)['redis-url'] = 'redis://:hunter2@redis:6379'), /holds a password/],
      ['--config naming a file that is not mounted', (o) => void (gyreOf(o).args = ['serve', '--config', '/etc/other/config.json']), /not a file of a mounted ConfigMap/],
      ['no writable /tmp under the read-only root filesystem', (o) => void (gyreOf(o).volumeMounts = gyreOf(o).volumeMounts!.filter((m) => m.mountPath !== '/tmp')), /\/tmp/],
      ['an Ingress exposing the server API', (o) => void ((o.find((x) => x.kind === 'Ingress') as IIngress).spec!.rules![0]!.http!.paths[0]!.path = '/'), /exposes \/api/],
      ['an Ingress timeout nginx would cut pings with', (o) => void ((o.find((x) => x.kind === 'Ingress') as IIngress).metadata!.annotations!['nginx.ingress.kubernetes.io/proxy-read-timeout'] = '30'), /proxy-read-timeout/],
      ['fixed replicas beside the autoscaler', (o) => void (deploymentOf(o).spec!.replicas = 3), /fights the autoscaler/],
      ['a Secret in the kustomization', (o) => void o.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'gyre-secrets' }, stringData: { 'api-key': 'k' } }), /a Secret ships/],
    ];
    for (const [what, breakIt, expected] of cases) {
      it(what, () => {
        const objects = full();
        breakIt(objects);
        const problems = gyreProblems(objects);
        assert.ok(problems.some((p) => expected.test(p)), `expected a problem matching ${expected}, got ${JSON.stringify(problems)}`);
      });
    }
  });

  it('builds with kubectl kustomize, alone and with every component in an overlay', { skip: !hasKubectl() && 'kubectl is not installed' }, async () => {
    const base = kustomize(k8s);
    await validateAll(base, 'kubectl kustomize deploy/kubernetes');
    assert.deepEqual(gyreProblems(base), []);
    // An overlay as an operator writes one (README, "Kubernetes"): outside the base, which kustomize requires.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gyre-overlay-'));
    try {
      const up = path.relative(dir, k8s);
      fs.writeFileSync(
        path.join(dir, 'kustomization.yaml'),
        [
          'apiVersion: kustomize.config.k8s.io/v1beta1',
          'kind: Kustomization',
          'namespace: realtime',
          `resources: ["${up}"]`,
          `components: [${components().map((c) => `"${path.relative(dir, c)}"`).join(', ')}]`,
          'images: [{name: ghcr.io/your-org/gyre, newName: registry.example.com/gyre, newTag: "9.9.9"}]',
          'configMapGenerator: [{name: gyre-config, behavior: merge, literals: ["redis-url=redis+sentinel://redis.redis.svc:26379?sentinel_master_name=mymaster"]}]',
          '',
        ].join('\n'),
      );
      const objects = kustomize(dir);
      await validateAll(objects, 'kubectl kustomize (overlay)');
      assert.deepEqual(gyreProblems(objects), []);
      assert.equal(gyreOf(objects).image, 'registry.example.com/gyre:9.9.9');
      const kinds = objects.map((o) => o.kind).sort();
      assert.deepEqual(kinds, ['ConfigMap', 'Deployment', 'HorizontalPodAutoscaler', 'Ingress', 'PodDisruptionBudget', 'Service', 'ServiceMonitor']);
      // The ConfigMap's name carries a hash of its content (changes roll the pods), and the pod follows it.
      const cm = objects.find((o) => o.kind === 'ConfigMap')!;
      assert.match(cm.metadata!.name!, /^gyre-config-[a-z0-9]+$/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

function setConfig(objects: Obj[], edit: (text: string) => string): void {
  const data = objects.find((o) => o.kind === 'ConfigMap')!['data'] as Record<string, string>;
  const before = data['config.json']!;
  data['config.json'] = edit(before);
  assert.notEqual(data['config.json'], before, 'the edit changed nothing');
}

function hasKubectl(): boolean {
  return !spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).error;
}

function kustomize(dir: string): Obj[] {
  const r = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return parseAllDocuments(r.stdout, { version: '1.1' })
    .map((d) => (d as { toJS(): unknown }).toJS() as Obj)
    .filter(Boolean);
}
