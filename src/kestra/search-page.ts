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
 * into 35 to 80 MB of objects at once (scripts/bench/search-page.mjs), when the sync needs four
 * fields of each. The whole text is checked as `JSON.parse` checks it, so the page read is the one
 * `JSON.parse` gives. Undefined when the body is not a JSON object, or is nested too deep to check
 * here, so that the caller hands it to `JSON.parse` (which then reports it).
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
    // RangeError: nesting deeper than the call stack, which JSON.parse reads without recursion.
    if (error instanceof MalformedJson || error instanceof RangeError) return undefined
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
const MINUS = 0x2d
const PLUS = 0x2b
const DOT = 0x2e
const ZERO = 0x30
const NINE = 0x39
const LOWER_U = 0x75

/** `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t` (`\u` is read apart). */
const SINGLE_ESCAPES = new Set([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74])

/** `true`, `false` and `null`, by their first byte. */
const LITERALS = new Map(['true', 'false', 'null'].map(word => [word.charCodeAt(0), word]))

const isSpace = (byte: number | undefined): boolean =>
  byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09

const isDigit = (byte: number | undefined): boolean =>
  byte !== undefined && byte >= ZERO && byte <= NINE

const isHexDigit = (byte: number | undefined): boolean =>
  isDigit(byte) ||
  (byte !== undefined && ((byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)))

/**
 * Walks JSON text, building only the values asked for and checking the others as it steps over
 * them (RFC 8259, as `JSON.parse`): any text `JSON.parse` refuses throws MalformedJson.
 */
class JsonScanner {
  private position = 0
  private readonly text: Buffer
  private readonly skipItem = (): void => this.skipValue()

  constructor(bytes: Uint8Array) {
    this.text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  /** The next byte after blank space, without taking it. */
  peek(): number | undefined {
    while (isSpace(this.text[this.position])) this.position++
    return this.text[this.position]
  }

  /**
   * Calls `onEntry` with each key, positioned on its value, which it must take. Without
   * `onEntry`, steps over the entries without building their keys.
   */
  object(onEntry?: (key: string) => void): void {
    this.take(LEFT_BRACE)
    if (this.peek() === RIGHT_BRACE) {
      this.position++
      return
    }
    do {
      if (this.peek() !== QUOTE) throw new MalformedJson()
      if (onEntry) {
        const key = this.string()
        this.take(COLON)
        onEntry(key)
      } else {
        this.skipString()
        this.take(COLON)
        this.skipValue()
      }
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
    return JSON.parse(this.text.toString('latin1', start, this.position)) as unknown
  }

  skipValue(): void {
    const first = this.peek()
    if (first === QUOTE) this.skipString()
    else if (first === LEFT_BRACE) this.object()
    else if (first === LEFT_BRACKET) this.array(this.skipItem)
    else this.skipLiteral()
  }

  /** Only blank space may follow the value. */
  end(): void {
    if (this.peek() !== undefined) throw new MalformedJson()
  }

  private string(): string {
    const start = this.position
    const escaped = this.skipString()
    const end = this.position
    // Escapes are rare in ids and namespaces: JSON.parse decodes them when there are any.
    return escaped
      ? (JSON.parse(this.text.toString('utf8', start, end)) as string)
      : this.text.toString('utf8', start + 1, end - 1)
  }

  /** Steps over a string, checking its escapes; true when it has any. */
  private skipString(): boolean {
    const text = this.text
    let index = this.position + 1
    let escaped = false
    for (;;) {
      const byte = text[index]
      // Control characters must be escaped inside a string; undefined: the text ends in it.
      if (byte === undefined || byte < 0x20) throw new MalformedJson()
      if (byte === QUOTE) break
      if (byte === BACKSLASH) {
        escaped = true
        const next = text[index + 1]
        if (next === LOWER_U) {
          for (let digit = index + 2; digit < index + 6; digit++)
            if (!isHexDigit(text[digit])) throw new MalformedJson()
          index += 6
        } else if (next !== undefined && SINGLE_ESCAPES.has(next)) index += 2
        else throw new MalformedJson()
      } else index++
    }
    this.position = index + 1
    return escaped
  }

  /** `true`, `false`, `null` or a number, as JSON writes them. */
  private skipLiteral(): void {
    const text = this.text
    const literal = LITERALS.get(text[this.position] as number)
    if (literal) {
      for (let offset = 1; offset < literal.length; offset++)
        if (text[this.position + offset] !== literal.charCodeAt(offset)) throw new MalformedJson()
      this.position += literal.length
      return
    }
    let index = this.position
    if (text[index] === MINUS) index++
    if (text[index] === ZERO) index++
    else index = this.digits(index)
    if (text[index] === DOT) index = this.digits(index + 1)
    if (text[index] === 0x65 || text[index] === 0x45) {
      index++
      if (text[index] === PLUS || text[index] === MINUS) index++
      index = this.digits(index)
    }
    this.position = index
  }

  /** The index after one digit or more from `index`. */
  private digits(index: number): number {
    if (!isDigit(this.text[index])) throw new MalformedJson()
    let after = index + 1
    while (isDigit(this.text[after])) after++
    return after
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
