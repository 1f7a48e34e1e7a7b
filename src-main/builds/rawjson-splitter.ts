// Splits buildx's `--progress=rawjson` stderr (pretty-printed JSON objects one after another, not one per line) into
// the objects it holds, and the text between them (buildx's own closing "ERROR: …" lines) into plain lines.

export interface SplitOutput {
  /** Each complete top-level JSON object, parsed. */
  objects: unknown[];
  /** Lines of text found outside any object, without their line ends; blank ones left out. */
  lines: string[];
}

const [OPEN, CLOSE, QUOTE, BACKSLASH, NEWLINE] = ['{', '}', '"', '\\', '\n'].map((c) => c.charCodeAt(0));

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
    let from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const code = chunk.charCodeAt(i);
      if (this.depth === 0) {
        if (code === NEWLINE) {
          this.takeText(chunk.slice(from, i), out);
          from = i + 1;
        }
        if (code !== OPEN) continue;
        this.takeText(chunk.slice(from, i), out, false);
        from = i;
        this.depth = 1;
        continue;
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (code === BACKSLASH) this.escaped = true;
        else if (code === QUOTE) this.inString = false;
      } else if (code === QUOTE) this.inString = true;
      else if (code === OPEN) this.depth += 1;
      else if (code === CLOSE && --this.depth === 0) {
        this.pending += chunk.slice(from, i + 1);
        from = i + 1;
        this.finishObject(out);
      }
    }
    if (this.depth > 0) {
      this.pending += chunk.slice(from);
      if (this.pending.length > MAX_OBJECT_CHARS) this.abandonObject(out);
    } else this.text += chunk.slice(from);
    return out;
  }

  /** What is left when the stream ends: an unfinished object counts as text. */
  end(): SplitOutput {
    const out: SplitOutput = { objects: [], lines: [] };
    if (this.pending) this.abandonObject(out);
    this.takeText('', out);
    return out;
  }

  /** Adds `piece` to the text outside objects; `ends` says a line end follows it. */
  private takeText(piece: string, out: SplitOutput, ends = true): void {
    if (!ends) {
      this.text += piece;
      return;
    }
    const line = (this.text + piece).replace(/\r$/, '');
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
