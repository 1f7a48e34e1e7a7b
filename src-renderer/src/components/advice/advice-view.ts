// What the advice list shows beside each finding: severity groups, message code spans, the bytes the layers cost.
import type { AdviceFinding, AdviceReport, AdviceSeverity } from '../../../../src-main/contract/dto/advice';
import { plural, size } from '../../format';

export const SEVERITY_LABELS: Record<AdviceSeverity, string> = { high: 'High', medium: 'Medium', low: 'Low' };
const SEVERITIES: AdviceSeverity[] = ['high', 'medium', 'low'];

export function severityGroups(report: AdviceReport): Array<{ severity: AdviceSeverity; findings: AdviceFinding[] }> {
  return SEVERITIES.map((severity) => ({
    severity,
    findings: report.findings.filter((f) => f.severity === severity),
  })).filter((group) => group.findings.length > 0);
}

/** The message split on its `code` spans: odd parts are code. */
export function messageParts(message: string): Array<{ text: string; code: boolean }> {
  return message.split('`').map((text, index) => ({ text, code: index % 2 === 1 }));
}

/** "This layer is 4.2 MB", "These 3 layers are 9.1 MB", or with a layer analysis "3.1 MB of it under …". */
export function layerCost(finding: AdviceFinding): string | undefined {
  const { layers } = finding;
  if (layers.length === 0) return undefined;
  const total = layers.reduce((sum, layer) => sum + layer.size, 0);
  const counted = layers.every((l) => l.pathBytes !== undefined)
    ? layers.reduce((sum, layer) => sum + (layer.pathBytes ?? 0), 0)
    : undefined;
  const whole =
    layers.length === 1 ? `This layer is ${size(total)}` : `These ${layers.length} layers are ${size(total)}`;
  return counted !== undefined && finding.paths
    ? `${whole}, ${size(counted)} of it under ${finding.paths.join(', ')}`
    : whole;
}

/** One line about the image the findings were tied to. */
export function imageMatch(report: AdviceReport): string | undefined {
  const { image } = report;
  if (!image) return undefined;
  if (image.layerSteps === 0) return undefined;
  if (image.matched === 0)
    return "This image's history does not match the Dockerfile's final stage (built from another version?), so no layer sizes are shown.";
  return `${image.matched} of ${plural(image.layerSteps, 'RUN, COPY or ADD instruction')} found in this image's layers.`;
}
