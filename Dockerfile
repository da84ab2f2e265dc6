# Gyre server image: build with the dev toolchain, ship only the compiled server and runtime dependencies.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
COPY scripts ./scripts
COPY proto ./proto
COPY src ./src
COPY ui ./ui
# `npm ci` runs the `prepare` script, which compiles TypeScript into dist/.
RUN npm ci && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
COPY --from=build /app/dist/ui ./dist/ui
COPY ui/static ./ui/static
COPY config ./config
COPY lua ./lua
# The GRPC server API's schema, loaded at start when grpc_api.enabled.
COPY proto/api.proto proto/LICENSE-centrifugo ./proto/
USER node
EXPOSE 8000
HEALTHCHECK --interval=5s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8000/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "dist/src/cli.js"]
CMD ["serve"]
