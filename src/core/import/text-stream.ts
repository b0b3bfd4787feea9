/**
 * A file's text, decoded as one stream (docs/import.md, "Decoding"): the
 * encoding is decided from the first bytes (a BOM, UTF-16's zero bytes, else UTF-8)
 * and one TextDecoder runs over every chunk, so a character split across two
 * chunks stays whole. Bytes that are not valid UTF-8 raise EncodingFallback: the
 * caller reads the file again as Windows-1252 and says so; nothing is silently
 * replaced by U+FFFD.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export const ENCODING_LABELS: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (little-endian)',
  'utf-16be': 'UTF-16 (big-endian)',
  'windows-1252': 'Windows-1252',
};

/** Thrown when bytes are not valid UTF-8: the file is read again as Windows-1252. */
export class EncodingFallback extends Error {
  constructor(readonly byteOffset: number) {
    super(`not valid UTF-8 near byte ${byteOffset}`);
  }
}

export interface DetectedEncoding {
  encoding: TextEncodingName;
  /** Bytes of byte-order mark at the start. */
  bomBytes: number;
}

/** Decides the encoding from the first bytes: a BOM wins; zero bytes in alternate places mean UTF-16. */
export function detectEncoding(head: Uint8Array): DetectedEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomBytes: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomBytes: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomBytes: 2 };
  const n = Math.min(head.length, 4096) & ~1;
  if (n >= 4) {
    let evenZero = 0,
      oddZero = 0;
    for (let i = 0; i < n; i += 2) {
      if (head[i] === 0) evenZero++;
      if (head[i + 1] === 0) oddZero++;
    }
    const pairs = n / 2;
    if (oddZero > pairs * 0.3 && evenZero < pairs * 0.05) return { encoding: 'utf-16le', bomBytes: 0 };
    if (evenZero > pairs * 0.3 && oddZero < pairs * 0.05) return { encoding: 'utf-16be', bomBytes: 0 };
  }
  return { encoding: 'utf-8', bomBytes: 0 };
}

/** Whether the bytes are valid UTF-8 (a sequence cut at the end is allowed: it continues in the next chunk). */
export function isValidUtf8Prefix(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

type Listener = (arg?: unknown) => void;

/**
 * A minimal Node-style readable that PapaParse's stream reader consumes
 * (`readable`, `on`, `removeListener`, `pause`, `resume`). Each chunk read is handed
 * over in pieces of about `pieceChars` characters, cut just after a line break, each
 * parsed at once; the next chunk is read only after, so memory stays flat. Small pieces
 * keep little alive at a time: the parser's rows of a piece are garbage before the next
 * (docs/import.md, "Big files").
 */
export class DecodedTextSource {
  readonly readable = true;
  /** Bytes (or, for text given as a string, characters) handed over so far. */
  position = 0;
  /** Line breaks in the text handed over so far: lets the reader skip counting per row when none hide in cells. */
  lineBreaks = 0;
  /** Characters handed over so far. */
  charsHanded = 0;
  /** The character that ends a line (`\n`, or `\r` for old Mac files). */
  lineBreak = '\n';
  private readonly listeners = new Map<string, Listener[]>();
  private stopped = false;

  constructor(
    private readonly source: Blob | string,
    private readonly encoding: TextEncodingName,
    private readonly chunkSize: number,
    private readonly startAt = 0,
    /** Where to stop (exclusive): the end of the source unless a piece of it is read. */
    private readonly endAt = typeof source === 'string' ? source.length : source.size,
    /** Characters handed over at a time; the reader may change it between pieces. */
    public pieceChars = chunkSize,
  ) {}

  read(): null {
    return null;
  }
  pause(): void {
    /* chunks are parsed synchronously as they arrive */
  }
  resume(): void {
    /* idem */
  }
  on(event: string, fn: Listener): this {
    const list = this.listeners.get(event) ?? [];
    list.push(fn);
    this.listeners.set(event, list);
    return this;
  }
  removeListener(event: string, fn: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((f) => f !== fn),
    );
    return this;
  }
  stop(): void {
    this.stopped = true;
  }

  private emit(event: string, arg?: unknown): void {
    for (const fn of [...(this.listeners.get(event) ?? [])]) fn(arg);
  }

  /** Reads, decodes and hands over every chunk; never splits `\r\n` or a character across chunks. */
  async pump(): Promise<void> {
    let carry = '';
    const hand = (text: string, last: boolean) => {
      let t = carry + text;
      carry = '';
      if (!last && t.length > 0) {
        // Hold back a trailing CR (its LF may open the next chunk) and a lone high surrogate.
        const c = t.charCodeAt(t.length - 1);
        if (c === 13 || (c >= 0xd800 && c <= 0xdbff)) {
          carry = t.slice(-1);
          t = t.slice(0, -1);
        }
      }
      // Cut after a line break, so a piece never splits `\r\n` or a character; a piece without one goes whole.
      for (let from = 0; from < t.length && !this.stopped; ) {
        const cut = t.length - from <= this.pieceChars ? -1 : t.indexOf(this.lineBreak, from + this.pieceChars - 1);
        const to = cut < 0 ? t.length : cut + 1;
        const piece = from === 0 && to === t.length ? t : t.slice(from, to);
        for (let i = piece.indexOf(this.lineBreak); i >= 0; i = piece.indexOf(this.lineBreak, i + 1)) this.lineBreaks++;
        this.charsHanded += piece.length;
        this.emit('data', piece);
        from = to;
      }
    };
    try {
      if (typeof this.source === 'string') {
        const s = this.source;
        const end = Math.min(this.endAt, s.length);
        for (let i = this.startAt; i < end && !this.stopped; i += this.chunkSize) {
          this.position = Math.min(end, i + this.chunkSize);
          hand(s.slice(i, Math.min(end, i + this.chunkSize)), i + this.chunkSize >= end);
          await Promise.resolve();
        }
      } else {
        const decoder = new TextDecoder(this.encoding, { fatal: this.encoding === 'utf-8', ignoreBOM: false });
        const source = this.source;
        const size = Math.min(this.endAt, source.size);
        // The next chunk is asked for before this one is parsed: a read of a file takes the browser a
        // round trip (about 10 ms a megabyte), which then overlaps the parsing instead of adding to it.
        const read = (at: number) => {
          const pending = source.slice(at, Math.min(size, at + this.chunkSize)).arrayBuffer();
          pending.catch(() => undefined); // awaited below; not left unhandled when reading stops early
          return pending;
        };
        let next = this.startAt < size ? read(this.startAt) : null;
        for (let i = this.startAt; i < size && !this.stopped; i += this.chunkSize) {
          const bytes = new Uint8Array(await next!);
          next = i + this.chunkSize < size ? read(i + this.chunkSize) : null;
          const last = i + this.chunkSize >= size;
          let text: string;
          try {
            text = decoder.decode(bytes, { stream: !last });
          } catch {
            throw new EncodingFallback(i);
          }
          this.position = Math.min(size, i + this.chunkSize);
          hand(text, last);
        }
        if (size <= this.startAt) hand('', true);
      }
      if (carry && !this.stopped) {
        hand('', true);
      }
      if (!this.stopped) this.emit('end');
    } catch (err) {
      this.emit('error', err);
    }
  }
}
