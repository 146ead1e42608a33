# One image for all four services; APP picks which one runs (gateway, content, cohorts, scheduler).
FROM node:20-bookworm-slim AS build
WORKDIR /tend
COPY package.json package-lock.json .npmrc ./
RUN npm install --no-audit --no-fund
COPY tsconfig*.json ./
COPY apps apps
COPY libs libs
COPY migrations migrations
# The web app is bundled at build time (preact and the rest are devDependencies); the gateway serves dist/web.
RUN npx tsc -p tsconfig.build.json && npm run build:web && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production TS_NODE_PROJECT=/tend/tsconfig.runtime.json HOST=0.0.0.0
WORKDIR /tend
COPY --from=build /tend/node_modules node_modules
COPY --from=build /tend/dist dist
COPY tsconfig.runtime.json package.json ./
COPY tools/local-infra/service-login.cjs tools/local-infra/service-login.cjs
COPY apps/gateway/supergraph.graphql apps/gateway/supergraph.graphql
USER node
ENV APP=gateway
CMD ["sh", "-c", "exec node -r tsconfig-paths/register dist/apps/$APP/src/main.js"]
