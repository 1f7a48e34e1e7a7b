// Splits buildx's `--progress=rawjson` stderr (pretty-printed JSON objects one after another, not one per line) into
// the objects it holds, and the text between them (buildx's own closing "ERROR: …" lines) into plain lines.

export interface SplitOutput {
  /** Each complete top-level JSON object, parsed. */
  objects: unknown[];
  /** Lines of text found outside any object, without their line ends; blank ones left out. */
  lines: string[];
}

/** Longest object kept while it is incomplete, in characters; past it the object is dropped as text. */
const MAX_OBJECT_CHARS = 16 * 1024 * 1024;

export class RawJsonSplitter {
  private pending = '';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private text = '';

  /** Feeds the next piece of the stream; returns what it completed. */
  push(chunk: string): SplitOutput {
    const out: SplitOutput = { objects: [], lines: [] };
    for (const char of chunk) {
      if (this.depth === 0 && char !== '{') {
        this.takeText(char, out);
        continue;
      }
      this.pending += char;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (char === '\\') this.escaped = true;
        else if (char === '"') this.inString = false;
      } else if (char === '"') this.inString = true;
      else if (char === '{') this.depth += 1;
      else if (char === '}' && --this.depth === 0) this.finishObject(out);
      if (this.pending.length > MAX_OBJECT_CHARS) this.abandonObject(out);
    }
    return out;
  }

  /** What is left when the stream ends: an unfinished object counts as text. */
  end(): SplitOutput {
    const out: SplitOutput = { objects: [], lines: [] };
    if (this.pending) this.abandonObject(out);
    this.takeText('\n', out);
    return out;
  }

  private takeText(char: string, out: SplitOutput): void {
    if (char !== '\n') {
      this.text += char;
      return;
    }
    const line = this.text.replace(/\r$/, '');
    this.text = '';
    if (line.trim()) out.lines.push(line);
  }

  private finishObject(out: SplitOutput): void {
    const source = this.pending;
    this.pending = '';
    try {
      out.objects.push(JSON.parse(source));
    } catch {
      for (const line of source.split('\n')) if (line.trim()) out.lines.push(line);
    }
  }

  private abandonObject(out: SplitOutput): void {
    const source = this.pending;
    this.pending = '';
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    for (const line of source.split('\n')) if (line.trim()) out.lines.push(line.slice(0, 4096));
  }
}
