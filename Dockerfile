# syntax=docker/dockerfile:1
# One image, several roles: `scout serve` (Slack app; the default), `scout serve --role web`,
# and the CLI (`docker run … scout ask "…"`).

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only; tsx (a runtime dependency) runs the TypeScript sources.
RUN npm ci --omit=dev --no-audit --no-fund || npm install --omit=dev --no-audit --no-fund --no-save

FROM node:20-bookworm-slim AS sample
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY src ./src
COPY handlers ./handlers
COPY data ./data
COPY prompts ./prompts
# The embedded sample warehouse, built once at image build time (deterministic: seed 42, scale 1).
RUN node bin/scout.js warehouse build --force

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DUCKDB_PATH=/app/data/warehouse.duckdb
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node package.json manifest.yml ./
COPY --chown=node:node bin ./bin
COPY --chown=node:node src ./src
COPY --chown=node:node handlers ./handlers
COPY --chown=node:node prompts ./prompts
COPY --chown=node:node data ./data
COPY --from=sample --chown=node:node /app/data/warehouse.duckdb ./data/warehouse.duckdb
USER node
EXPOSE 3000
# /healthz answers 200 when Redis is reachable (Socket Mode serves it on PORT too). A
# `serve --role worker` container has no HTTP server: run it with --no-healthcheck.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["node", "bin/scout.js"]
CMD ["serve"]
