/**
 * The deployment files (Dockerfile, deploy/kubernetes, deploy/aws-batch) are
 * only run on a cluster, so their mistakes would show up there: a Job whose
 * completions and --shards disagree, an index that never reaches the CLI, a
 * result folder outside the shared volume, a merge that reads another folder.
 * Here each file is parsed and its commands are expanded the way Kubernetes
 * (`$(VAR)` in args) and the shell (`sh -c` with AWS Batch's variables) would,
 * with a stand-in `node` on PATH that records the arguments the CLI would get.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, parseDocument } from 'yaml';
import { ROOT, runCli } from '../cli/run-cli.js';

/* ------------------------------------------------------------------ helpers */

type Json = any; // parsed manifests: their shape is what the tests check

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const yamlDocs = (path: string): Json[] =>
  parseAllDocuments(read(path))
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors[0].message}`);
      return doc.toJS();
    })
    .filter((doc) => doc != null);
const json = (path: string): Json => JSON.parse(read(path));
const clone = <T>(value: T): T => structuredClone(value);

/** The value after each occurrence of `flag` in an argument list. */
function flagValues(args: readonly string[], flag: string): string[] {
  const values: string[] = [];
  args.forEach((arg, i) => {
    if (arg === flag) values.push(args[i + 1]);
  });
  return values;
}
function flagValue(args: readonly string[], flag: string): string {
  const values = flagValues(args, flag);
  expect(values, `${flag} given once`).toHaveLength(1);
  return values[0];
}

/** Kubernetes' expansion of command and args: $(VAR) from the container's env, $$ escapes, unknown names left as they are. */
function expandKubernetes(arg: string, env: Record<string, string>): string {
  return arg.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (match, name: string | undefined) =>
    name === undefined ? '$' : (env[name] ?? match),
  );
}

/** A folder with a `node` that writes its arguments, one a line, to $ARGS_OUT: what `exec node ...` would have run. */
let fakeBin: string;
let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'apigw-sim-deploy-'));
  fakeBin = join(work, 'bin');
  mkdirSync(fakeBin);
  for (const [name, body] of Object.entries(FAKES)) {
    writeFileSync(join(fakeBin, name), body);
    chmodSync(join(fakeBin, name), 0o755);
  }
});
const FAKES = {
  node: '#!/bin/sh\nprintf \'%s\\n\' "$@" > "$ARGS_OUT"\n',
  // Each call's arguments, one a line, then an empty line; prints a job ID as `--query jobId --output text` would.
  aws: '#!/bin/sh\nprintf \'%s\\n\' "$@" >> "$ARGS_OUT"\necho >> "$ARGS_OUT"\nn=$(grep -c \'^$\' "$ARGS_OUT")\necho "job-$n"\n',
};

let runs = 0;
/** Runs `sh -c script name ...positional` with the fake programs first on PATH; returns their recorded arguments. */
function runShell(argv: readonly string[], env: Record<string, string> = {}): { status: number | null; stderr: string; args: string[] } {
  const out = join(work, `args-${runs++}`);
  writeFileSync(out, '');
  const result = spawnSync(argv[0], argv.slice(1), {
    cwd: work,
    encoding: 'utf8',
    env: { PATH: `${fakeBin}:${process.env.PATH}`, ARGS_OUT: out, ...env },
  });
  return { status: result.status, stderr: result.stderr, args: readFileSync(out, 'utf8').split('\n').slice(0, -1) };
}

/* -------------------------------------------------------------- Dockerfile */

interface Instruction {
  keyword: string;
  rest: string;
}
interface Stage {
  name: string | undefined;
  from: string;
  instructions: Instruction[];
}

function parseDockerfile(text: string): Stage[] {
  const lines = text
    .replace(/\\\n/g, ' ') // continuation lines
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, keyword, rest] = /^(\S+)\s*(.*)$/.exec(line)!;
    if (keyword.toUpperCase() === 'FROM') {
      const [, from, name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest)!;
      stages.push({ name, from, instructions: [] });
    } else {
      stages.at(-1)!.instructions.push({ keyword: keyword.toUpperCase(), rest });
    }
  }
  return stages;
}

/** A stage's instructions after those of the stages it is built FROM, in order. */
function chain(stages: Stage[], stage: Stage): Instruction[] {
  const parent = stages.find((s) => s.name !== undefined && s.name === stage.from);
  return [...(parent ? chain(stages, parent) : []), ...stage.instructions];
}
const last = (instructions: Instruction[], keyword: string) => instructions.filter((i) => i.keyword === keyword).at(-1)?.rest;
const execForm = (rest: string | undefined): unknown => (rest === undefined ? undefined : JSON.parse(rest));
const isRoot = (user: string | undefined) => user === undefined || /^(root|0)(:|$)/.test(user);

const dockerfile = parseDockerfile(read('Dockerfile'));
const imageStage = dockerfile.at(-1)!; // what `docker build .` produces
const batchStage = dockerfile.find((s) => s.name === 'batch');

describe('Dockerfile', () => {
  it('is built on node:24-bookworm-slim (the LTS line; Node 20 reached its end of life in April 2026) in every stage', () => {
    const external = dockerfile.filter((s) => !dockerfile.some((other) => other.name === s.from));
    expect(external.length).toBeGreaterThan(0);
    for (const stage of external) expect(stage.from).toBe('node:24-bookworm-slim');
  });

  it('builds in a stage of its own: npm ci, then the build, then the dev dependencies pruned', () => {
    const build = dockerfile.find((s) => s.instructions.some((i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.rest)))!;
    expect(build).toBeDefined();
    expect(build).not.toBe(imageStage);
    const runs = build.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.rest);
    const at = (pattern: RegExp) => runs.findIndex((r) => pattern.test(r));
    expect(at(/\bnpm ci\b/)).toBeGreaterThanOrEqual(0);
    expect(at(/\bnpm run build\b/)).toBeGreaterThan(at(/\bnpm ci\b/));
    expect(at(/\bnpm prune --omit=dev\b/)).toBeGreaterThan(at(/\bnpm run build\b/));
    expect(runs.join(' ')).toMatch(/libcairo2-dev/);
  });

  it('the image has canvas\'s runtime libraries and no compilers', () => {
    const runs = chain(dockerfile, imageStage).filter((i) => i.keyword === 'RUN').map((i) => i.rest).join(' ');
    for (const lib of ['libcairo2', 'libpango-1.0-0', 'libpangocairo-1.0-0', 'libjpeg62-turbo', 'libgif7', 'librsvg2-2', 'libpixman-1-0']) {
      expect(runs).toContain(` ${lib}`);
    }
    expect(runs).not.toMatch(/-dev\b|build-essential/);
  });

  it('copies what the CLI needs at run time into /app', () => {
    const copies = chain(dockerfile, imageStage).filter((i) => i.keyword === 'COPY').map((i) => i.rest);
    for (const path of ['bin', 'dist', 'node_modules', 'scenarios', 'templates', 'schema', 'package.json']) {
      expect(copies.some((c) => new RegExp(`(^|[\\s/])${path}\\s+\\./${path}$`).test(c)), path).toBe(true);
    }
  });

  it('saves the CLI\'s and the worker\'s code caches as root, before the user that runs the image, and leaves no report behind', () => {
    const instructions = chain(dockerfile, imageStage);
    const warm = instructions.findIndex((i) => i.keyword === 'RUN' && i.rest.startsWith('node bin/apigw-sim.js run '));
    expect(warm).toBeGreaterThan(instructions.findIndex((i) => i.keyword === 'COPY' && /node_modules\s+\.\/node_modules$/.test(i.rest)));
    expect(warm).toBeLessThan(instructions.findIndex((i) => i.keyword === 'USER'));
    const run = instructions[warm].rest;
    // a worker thread, so both bundles are compiled; the report in /tmp, removed; the caches there or the build fails
    expect(run).toMatch(/--replications 2 --workers 1 .*--out \/tmp\/warm-up\s+&&\s+rm -rf \/tmp\/warm-up/);
    expect(run).toContain('node_modules/.cache/apigw-sim/apigw-sim.bundle.cjs-');
    expect(run).toContain('node_modules/.cache/apigw-sim/replication-worker.bundle.cjs-');
    expect(read('src/io/bundle-loader.ts')).toContain("packageFile('node_modules', '.cache', 'apigw-sim')");
  });

  it('runs the CLI as its ENTRYPOINT, as a user that is not root', () => {
    const instructions = chain(dockerfile, imageStage);
    expect(execForm(last(instructions, 'ENTRYPOINT'))).toEqual(['node', '/app/bin/apigw-sim.js']);
    // the CLI's bundle, which the build makes inside dist/ (or the compiled modules, without one)
    expect(read('bin/apigw-sim.js')).toContain("'../dist/cli/apigw-sim.bundle.cjs'");
    expect(read('bin/apigw-sim.js')).toContain("'../dist/cli/main.js'");
    expect(isRoot(last(instructions, 'USER'))).toBe(false);
  });

  it('has a `batch` image with no entrypoint (AWS Batch can only replace CMD), also not root', () => {
    expect(batchStage).toBeDefined();
    const instructions = chain(dockerfile, batchStage!);
    expect(execForm(last(instructions, 'ENTRYPOINT'))).toEqual([]);
    expect(isRoot(last(instructions, 'USER'))).toBe(false);
  });

  it('.dockerignore keeps local builds, reports and git out of the build context', () => {
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim());
    for (const entry of ['node_modules', 'dist', 'reports', '.git']) expect(ignored).toContain(entry);
    // ... but not what the build copies
    for (const needed of ['src', 'bin', 'scenarios', 'package.json', 'package-lock.json', 'tsconfig.json']) {
      expect(ignored).not.toContain(needed);
    }
    // the build script, let back in after scripts/ (docker's last matching line wins)
    expect(ignored.lastIndexOf('!scripts/build.js')).toBeGreaterThan(ignored.indexOf('scripts'));
    expect(chain(dockerfile, dockerfile.find((s) => s.name === 'build')!).some((i) => i.keyword === 'COPY' && /^scripts\/build\.js\s/.test(i.rest))).toBe(true);
  });
});

/* -------------------------------------------------------------- Kubernetes */

const SWEEP = 'deploy/kubernetes/sweep-job.yaml';
const MERGE = 'deploy/kubernetes/merge-job.yaml';
const READER = 'deploy/kubernetes/results-reader.yaml';
const imageUid = Number(last(chain(dockerfile, imageStage), 'USER')!.split(':')[0]);

const byKind = (docs: Json[], kind: string) => docs.filter((d) => d.kind === kind);
const only = (docs: Json[], kind: string) => {
  const found = byKind(docs, kind);
  expect(found, kind).toHaveLength(1);
  return found[0];
};
const volumeMountPath = (podSpec: Json, container: Json, claim: string): string | undefined => {
  const volume = podSpec.volumes?.find((v: Json) => v.persistentVolumeClaim?.claimName === claim);
  return volume && container.volumeMounts?.find((m: Json) => m.name === volume.name)?.mountPath;
};
const under = (path: string, dir: string) => posix.normalize(path).startsWith(`${posix.normalize(dir)}/`);

/** Everything the brief and Kubernetes require of the sweep's Indexed Job; throws (an expect) at the first mismatch. */
function checkSweepJob(docs: Json[]): void {
  const job = only(docs, 'Job');
  expect(job.apiVersion).toBe('batch/v1');
  expect(job.spec.completionMode).toBe('Indexed');
  const pod = job.spec.template.spec;
  expect(pod.containers).toHaveLength(1);
  const container = pod.containers[0];

  // no `command`: the image's ENTRYPOINT runs the CLI, the args are its arguments
  expect(container.command).toBeUndefined();
  const args: string[] = container.args;
  expect(args[0]).toBe('shard');

  // N: completions and --shards
  const shards = Number(flagValue(args, '--shards'));
  expect(Number.isInteger(shards) && shards >= 1).toBe(true);
  expect(job.spec.completions).toBe(shards);
  expect(job.spec.parallelism).toBeGreaterThanOrEqual(1);
  expect(job.spec.parallelism).toBeLessThanOrEqual(shards);
  expect(job.spec.backoffLimit).toBeGreaterThanOrEqual(0);
  expect(job.spec.ttlSecondsAfterFinished).toBeGreaterThan(0);
  expect(pod.restartPolicy).toBe('Never');

  // I: the completion index, declared in env so that $(JOB_COMPLETION_INDEX) is expanded
  expect(flagValue(args, '--index')).toBe('$(JOB_COMPLETION_INDEX)');
  const indexEnv = container.env?.find((e: Json) => e.name === 'JOB_COMPLETION_INDEX');
  expect(indexEnv?.valueFrom?.fieldRef?.fieldPath).toBe("metadata.annotations['batch.kubernetes.io/job-completion-index']");

  // --out: one folder per index, all on the shared ReadWriteMany volume
  const claim = only(docs, 'PersistentVolumeClaim');
  expect(claim.spec.accessModes).toContain('ReadWriteMany');
  const results = volumeMountPath(pod, container, claim.metadata.name);
  expect(results, 'the results claim is mounted').toBeDefined();
  const outs = Array.from({ length: shards }, (_, i) => expandKubernetes(flagValue(args, '--out'), { JOB_COMPLETION_INDEX: String(i) }));
  expect(new Set(outs).size).toBe(shards);
  for (const out of outs) expect(under(out, results!), out).toBe(true);

  // one CPU a pod, one worker thread
  expect(String(container.resources.requests.cpu)).toBe('1');
  expect(flagValue(args, '--workers')).toBe('1');

  // not root, as the image's user
  expect(pod.securityContext.runAsNonRoot).toBe(true);
  expect(pod.securityContext.runAsUser).toBe(imageUid);
}

describe('deploy/kubernetes/sweep-job.yaml', () => {
  const docs = yamlDocs(SWEEP);

  it('is an Indexed Job with completions = --shards, the index from JOB_COMPLETION_INDEX and --out on the shared volume', () => {
    checkSweepJob(docs);
  });

  it('would be refused with completions and --shards apart, a fixed --index or --out off the volume', () => {
    const mutate = (change: (job: Json) => void) => {
      const copy = clone(docs);
      change(byKind(copy, 'Job')[0]);
      return copy;
    };
    const args = (job: Json): string[] => job.spec.template.spec.containers[0].args;
    const set = (job: Json, flag: string, value: string) => (args(job)[args(job).indexOf(flag) + 1] = value);
    expect(() => checkSweepJob(mutate((job) => (job.spec.completions += 1)))).toThrow();
    expect(() => checkSweepJob(mutate((job) => set(job, '--shards', '4')))).toThrow();
    expect(() => checkSweepJob(mutate((job) => set(job, '--index', '0')))).toThrow();
    expect(() => checkSweepJob(mutate((job) => set(job, '--index', '$JOB_COMPLETION_INDEX')))).toThrow();
    expect(() => checkSweepJob(mutate((job) => set(job, '--out', '/tmp/shard-$(JOB_COMPLETION_INDEX)')))).toThrow();
    expect(() => checkSweepJob(mutate((job) => set(job, '--out', '/results/shard')))).toThrow();
    expect(() => checkSweepJob(mutate((job) => (job.spec.completionMode = 'NonIndexed')))).toThrow();
    expect(() => checkSweepJob(mutate((job) => delete job.spec.template.spec.containers[0].env))).toThrow();
  });

  it('mounts the ConfigMap at the scenario\'s folder, and the scenario is the shipped example', () => {
    const job = only(docs, 'Job');
    const pod = job.spec.template.spec;
    const container = pod.containers[0];
    const scenario: string = container.args[1];
    const configMap = only(docs, 'ConfigMap');
    const volume = pod.volumes.find((v: Json) => v.configMap?.name === configMap.metadata.name);
    const mount = container.volumeMounts.find((m: Json) => m.name === volume.name);
    expect(posix.dirname(scenario)).toBe(mount.mountPath);
    const text = configMap.data[posix.basename(scenario)];
    expect(text, `${posix.basename(scenario)} in the ConfigMap`).toBeDefined();
    // the same file the image ships (and AWS Batch runs), so the two cannot drift apart
    expect(text).toBe(read(`scenarios/${posix.basename(scenario)}`));
  });

  it('sweeps values the scenario accepts (each --set value, a range\'s two ends)', () => {
    const args: string[] = only(docs, 'Job').spec.template.spec.containers[0].args;
    const sets = flagValues(args, '--set').map((s) => {
      const [, path, values] = /^([\w.]+)=(.+)$/.exec(s)!;
      const range = /^(.+)\.\.(.+):\d+$/.exec(values);
      return { path: path.split('.'), values: range ? [range[1], range[2]] : values.split(',') };
    });
    expect(sets.length).toBeGreaterThan(0);
    const base = read('scenarios/rest-lambda-sweep.yaml');
    let combos: Array<Array<[string[], string]>> = [[]];
    for (const set of sets) combos = combos.flatMap((c) => set.values.map((v) => [...c, [set.path, v] as [string[], string]]));
    combos.forEach((combo, i) => {
      const doc = parseDocument(base);
      for (const [path, value] of combo) {
        expect(doc.hasIn(path), `${path.join('.')} is in the scenario`).toBe(true);
        doc.setIn(path, value);
      }
      const file = join(work, `point-${i}.yaml`);
      writeFileSync(file, doc.toString());
      const result = runCli(['validate', file]);
      expect(result.status, `${combo.map(([p, v]) => `${p.join('.')}=${v}`).join(' ')}: ${result.stderr}`).toBe(0);
    });
  });
});

describe('deploy/kubernetes/merge-job.yaml', () => {
  const sweep = yamlDocs(SWEEP);
  const sweepJob = only(sweep, 'Job');
  const sweepContainer = sweepJob.spec.template.spec.containers[0];
  const claim = only(sweep, 'PersistentVolumeClaim').metadata.name;
  const sweepResults = volumeMountPath(sweepJob.spec.template.spec, sweepContainer, claim)!;
  const merge = only(yamlDocs(MERGE), 'Job');
  const container = merge.spec.template.spec.containers[0];

  it('is a plain Job of the same image on the same volume', () => {
    expect(merge.apiVersion).toBe('batch/v1');
    expect(merge.spec.completionMode ?? 'NonIndexed').toBe('NonIndexed');
    expect(container.image).toBe(sweepContainer.image);
    expect(volumeMountPath(merge.spec.template.spec, container, claim)).toBe(sweepResults);
    expect(merge.spec.template.spec.securityContext.runAsUser).toBe(imageUid);
  });

  it('merges exactly the folders the shards wrote (its glob, expanded by its shell), next to them', () => {
    expect(container.command.slice(0, 2)).toEqual(['sh', '-c']);
    const shards = Number(flagValue(sweepContainer.args, '--shards'));
    // the shard folders as the sweep writes them, plus what must not be merged
    const results = join(work, 'k8s-results');
    const outs = Array.from({ length: shards }, (_, i) =>
      expandKubernetes(flagValue(sweepContainer.args, '--out'), { JOB_COMPLETION_INDEX: String(i) }).replace(sweepResults, results),
    );
    for (const out of outs) mkdirSync(out, { recursive: true });
    mkdirSync(join(results, '.shard-3.77.tmp')); // a shard being written, or killed mid-way
    mkdirSync(join(results, 'merged')); // an earlier merge

    const script: string = container.command[2].replaceAll(sweepResults, results);
    const { status, args } = runShell(['sh', '-c', script]);
    expect(status).toBe(0);
    expect(args.slice(0, 2)).toEqual(['/app/bin/apigw-sim.js', 'merge']);
    const out = flagValue(args, '--out');
    const inputs = args.slice(2, args.indexOf('--out'));
    expect([...inputs].sort()).toEqual([...outs].sort());
    expect(under(out, results)).toBe(true);
  });

  it('the results reader mounts the same claim', () => {
    const pod = only(yamlDocs(READER), 'Pod');
    expect(volumeMountPath(pod.spec, pod.spec.containers[0], claim)).toBe(sweepResults);
  });
});

/* --------------------------------------------------------------- AWS Batch */

const SHARD_DEFINITION = 'deploy/aws-batch/job-definition.json';
const MERGE_DEFINITION = 'deploy/aws-batch/merge-job-definition.json';
const SUBMIT = join(ROOT, 'deploy/aws-batch/submit.sh');

/** The container's argv as AWS Batch starts it: each "Ref::name" element replaced by the job's (or the definition's default) parameter. */
function substitute(definition: Json, parameters: Record<string, string>): string[] {
  return definition.containerProperties.command.map((arg: string) => {
    const name = /^Ref::(\w+)$/.exec(arg)?.[1];
    if (name === undefined) return arg;
    const value = parameters[name] ?? definition.parameters?.[name];
    expect(value, `parameter ${name}`).toBeDefined();
    return value;
  });
}

/** Submit-job arguments (`--flag value` pairs) into a map. */
function options(call: string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (let i = 2; i < call.length; i += 2) map[call[i].replace(/^--/, '')] = call[i + 1];
  return map;
}
const shorthand = (text: string) => Object.fromEntries(text.split(',').map((kv) => kv.split('=') as [string, string]));

function checkShardDefinition(definition: Json, arraySize: number, parameters: Record<string, string> = {}): string[] {
  expect(definition.type).toBe('container');
  const argv = substitute(definition, parameters);
  expect(argv.slice(0, 2)).toEqual(['sh', '-c']);
  expect(argv[2]).toMatch(/\$\{?AWS_BATCH_JOB_ARRAY_INDEX\b/);
  const index = arraySize - 1;
  const { status, stderr, args } = runShell(argv, { AWS_BATCH_JOB_ARRAY_INDEX: String(index), AWS_BATCH_JOB_ARRAY_SIZE: String(arraySize) });
  expect(status, stderr).toBe(0);
  expect(args.slice(0, 2)).toEqual(['/app/bin/apigw-sim.js', 'shard']);
  expect(flagValue(args, '--shards')).toBe(String(arraySize));
  expect(flagValue(args, '--index')).toBe(String(index));
  const out = flagValue(args, '--out');
  expect(posix.basename(out)).toBe(`shard-${index}`);
  const mounts = definition.containerProperties.mountPoints.map((m: Json) => m.containerPath);
  expect(mounts.some((m: string) => under(out, m)), `${out} on a mounted volume`).toBe(true);
  expect(flagValue(args, '--workers')).toBe('1');
  return args;
}

describe('deploy/aws-batch', () => {
  const shard = json(SHARD_DEFINITION);
  const merge = json(MERGE_DEFINITION);

  it('the shard job takes --index from AWS_BATCH_JOB_ARRAY_INDEX and --shards from the array\'s size', () => {
    checkShardDefinition(shard, 8);
    checkShardDefinition(shard, 3);
  });

  it('would be refused with a fixed --shards that is not the array size, or a fixed --index', () => {
    const withScript = (edit: (script: string) => string) => {
      const copy = clone(shard);
      copy.containerProperties.command[2] = edit(copy.containerProperties.command[2]);
      return copy;
    };
    expect(() => checkShardDefinition(withScript((s) => s.replace('"$AWS_BATCH_JOB_ARRAY_SIZE"', '8')), 6)).toThrow();
    expect(() => checkShardDefinition(withScript((s) => s.replace('--index "$AWS_BATCH_JOB_ARRAY_INDEX"', '--index 0')), 6)).toThrow();
    expect(() => checkShardDefinition(withScript((s) => s.replace('"$3/shard-', '"/tmp/shard-')), 6)).toThrow();
  });

  it('asks for 1 vCPU and some memory per shard, and writes to an EFS volume through an access point', () => {
    for (const definition of [shard, merge]) {
      const resources = Object.fromEntries(definition.containerProperties.resourceRequirements.map((r: Json) => [r.type, r.value]));
      expect(Number(resources.MEMORY)).toBeGreaterThan(0);
      const [volume] = definition.containerProperties.volumes;
      const efs = volume.efsVolumeConfiguration;
      expect(efs.fileSystemId).toMatch(/^fs-/);
      // an access point requires transit encryption and the root directory left to it
      expect(efs.authorizationConfig.accessPointId).toMatch(/^fsap-/);
      expect(efs.transitEncryption).toBe('ENABLED');
      expect(efs.rootDirectory ?? '/').toBe('/');
      expect(definition.containerProperties.mountPoints).toEqual([{ sourceVolume: volume.name, containerPath: '/results', readOnly: false }]);
    }
    expect(shard.containerProperties.resourceRequirements).toContainEqual({ type: 'VCPU', value: '1' });
    expect(merge.containerProperties.image).toBe(shard.containerProperties.image);
    expect(merge.containerProperties.volumes).toEqual(shard.containerProperties.volumes);
  });

  it('submit.sh submits an array job of SHARDS children and a merge that depends on the whole array', () => {
    const { status, stderr, args } = runShell([SUBMIT], { JOB_QUEUE: 'queue', SHARDS: '6', RUN: 'test-run' });
    expect(status, stderr).toBe(0);
    const calls: string[][] = [];
    for (let rest = args; rest.length > 0; rest = rest.slice(rest.indexOf('') + 1)) calls.push(rest.slice(0, rest.indexOf('')));
    expect(calls).toHaveLength(2);
    const [array, then] = calls.map(options);
    expect(calls.map((c) => c.slice(0, 2))).toEqual([['batch', 'submit-job'], ['batch', 'submit-job']]);

    expect(array['job-definition']).toBe(shard.jobDefinitionName);
    expect(array['array-properties']).toBe('size=6');
    expect(then['job-definition']).toBe(merge.jobDefinitionName);
    expect(then['array-properties']).toBeUndefined();
    // on the parent's ID and with no type: waits for every child (SEQUENTIAL or N_TO_N would not)
    expect(then['depends-on']).toBe('jobId=job-1');

    // each child, as Batch would start it with these parameters, runs its slice of 6 into the run's folder
    const parameters = shorthand(array.parameters);
    const shardArgs = checkShardDefinition(shard, 6, parameters);
    expect(posix.dirname(flagValue(shardArgs, '--out'))).toBe('/results/test-run');
    expect(shorthand(then.parameters).out).toBe(parameters.out);
  });

  it('the merge job merges that run\'s shard folders into its `merged` folder', () => {
    const run = join(work, 'batch-run');
    for (let i = 0; i < 3; i++) mkdirSync(join(run, `shard-${i}`), { recursive: true });
    mkdirSync(join(run, '.shard-1.42.tmp'));
    const argv = substitute(merge, { out: run });
    expect(argv.slice(0, 2)).toEqual(['sh', '-c']);
    const { status, args } = runShell(argv);
    expect(status).toBe(0);
    expect(args.slice(0, 2)).toEqual(['/app/bin/apigw-sim.js', 'merge']);
    expect(args.slice(2, args.indexOf('--out')).sort()).toEqual([0, 1, 2].map((i) => join(run, `shard-${i}`)));
    expect(flagValue(args, '--out')).toBe(join(run, 'merged'));
  });

  it('submit.sh refuses an array size AWS Batch does not accept', () => {
    for (const shards of ['1', '10001', 'eight', '-3']) {
      const { status, stderr, args } = runShell([SUBMIT], { JOB_QUEUE: 'queue', SHARDS: shards });
      expect(status, `SHARDS=${shards}`).toBe(2);
      expect(stderr).toMatch(/SHARDS/);
      expect(args).toEqual([]); // nothing submitted
    }
  });

  it('the job definitions run on the `batch` image (no entrypoint), whose `sh -c` is theirs to give', () => {
    expect(shard.containerProperties.image).toMatch(/-batch$/);
    expect(execForm(last(chain(dockerfile, batchStage!), 'ENTRYPOINT'))).toEqual([]);
  });
});
