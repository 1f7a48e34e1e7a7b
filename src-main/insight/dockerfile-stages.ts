// The named stages of a Dockerfile (`FROM … AS name`), in order, for a build's target field.
import { DockerfileParser } from 'dockerfile-ast';

export function dockerfileStages(text: string): string[] {
  const names = DockerfileParser.parse(text)
    .getFROMs()
    .map((from) => from.getBuildStage())
    .filter((name): name is string => !!name);
  return [...new Set(names)];
}
