FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY schema schema
COPY services services
COPY infra infra
ENV NODE_ENV=production
EXPOSE 4000
CMD ["node", "--import", "tsx", "infra/main.ts"]
