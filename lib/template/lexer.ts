import { goQuote, KEYWORDS, type Token, TokenKind } from "./token";

/**
 * The lexer of Go's text/template (text/template/parse/lex.go), as a state machine of functions:
 * each state consumes some input, may emit one token, and returns the next state (null stops the
 * run until the parser asks for the next token). Offsets are UTF-16 indexes into the text; the
 * parser converts them to Go's byte columns only when an error needs one.
 */
export interface LexerOptions {
  leftDelim?: string;
  rightDelim?: string;
  /** `break` is a keyword unless a function of that name exists. */
  breakOK?: boolean;
  /** `continue` is a keyword unless a function of that name exists. */
  continueOK?: boolean;
}

type StateFn = (l: Lexer) => StateFn | null;

const EOF_RUNE = -1;
const SPACE_CHARS = " \t\r\n";
const TRIM_MARKER = "-";
const LEFT_COMMENT = "/*";
const RIGHT_COMMENT = "*/";

export class Lexer {
  readonly input: string;
  readonly leftDelim: string;
  readonly rightDelim: string;
  readonly breakOK: boolean;
  readonly continueOK: boolean;
  /** Current position. */
  pos = 0;
  /** Start of the token being scanned. */
  start = 0;
  /** Whether we are between `{{` and `}}`. */
  insideAction = false;
  /** Nesting depth of `(` in the current action. */
  parenDepth = 0;
  private item: Token | null = null;
  private atEOF = false;
  private lineCountPos = 0;
  private lineCount = 1;

  constructor(input: string, options: LexerOptions = {}) {
    this.input = input;
    this.leftDelim = options.leftDelim || "{{";
    this.rightDelim = options.rightDelim || "}}";
    this.breakOK = options.breakOK ?? true;
    this.continueOK = options.continueOK ?? true;
  }

  /** Returns the next token; EOF forever once the input is done or an error was reported. */
  nextToken(): Token {
    this.item = null;
    let state: StateFn | null = this.insideAction ? lexInsideAction : lexText;
    while (state) state = state(this);
    return this.item ?? this.makeToken(TokenKind.EOF, this.pos, "EOF");
  }

  /** Consumes and returns the next rune (code point), or EOF_RUNE. */
  next(): number {
    if (this.pos >= this.input.length) {
      this.atEOF = true;
      return EOF_RUNE;
    }
    const c = this.input.codePointAt(this.pos)!;
    this.pos += c > 0xffff ? 2 : 1;
    return c;
  }

  /** Returns the next rune without consuming it. */
  peek(): number {
    return this.pos >= this.input.length ? EOF_RUNE : this.input.codePointAt(this.pos)!;
  }

  /** Steps back one rune. May be called only once per call of next. */
  backup(): void {
    if (this.atEOF || this.pos === 0) {
      this.atEOF = false;
      return;
    }
    const lo = this.input.charCodeAt(this.pos - 1);
    this.pos -= lo >= 0xdc00 && lo <= 0xdfff && this.pos >= 2 ? 2 : 1;
  }

  /** Emits the text from start to pos as a token of the kind and stops the state machine. */
  emit(kind: TokenKind): null {
    this.item = this.makeToken(kind, this.start, this.input.slice(this.start, this.pos));
    this.start = this.pos;
    return null;
  }

  /** Emits a token built earlier (text before a trimmed delimiter) and stops. */
  emitToken(t: Token): null {
    this.item = t;
    return null;
  }

  /** The token from start to pos, without emitting it; start moves to pos. */
  thisToken(kind: TokenKind): Token {
    const t = this.makeToken(kind, this.start, this.input.slice(this.start, this.pos));
    this.start = this.pos;
    return t;
  }

  /** Skips the input before pos. */
  ignore(): void {
    this.start = this.pos;
  }

  /** Consumes the next rune if it is in the set. */
  accept(valid: string): boolean {
    if (valid.includes(String.fromCodePoint(Math.max(this.next(), 0))) && !this.atEOF) return true;
    this.backup();
    return false;
  }

  /** Consumes a run of runes from the set. */
  acceptRun(valid: string): void {
    while (this.accept(valid));
  }

  /** Reports an error token (at start) and ends the token stream. */
  errorf(message: string): null {
    this.item = this.makeToken(TokenKind.Error, this.start, message);
    this.start = this.input.length;
    this.pos = this.input.length;
    return null;
  }

  /** Whether a right delimiter (possibly trim-marked) starts at pos. */
  atRightDelim(): { delim: boolean; trimSpaces: boolean } {
    const rest = this.pos;
    if (hasRightTrimMarker(this.input, rest) && this.input.startsWith(this.rightDelim, rest + 2)) {
      return { delim: true, trimSpaces: true };
    }
    return { delim: this.input.startsWith(this.rightDelim, rest), trimSpaces: false };
  }

  /** Whether the next rune ends a word: space, EOF, punctuation that may follow one, or the delimiter. */
  atTerminator(): boolean {
    const r = this.peek();
    if (isSpace(r)) return true;
    switch (r) {
      case EOF_RUNE:
      case 0x2e: // .
      case 0x2c: // ,
      case 0x7c: // |
      case 0x3a: // :
      case 0x29: // )
      case 0x28: // (
        return true;
    }
    return this.input.startsWith(this.rightDelim, this.pos);
  }

  private makeToken(kind: TokenKind, pos: number, val: string): Token {
    return { kind, pos, val, line: this.lineAt(pos) };
  }

  /** 1-based line of an offset; tokens come in order, so counting resumes where it stopped. */
  private lineAt(pos: number): number {
    if (pos < this.lineCountPos) {
      this.lineCountPos = 0;
      this.lineCount = 1;
    }
    const text = this.input;
    for (let i = this.lineCountPos; i < pos; i++) if (text.charCodeAt(i) === 10) this.lineCount++;
    this.lineCountPos = pos;
    return this.lineCount;
  }
}

/** Lexes the whole input into tokens (for tests and tools; the parser pulls tokens one by one). */
export function lexAll(input: string, options?: LexerOptions): Token[] {
  const l = new Lexer(input, options);
  const out: Token[] = [];
  for (;;) {
    const t = l.nextToken();
    out.push(t);
    if (t.kind === TokenKind.EOF || t.kind === TokenKind.Error) return out;
  }
}

export const isSpace = (r: number): boolean => r === 0x20 || r === 0x09 || r === 0x0d || r === 0x0a;

const LETTER_OR_DIGIT = /^[\p{L}\p{Nd}]$/u;

/** Go's `isAlphaNumeric`: `_`, a Unicode letter or a decimal digit. */
export function isAlphaNumeric(r: number): boolean {
  if (r < 0) return false;
  if (r < 0x80) {
    return r === 0x5f || (r >= 0x30 && r <= 0x39) || (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a);
  }
  return LETTER_OR_DIGIT.test(String.fromCodePoint(r));
}

const hasLeftTrimMarker = (s: string, at: number): boolean =>
  s.length - at >= 2 && s[at] === TRIM_MARKER && isSpace(s.charCodeAt(at + 1));

const hasRightTrimMarker = (s: string, at: number): boolean =>
  s.length - at >= 2 && isSpace(s.charCodeAt(at)) && s[at + 1] === TRIM_MARKER;

function rightTrimLength(s: string, from: number, to: number): number {
  let i = to;
  while (i > from && SPACE_CHARS.includes(s[i - 1]!)) i--;
  return to - i;
}

function leftTrimLength(s: string, from: number): number {
  let i = from;
  while (i < s.length && SPACE_CHARS.includes(s[i]!)) i++;
  return i - from;
}

/** Scans text up to the next left delimiter. */
function lexText(l: Lexer): StateFn | null {
  const x = l.input.indexOf(l.leftDelim, l.pos);
  if (x < 0) {
    l.pos = l.input.length;
    if (l.pos > l.start) return l.emit(TokenKind.Text);
    return l.emit(TokenKind.EOF);
  }
  if (x > l.pos) {
    l.pos = x;
    // A trim marker after the delimiter eats the whitespace before it.
    const trim = hasLeftTrimMarker(l.input, x + l.leftDelim.length) ? rightTrimLength(l.input, l.start, x) : 0;
    l.pos -= trim;
    const t = l.thisToken(TokenKind.Text);
    l.pos += trim;
    l.ignore();
    if (t.val.length > 0) return l.emitToken(t);
  }
  return lexLeftDelim;
}

/** Scans the left delimiter, which is known to be present, and a possible trim marker or comment. */
function lexLeftDelim(l: Lexer): StateFn | null {
  l.pos += l.leftDelim.length;
  const afterMarker = hasLeftTrimMarker(l.input, l.pos) ? TRIM_MARKER.length + 1 : 0;
  if (l.input.startsWith(LEFT_COMMENT, l.pos + afterMarker)) {
    l.pos += afterMarker;
    l.ignore();
    return lexComment;
  }
  const t = l.thisToken(TokenKind.LeftDelim);
  l.insideAction = true;
  l.pos += afterMarker;
  l.ignore();
  l.parenDepth = 0;
  return l.emitToken(t);
}

/** Scans a comment; the left comment marker is known to be present. */
function lexComment(l: Lexer): StateFn | null {
  l.pos += LEFT_COMMENT.length;
  const x = l.input.indexOf(RIGHT_COMMENT, l.pos);
  if (x < 0) return l.errorf("unclosed comment");
  l.pos = x + RIGHT_COMMENT.length;
  const { delim, trimSpaces } = l.atRightDelim();
  if (!delim) return l.errorf("comment ends before closing delimiter");
  if (trimSpaces) l.pos += TRIM_MARKER.length + 1;
  l.pos += l.rightDelim.length;
  if (trimSpaces) l.pos += leftTrimLength(l.input, l.pos);
  l.ignore();
  return lexText;
}

/** Scans the right delimiter, which is known to be present, possibly with a trim marker. */
function lexRightDelim(l: Lexer): StateFn | null {
  const { trimSpaces } = l.atRightDelim();
  if (trimSpaces) {
    l.pos += TRIM_MARKER.length + 1;
    l.ignore();
  }
  l.pos += l.rightDelim.length;
  const t = l.thisToken(TokenKind.RightDelim);
  if (trimSpaces) {
    l.pos += leftTrimLength(l.input, l.pos);
    l.ignore();
  }
  l.insideAction = false;
  return l.emitToken(t);
}

/** Scans the elements inside action delimiters. */
function lexInsideAction(l: Lexer): StateFn | null {
  if (l.atRightDelim().delim) {
    if (l.parenDepth === 0) return lexRightDelim;
    return l.errorf("unclosed left paren");
  }
  const r = l.next();
  switch (r) {
    case EOF_RUNE:
      return l.errorf("unclosed action");
    case 0x3d: // =
      return l.emit(TokenKind.Assign);
    case 0x3a: // :
      if (l.next() !== 0x3d) return l.errorf("expected :=");
      return l.emit(TokenKind.Declare);
    case 0x7c: // |
      return l.emit(TokenKind.Pipe);
    case 0x22: // "
      return lexQuote;
    case 0x60: // `
      return lexRawQuote;
    case 0x24: // $
      return lexVariable;
    case 0x27: // '
      return lexChar;
    case 0x28: // (
      l.parenDepth++;
      return l.emit(TokenKind.LeftParen);
    case 0x29: // )
      l.parenDepth--;
      if (l.parenDepth < 0) return l.errorf("unexpected right paren");
      return l.emit(TokenKind.RightParen);
    case 0x2e: {
      // '.' starts a field unless a digit follows (then it is a number like .5).
      const c = l.input.charCodeAt(l.pos);
      if (l.pos < l.input.length && (c < 0x30 || c > 0x39)) return lexField;
      l.backup();
      return lexNumber;
    }
  }
  if (isSpace(r)) {
    // Put the space back in case it belongs to " -}}".
    l.backup();
    return lexSpace;
  }
  if (r === 0x2b || r === 0x2d || (r >= 0x30 && r <= 0x39)) {
    l.backup();
    return lexNumber;
  }
  if (isAlphaNumeric(r)) {
    l.backup();
    return lexIdentifier;
  }
  if (r < 0x7f && r >= 0x20) return l.emit(TokenKind.Char);
  return l.errorf(`unrecognized character in action: ${formatRuneU(r)}`);
}

/** Go's `%#U` of a rune: `U+0001` or `U+00E9 'é'`. */
export function formatRuneU(r: number): string {
  const hex = "U+" + r.toString(16).toUpperCase().padStart(4, "0");
  return r >= 0x20 && r !== 0x7f && !(r >= 0x80 && r < 0xa0) ? `${hex} '${String.fromCodePoint(r)}'` : hex;
}

/** Scans a run of spaces; a space followed by "-}}" belongs to the delimiter. */
function lexSpace(l: Lexer): StateFn | null {
  let numSpaces = 0;
  while (isSpace(l.peek())) {
    l.next();
    numSpaces++;
  }
  if (hasRightTrimMarker(l.input, l.pos - 1) && l.input.startsWith(l.rightDelim, l.pos + 1)) {
    l.backup();
    if (numSpaces === 1) return lexRightDelim;
  }
  return l.emit(TokenKind.Space);
}

/** Scans an alphanumeric word: keyword, bool or function name. */
function lexIdentifier(l: Lexer): StateFn | null {
  let r: number;
  do r = l.next();
  while (isAlphaNumeric(r));
  l.backup();
  const word = l.input.slice(l.start, l.pos);
  if (!l.atTerminator()) return l.errorf(`bad character ${formatRuneU(r)}`);
  const kw = KEYWORDS.get(word);
  if (kw !== undefined && kw > TokenKind.Keyword) {
    if ((kw === TokenKind.Break && !l.breakOK) || (kw === TokenKind.Continue && !l.continueOK)) {
      return l.emit(TokenKind.Identifier);
    }
    return l.emit(kw);
  }
  if (word === "true" || word === "false") return l.emit(TokenKind.Bool);
  return l.emit(TokenKind.Identifier);
}

/** Scans a field `.Name`; the dot has been consumed. */
function lexField(l: Lexer): StateFn | null {
  return lexFieldOrVariable(l, TokenKind.Field);
}

/** Scans a variable `$name`; the dollar has been consumed. */
function lexVariable(l: Lexer): StateFn | null {
  if (l.atTerminator()) return l.emit(TokenKind.Variable);
  return lexFieldOrVariable(l, TokenKind.Variable);
}

function lexFieldOrVariable(l: Lexer, kind: TokenKind): StateFn | null {
  if (l.atTerminator()) return l.emit(kind === TokenKind.Variable ? TokenKind.Variable : TokenKind.Dot);
  let r: number;
  do r = l.next();
  while (isAlphaNumeric(r));
  l.backup();
  if (!l.atTerminator()) return l.errorf(`bad character ${formatRuneU(r)}`);
  return l.emit(kind);
}

/** Scans a character constant; the opening quote has been consumed. */
function lexChar(l: Lexer): StateFn | null {
  for (;;) {
    let r = l.next();
    if (r === 0x5c) {
      r = l.next();
      if (r !== EOF_RUNE && r !== 0x0a) continue;
    }
    if (r === EOF_RUNE || r === 0x0a) return l.errorf("unterminated character constant");
    if (r === 0x27) return l.emit(TokenKind.CharConstant);
  }
}

/** Scans a number: decimal, 0x/0o/0b, float with exponent, imaginary, or a complex `1+2i`. */
function lexNumber(l: Lexer): StateFn | null {
  if (!scanNumber(l)) return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
  const sign = l.peek();
  if (sign === 0x2b || sign === 0x2d) {
    if (!scanNumber(l) || l.input[l.pos - 1] !== "i") {
      return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
    }
    return l.emit(TokenKind.Complex);
  }
  return l.emit(TokenKind.Number);
}

function scanNumber(l: Lexer): boolean {
  l.accept("+-");
  let digits = "0123456789_";
  if (l.accept("0")) {
    // A leading 0 does not mean octal in floats.
    if (l.accept("xX")) digits = "0123456789abcdefABCDEF_";
    else if (l.accept("oO")) digits = "01234567_";
    else if (l.accept("bB")) digits = "01_";
  }
  l.acceptRun(digits);
  if (l.accept(".")) l.acceptRun(digits);
  if (digits.length === 11 && l.accept("eE")) {
    l.accept("+-");
    l.acceptRun("0123456789_");
  }
  if (digits.length === 23 && l.accept("pP")) {
    l.accept("+-");
    l.acceptRun("0123456789_");
  }
  l.accept("i");
  // The next thing mustn't be alphanumeric.
  if (isAlphaNumeric(l.peek())) {
    l.next();
    return false;
  }
  return true;
}

/** Scans a quoted string; the opening quote has been consumed. */
function lexQuote(l: Lexer): StateFn | null {
  for (;;) {
    let r = l.next();
    if (r === 0x5c) {
      r = l.next();
      if (r !== EOF_RUNE && r !== 0x0a) continue;
    }
    if (r === EOF_RUNE || r === 0x0a) return l.errorf("unterminated quoted string");
    if (r === 0x22) return l.emit(TokenKind.String);
  }
}

/** Scans a raw quoted string; the opening backquote has been consumed. */
function lexRawQuote(l: Lexer): StateFn | null {
  for (;;) {
    const r = l.next();
    if (r === EOF_RUNE) return l.errorf("unterminated raw quoted string");
    if (r === 0x60) return l.emit(TokenKind.RawString);
  }
}
