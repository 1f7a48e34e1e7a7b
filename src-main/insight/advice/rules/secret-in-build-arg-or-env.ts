// Rule: ARG or ENV names that hold a secret (password, token, key), which the image keeps for anyone to read.
import type { AdviceRule } from '../rule';

/** Words of a name that say it holds a secret; a KEY only after API, PRIVATE or ACCESS. */
const SECRET_WORDS = /(^|_)(PASSWORD|PASSWD|TOKEN|SECRET|CREDENTIALS?|APIKEY|(API|PRIVATE|ACCESS)_KEY)(_|$)/;
/** Names that point at a secret rather than hold it. */
const REFERENCE = /_(FILE|PATH|DIR)$/;

/** "dbPassword" and "DB_PASSWORD" alike as DB_PASSWORD. */
function isSecretName(name: string): boolean {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
  return SECRET_WORDS.test(words) && !REFERENCE.test(words);
}

export const secretInBuildArgOrEnv: AdviceRule = (dockerfile) =>
  dockerfile.stages.flatMap((stage) =>
    stage.steps
      .filter((step) => step.keyword === 'ARG' || step.keyword === 'ENV')
      .flatMap((step) =>
        step.properties
          .filter(({ name }) => isSecretName(name))
          .map(({ name }) => ({
            rule: 'secret-in-build-arg-or-env' as const,
            severity: 'high' as const,
            title: `${name} passed through ${step.keyword}`,
            message:
              (step.keyword === 'ENV'
                ? `ENV ${name} stays in the image's configuration: anyone who pulls the image reads it with docker inspect.`
                : `ARG ${name} is recorded in the image's history of every RUN that uses it, readable with docker history.`) +
              ` Pass the secret to the one RUN that needs it with \`RUN --mount=type=secret,id=${name.toLowerCase()}\` ` +
              `(built with --secret id=${name.toLowerCase()},env=${name}), which keeps it out of every layer and the history.`,
            steps: [step],
          })),
      ),
  );
