# syntax=docker/dockerfile:1
# HSS scan gateway image. The same image also runs the standalone HSS sandbox
# (docker-compose.yml overrides the command), so both ship from one build.
ARG NODE_IMAGE=node:22-bookworm-slim

# ---- build: install everything, compile, then drop dev dependencies ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# swagger-ui-dist pulls in @scarf/scarf, whose install script reports to a third party.
ENV SCARF_ANALYTICS=false
# better-sqlite3 normally downloads a prebuilt binary; these tools are the
# fallback that compiles it when no prebuilt matches the platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
# Manifests first: the dependency layer is reused until the lockfile changes.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
# Everything tsconfig.build.json compiles (bench and test/support are part of it).
COPY tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
COPY scripts ./scripts
COPY bench ./bench
COPY test/support ./test/support
RUN npm run build \
 && rm -rf dist/bench dist/test \
 && npm prune --omit=dev

# ---- runtime: compiled code, production node_modules, bundled config ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
# Files stay owned by root: the unprivileged process can read its code but not change it.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Demo policy and sandbox host inventory; production mounts its own POLICY_FILE.
COPY config ./config
USER node
EXPOSE 3000
# The slim image has no curl: Node's built-in fetch does the probe.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Run with an init process (`docker run --init`, compose `init: true`): Node as
# PID 1 does not act on SIGTERM, so `docker stop` would wait for SIGKILL.
CMD ["node", "dist/apps/gateway/src/main.js"]
