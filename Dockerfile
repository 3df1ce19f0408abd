# Renja Ledger API for deployments with their own PostgreSQL (see docker-compose.yml).
FROM node:20-bookworm-slim AS build
# No install-time analytics calls from dependencies (swagger-ui-dist pulls in @scarf/scarf).
ENV SCARF_ANALYTICS=false
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000 RENJA_DATA_DIR=/var/lib/renja-ledger
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
# Import templates and the built-in sample (import it with: renja-ledger import data/samples/dkukm-babel --token ...)
COPY --from=build /app/data ./data
COPY package.json ./
RUN mkdir -p /var/lib/renja-ledger && chown node:node /var/lib/renja-ledger
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
