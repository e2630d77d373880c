# apigw-sim as a container image: the CLI and nothing else, so that a big
# sweep can run as many `apigw-sim shard` processes on many machines
# (deploy/README.md).
#
#   docker build -t apigw-sim .
#   docker run --rm --init -v "$PWD:/work" apigw-sim run /app/scenarios/rest-lambda-basic.yaml
#
#   docker build --target batch -t apigw-sim:batch .    # for AWS Batch, see below
#
# The first stage has the compilers and -dev headers that the optional
# `canvas` package (PNG charts) may need to build; the image itself has only
# the shared libraries it links against at run time.
#
# Node 24, the current LTS line (Node 20 reached its end of life in April
# 2026). apigw-sim itself runs on Node 20 or newer (package.json engines;
# CI runs the tests on the Node the machine has).

FROM node:24-bookworm-slim AS build

# canvas first tries a prebuilt binary (prebuild-install); where none matches
# the platform it compiles against these with node-gyp, which needs python3.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      build-essential python3 \
      libcairo2-dev libpango1.0-dev libjpeg-dev libgif-dev librsvg2-dev libpixman-1-dev \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# `npm ci` runs the package's `prepare` script (which builds), so the sources,
# the TypeScript configuration and the build script must be there before it.
COPY package.json package-lock.json tsconfig.json ./
COPY src ./src
# the build writes src/ to dist/ and bundles the CLI into one file (scripts/build.js)
COPY scripts/build.js ./scripts/

# Exactly the lockfile; the build, explicitly (it is what this stage is for,
# not a side effect of `prepare`); then drop the dev dependencies (TypeScript,
# vitest...) so that only what the CLI needs is copied into the image.
RUN npm ci --no-audit --no-fund
RUN npm run build
RUN npm prune --omit=dev --no-audit --no-fund


FROM node:24-bookworm-slim AS base

# The shared libraries a compiled canvas links against, and one font so that
# the charts' axis labels are drawn (bookworm-slim has no fonts at all).
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libcairo2 libpango-1.0-0 libpangocairo-1.0-0 libjpeg62-turbo libgif7 librsvg2-2 libpixman-1-0 \
      fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*

ENV NODE_ENV=production

# The program, owned by root: the user that runs it cannot change it.
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/dist ./dist
COPY --from=build /app/node_modules ./node_modules
COPY bin ./bin
COPY scenarios ./scenarios
COPY templates ./templates
COPY schema ./schema

# V8's compiled code of the CLI and of a worker thread (src/io/bundle-loader.ts),
# made once here by a short replicated run, as root: the user that runs the
# image reads it and cannot change it, and every container (a sweep's shards)
# starts from it instead of compiling the bundle again.
RUN node bin/apigw-sim.js run scenarios/rest-lambda-basic.yaml --replications 2 --workers 1 --quiet --out /tmp/warm-up \
 && rm -rf /tmp/warm-up \
 && ls node_modules/.cache/apigw-sim/apigw-sim.bundle.cjs-* node_modules/.cache/apigw-sim/replication-worker.bundle.cjs-*

# Reports are written under the working directory unless --out says
# otherwise: give the runtime user a folder of its own (mount a volume there).
RUN mkdir /work && chown 1000:1000 /work
WORKDIR /work

# Not root: the base image's `node` user (uid 1000), given as numbers so that
# Kubernetes' runAsNonRoot can check it without reading /etc/passwd.
USER 1000:1000


# AWS Batch passes a job definition's `command` as the image's CMD and has no
# way to replace its ENTRYPOINT; its array jobs give each child its index only
# in an environment variable, which a shell must expand. So the Batch image has
# no entrypoint and its jobs run `sh -c "exec node /app/bin/apigw-sim.js ..."`
# (deploy/aws-batch/job-definition.json).
FROM base AS batch
ENTRYPOINT []
CMD ["node", "/app/bin/apigw-sim.js", "--help"]


# The default image (the last stage): `docker run apigw-sim <command> ...`.
FROM base AS runtime
ENTRYPOINT ["node", "/app/bin/apigw-sim.js"]
CMD ["--help"]
