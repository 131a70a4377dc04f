# Park Portal: production image (ADR 0015). Multi-stage: build with dev dependencies, then a
# slim runtime with production dependencies only, run as a non-root user.
#   docker build -t park-portal .
#   docker compose up            (PostgreSQL, two app containers, nginx on :8080)

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
# HOST=0.0.0.0: reachable from outside the container, so always a shared start (ADR 0018).
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    PRINT_BANNER=false
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/build ./build
COPY --from=build --chown=node:node /app/public ./public
COPY --chown=node:node package.json tsconfig.json server.js server.ts ./
COPY --chown=node:node app ./app
COPY --chown=node:node db ./db
COPY --chown=node:node scripts ./scripts
USER node
EXPOSE 3000
# /healthz answers 200 when the database answers, 503 when not. No curl in the slim image:
# Node's own fetch does the check.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# server.ts (through server.js) handles SIGTERM itself (finishes requests in flight, closes the pool, exits 0).
CMD ["node", "server.js"]
