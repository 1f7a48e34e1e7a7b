// Fixture Dockerfiles per advice rule: ones that trigger it and ones that must not.
import type { AdviceRuleId } from '../../../../src-main/contract/dto/advice';

export interface RuleFixtures {
  rule: AdviceRuleId;
  /** Dockerfiles that break the rule, with the line (1-based) the finding starts at. */
  triggers: Array<{ dockerfile: string; line: number }>;
  clean: string[];
}

const df = (...lines: string[]) => `${lines.join('\n')}\n`;

export const RULE_FIXTURES: RuleFixtures[] = [
  {
    rule: 'context-copied-before-install',
    triggers: [
      { dockerfile: df('FROM node:20', 'WORKDIR /app', 'COPY . .', 'RUN npm ci', 'CMD ["node", "."]'), line: 3 },
      { dockerfile: df('FROM python:3.12', 'ADD . /src', 'RUN pip install -r /src/requirements.txt'), line: 2 },
      { dockerfile: df('FROM golang:1.22', 'COPY ./ ./', 'RUN go mod download && go build ./...'), line: 2 },
      { dockerfile: df('FROM ruby:3', 'COPY . .', 'RUN gem update', 'RUN bundle install'), line: 2 },
      { dockerfile: df('FROM maven:3', 'COPY . /build', 'RUN mvn -B package'), line: 2 },
    ],
    clean: [
      df('FROM node:20', 'COPY package.json package-lock.json ./', 'RUN npm ci', 'COPY . .', 'CMD ["node", "."]'),
      df('FROM node:20 AS build', 'COPY . .', 'RUN npm run build'),
      df('FROM node:20', 'COPY . .', 'RUN npm install -g pm2'),
      df('FROM golang:1.22 AS build', 'RUN echo', 'FROM alpine:3', 'COPY --from=build . .', 'RUN go mod download'),
    ],
  },
  {
    rule: 'package-cache-kept',
    triggers: [
      {
        dockerfile: df('FROM debian:12', 'RUN apt-get update && apt-get install -y --no-install-recommends curl'),
        line: 2,
      },
      { dockerfile: df('FROM alpine:3', 'RUN apk add curl'), line: 2 },
      { dockerfile: df('FROM python:3', 'RUN pip install flask'), line: 2 },
      { dockerfile: df('FROM fedora:40', 'RUN dnf install -y gcc'), line: 2 },
      { dockerfile: df('FROM node:20', 'RUN npm install -g pm2'), line: 2 },
      {
        dockerfile: df(
          'FROM debian:12',
          'RUN apt-get update \\',
          '  && apt-get install -y --no-install-recommends curl',
          'RUN rm -rf /var/lib/apt/lists/*',
        ),
        line: 2,
      },
    ],
    clean: [
      df(
        'FROM debian:12',
        'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
      ),
      df('FROM alpine:3', 'RUN apk add --no-cache curl'),
      df('FROM python:3', 'RUN pip install --no-cache-dir flask'),
      df('FROM python:3', 'ENV PIP_NO_CACHE_DIR=1', 'RUN python3 -m pip install flask'),
      df('FROM fedora:40', 'RUN dnf install -y gcc && dnf clean all'),
      df('FROM node:20', 'RUN npm install -g pm2 && npm cache clean --force'),
      df(
        'FROM debian:12',
        'RUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y --no-install-recommends curl',
      ),
    ],
  },
  {
    rule: 'build-tools-in-final-stage',
    triggers: [
      { dockerfile: df('FROM alpine:3', 'RUN apk add --no-cache gcc musl-dev make'), line: 2 },
      {
        dockerfile: df(
          'FROM debian:12 AS build',
          'RUN echo',
          'FROM debian:12',
          'RUN apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*',
        ),
        line: 4,
      },
    ],
    clean: [
      df('FROM alpine:3 AS build', 'RUN apk add --no-cache gcc make', 'FROM alpine:3', 'COPY --from=build /out /out'),
      df('FROM alpine:3', 'RUN apk add --no-cache --virtual .build-deps gcc musl-dev && make && apk del .build-deps'),
      df('FROM alpine:3', 'RUN apk add --no-cache curl'),
    ],
  },
  {
    rule: 'consecutive-runs',
    triggers: [
      { dockerfile: df('FROM alpine:3', 'WORKDIR /a', 'RUN echo one', 'RUN echo two', 'RUN echo three'), line: 3 },
    ],
    clean: [
      df('FROM alpine:3', 'RUN echo one', 'COPY a /a', 'RUN echo two'),
      df('FROM alpine:3', 'RUN echo one && echo two'),
    ],
  },
  {
    rule: 'runs-as-root',
    triggers: [
      { dockerfile: df('FROM alpine:3', 'CMD ["sh"]'), line: 1 },
      { dockerfile: df('FROM alpine:3', 'USER app', 'RUN id', 'USER root'), line: 4 },
      { dockerfile: df('FROM alpine:3 AS build', 'USER app', 'FROM alpine:3', 'USER 0:0'), line: 4 },
    ],
    clean: [df('FROM alpine:3', 'USER root', 'RUN adduser -D app', 'USER app'), df('FROM alpine:3', 'USER 1000:1000')],
  },
  {
    rule: 'add-instead-of-copy',
    triggers: [{ dockerfile: df('FROM alpine:3', 'ADD app.py /app/'), line: 2 }],
    clean: [
      df('FROM alpine:3', 'ADD rootfs.tar.gz /'),
      df('FROM alpine:3', 'ADD https://example.com/tool /usr/local/bin/tool'),
      df('FROM alpine:3', 'COPY app.py /app/'),
    ],
  },
  {
    rule: 'unpinned-base-image',
    triggers: [
      { dockerfile: df('FROM ubuntu'), line: 1 },
      { dockerfile: df('FROM ubuntu:latest'), line: 1 },
      { dockerfile: df('FROM registry.local:5000/team/base'), line: 1 },
      { dockerfile: df('ARG BASE=node', 'FROM ${BASE}'), line: 2 },
      { dockerfile: df('ARG VERSION=latest', 'FROM node:${VERSION}'), line: 2 },
    ],
    clean: [
      df('FROM ubuntu:24.04'),
      df('FROM scratch'),
      df('FROM ubuntu@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'),
      df('FROM golang:1.22 AS build', 'FROM build'),
      df('ARG VERSION=20', 'FROM node:${VERSION}'),
      df('ARG BASE', 'FROM ${BASE}'),
      df('FROM registry.local:5000/team/base:1.0'),
    ],
  },
  {
    rule: 'secret-in-build-arg-or-env',
    triggers: [
      { dockerfile: df('FROM alpine:3', 'ARG NPM_TOKEN'), line: 2 },
      { dockerfile: df('FROM alpine:3', 'ENV DB_PASSWORD=hunter2'), line: 2 },
      { dockerfile: df('FROM alpine:3', 'ENV AWS_SECRET_ACCESS_KEY wJalr'), line: 2 },
      { dockerfile: df('FROM alpine:3', 'ARG STRIPE_API_KEY=none'), line: 2 },
    ],
    clean: [
      df('FROM alpine:3', 'ARG VERSION=1', 'ENV DB_PASSWORD_FILE=/run/secrets/db'),
      df('FROM alpine:3', 'ENV TOKENIZERS_PARALLELISM=false'),
    ],
  },
  {
    rule: 'no-healthcheck',
    triggers: [
      { dockerfile: df('FROM alpine:3', 'CMD ["sh"]'), line: 1 },
      { dockerfile: df('FROM alpine:3 AS build', 'HEALTHCHECK CMD true', 'FROM alpine:3'), line: 3 },
    ],
    clean: [
      df('FROM alpine:3', 'HEALTHCHECK CMD wget -q -O- http://localhost/ || exit 1'),
      df('FROM alpine:3', 'HEALTHCHECK NONE'),
    ],
  },
  {
    rule: 'apt-recommends-installed',
    triggers: [
      { dockerfile: df('FROM debian:12', 'RUN apt-get install -y curl && rm -rf /var/lib/apt/lists/*'), line: 2 },
    ],
    clean: [df('FROM debian:12', 'RUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*')],
  },
  {
    rule: 'shell-form-command',
    triggers: [
      { dockerfile: df('FROM alpine:3', 'CMD node server.js'), line: 2 },
      { dockerfile: df('FROM alpine:3', 'ENTRYPOINT /entry.sh'), line: 2 },
    ],
    clean: [
      df('FROM alpine:3', 'CMD ["node", "server.js"]'),
      df('FROM alpine:3 AS build', 'CMD make', 'FROM alpine:3'),
    ],
  },
];
