/** What the sync reads of one flow of a search page; anything else the server sends is skipped. */
export interface SearchedFlow {
  namespace?: unknown
  id?: unknown
  revision?: unknown
  deleted?: unknown
}

export interface SearchPage {
  /** Undefined when the page has no `results` list. */
  results?: SearchedFlow[]
  total?: unknown
}

const FLOW_FIELDS = new Set(['namespace', 'id', 'revision', 'deleted'])

/**
 * A page of `GET flows/search`, read from its raw bytes. Each flow comes with its whole model
 * (tasks, triggers, inputs...): 10,000 flows are some 12 MB of JSON that `JSON.parse` would turn
 * into 70 MB of objects at once, when the sync needs four fields of each. Undefined when the body
 * does not hold a JSON object, so that the caller can report it as `JSON.parse` would.
 */
export function readSearchPage(body: Uint8Array): SearchPage | undefined {
  try {
    const scanner = new JsonScanner(body)
    const page: SearchPage = {}
    scanner.object(key => {
      if (key === 'results' && scanner.peek() === LEFT_BRACKET) page.results = flows(scanner)
      else if (key === 'total') page.total = scanner.scalar()
      else {
        // A later key wins, as with JSON.parse.
        if (key === 'results') delete page.results
        scanner.skipValue()
      }
    })
    scanner.end()
    return page
  } catch (error) {
    if (error instanceof MalformedJson) return undefined
    throw error
  }
}

function flows(scanner: JsonScanner): SearchedFlow[] {
  const found: SearchedFlow[] = []
  scanner.array(() => {
    const flow: Record<string, unknown> = {}
    if (scanner.peek() === LEFT_BRACE) {
      scanner.object(key => {
        if (FLOW_FIELDS.has(key)) flow[key] = scanner.scalar()
        else scanner.skipValue()
      })
    } else scanner.skipValue()
    found.push(flow)
  })
  return found
}

class MalformedJson extends Error {}

const QUOTE = 0x22
const BACKSLASH = 0x5c
const LEFT_BRACE = 0x7b
const RIGHT_BRACE = 0x7d
const LEFT_BRACKET = 0x5b
const RIGHT_BRACKET = 0x5d
const COMMA = 0x2c
const COLON = 0x3a

const isSpace = (byte: number | undefined): boolean =>
  byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09

/** Walks JSON text, building only the values asked for and stepping over the others. */
class JsonScanner {
  private position = 0
  private readonly text: Buffer

  constructor(bytes: Uint8Array) {
    this.text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  /** The next byte after blank space, without taking it. */
  peek(): number | undefined {
    while (isSpace(this.text[this.position])) this.position++
    return this.text[this.position]
  }

  /** Calls `onEntry` with each key, positioned on its value, which it must take. */
  object(onEntry: (key: string) => void): void {
    this.take(LEFT_BRACE)
    if (this.peek() === RIGHT_BRACE) {
      this.position++
      return
    }
    do {
      if (this.peek() !== QUOTE) throw new MalformedJson()
      const key = this.string()
      this.take(COLON)
      onEntry(key)
    } while (this.next(RIGHT_BRACE))
  }

  /** Calls `onItem` positioned on each item, which it must take. */
  array(onItem: () => void): void {
    this.take(LEFT_BRACKET)
    if (this.peek() === RIGHT_BRACKET) {
      this.position++
      return
    }
    do onItem()
    while (this.next(RIGHT_BRACKET))
  }

  /** A string, number, boolean or null; an object or a list is stepped over and gives undefined. */
  scalar(): unknown {
    const first = this.peek()
    if (first === QUOTE) return this.string()
    if (first === LEFT_BRACE || first === LEFT_BRACKET) {
      this.skipValue()
      return undefined
    }
    const start = this.position
    this.skipLiteral()
    return this.parse(start, this.position)
  }

  skipValue(): void {
    let depth = 0
    do {
      const byte = this.peek()
      if (byte === QUOTE) this.skipString()
      else if (byte === LEFT_BRACE || byte === LEFT_BRACKET) {
        depth++
        this.position++
      } else if (byte === RIGHT_BRACE || byte === RIGHT_BRACKET) {
        if (depth === 0) throw new MalformedJson()
        depth--
        this.position++
      } else if (byte === COMMA || byte === COLON) {
        if (depth === 0) throw new MalformedJson()
        this.position++
      } else this.skipLiteral()
    } while (depth > 0)
  }

  /** Only blank space may follow the value. */
  end(): void {
    if (this.peek() !== undefined) throw new MalformedJson()
  }

  private string(): string {
    const start = this.position
    this.skipString()
    const end = this.position
    // Escapes are rare in ids and namespaces: JSON.parse decodes them when there are any.
    for (let index = start + 1; index < end - 1; index++) {
      if (this.text[index] === BACKSLASH) return this.parse(start, end) as string
    }
    return this.text.toString('utf8', start + 1, end - 1)
  }

  private skipString(): void {
    let quote = this.position
    for (;;) {
      quote = this.text.indexOf(QUOTE, quote + 1)
      if (quote === -1) throw new MalformedJson()
      let backslashes = 0
      while (this.text[quote - 1 - backslashes] === BACKSLASH) backslashes++
      if (backslashes % 2 === 0) break
    }
    this.position = quote + 1
  }

  private skipLiteral(): void {
    const start = this.position
    for (;;) {
      const byte = this.text[this.position]
      if (
        byte === undefined ||
        isSpace(byte) ||
        byte === COMMA ||
        byte === RIGHT_BRACE ||
        byte === RIGHT_BRACKET ||
        byte === COLON
      ) {
        break
      }
      this.position++
    }
    if (this.position === start) throw new MalformedJson()
  }

  private parse(start: number, end: number): unknown {
    try {
      return JSON.parse(this.text.toString('utf8', start, end)) as unknown
    } catch {
      throw new MalformedJson()
    }
  }

  private take(byte: number): void {
    if (this.peek() !== byte) throw new MalformedJson()
    this.position++
  }

  /** After an entry or item: true on a comma, false on `closing`. */
  private next(closing: number): boolean {
    const byte = this.peek()
    this.position++
    if (byte === COMMA) return true
    if (byte === closing) return false
    throw new MalformedJson()
  }
}
