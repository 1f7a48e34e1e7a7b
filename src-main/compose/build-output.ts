// BuildKit's plain progress as `compose build` and `up` print it ("#5 [web 2/2] RUN make"), read per service: compose
// names each build step after its service, and a step's later lines ("#5 DONE 0.1s") carry only its number.

/** A step's first line: its number, the service that opens its name, and what the step does. */
const STEP = /^#(\d+) \[([a-zA-Z0-9][a-zA-Z0-9_.-]*)(?: [^\]]*)?\] (.+)$/;
/** How a step ended. A step's own output has its time first ("#5 0.053 …"), so it never matches. */
const STEP_END = /^#(\d+) (DONE|CACHED|CANCELED|ERROR: (.+))\b/;

export interface BuildStep {
  service: string;
  /** Building while its steps run, Built once its image is written, "Error: …" or Canceled when a step ended so. */
  status: string;
}

/** Reads one command's build lines in order: it remembers which step belongs to which service. */
export class BuildSteps {
  private readonly services = new Map<string, string>();
  /** Steps that write a service's image: their end is the service's. */
  private readonly exports = new Set<string>();

  /** What `text` says about a service's build, or undefined for any other line (a step's output, a blank). */
  read(text: string): BuildStep | undefined {
    const step = STEP.exec(text);
    if (step) {
      const service = step[2]!;
      this.services.set(step[1]!, service);
      if (step[3]!.startsWith('exporting to image')) this.exports.add(step[1]!);
      return { service, status: 'Building' };
    }
    const end = STEP_END.exec(text);
    const service = end ? this.services.get(end[1]!) : undefined;
    if (!end || !service) return undefined;
    if (end[3]) return { service, status: `Error: ${end[3]}` };
    if (end[2] === 'CANCELED') return { service, status: 'Canceled' };
    return end[2] === 'DONE' && this.exports.has(end[1]!) ? { service, status: 'Built' } : undefined;
  }
}
