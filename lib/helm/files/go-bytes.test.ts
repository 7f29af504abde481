/**
 * Go strings are bytes: binary files and bytes that are not UTF-8 (from `.Files`, `b64dec`, a
 * template's `\xff`) render as in Helm. Each row renders a one-off chart with the real Helm v4.1.4
 * and the engine and compares the answers byte for byte (both sides hold such bytes escaped, as
 * value.ts does, so a U+FFFD where Helm wrote the byte is a difference).
 */
import { describe, expect, it } from "vitest";
import { both } from "../helm-both.test-util";
import type { RenderOptions } from "../render-chart";

// 64 bytes of every kind: ASCII, continuation bytes, cut and overlong sequences, 0xff.
const KEY = Uint8Array.from({ length: 64 }, (_, i) => (i * 151 + 7) % 256);
// Text with bytes that are not UTF-8: a lone 0xff, a lone lead byte, a sequence cut short.
const BAD = Uint8Array.from([0x61, 0xff, 0x62, 0xc3, 0x0a, 0xe2, 0x82, 0x78, 0x0a]);
const bytesOf = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

type Files = Record<string, string | Uint8Array>;

/** A row's test: the engine answers as Helm does, byte for byte. */
function matchesHelm(_name: string, files: Files, args: string[] = [], opts: RenderOptions = {}): void {
  const [ours, helm] = both(files, args, opts);
  expect(ours).toEqual(helm);
}

const tpl = (name: string, template: string, more: Files = {}): [string, Files] => [name, { "files/key.bin": KEY, "files/bad.txt": BAD, "templates/x.yaml": template, ...more }];

describe("a binary file's bytes reach the functions that read bytes", () => {
  it.each([
    tpl("b64enc and len of .Files.Get", 'b: {{ .Files.Get "files/key.bin" | b64enc }}\nl: {{ .Files.Get "files/key.bin" | len }}\n'),
    tpl("hashes", 'a: {{ .Files.Get "files/key.bin" | sha1sum }}\nb: {{ .Files.Get "files/key.bin" | sha256sum }}\nc: {{ .Files.Get "files/key.bin" | sha512sum }}\nd: {{ .Files.Get "files/key.bin" | adler32sum }}\n'),
    tpl("b32enc, printf %x and % X, and .Files.GetBytes through toString", 'a: {{ .Files.Get "files/key.bin" | b32enc }}\nb: {{ printf "%x" (.Files.Get "files/key.bin") }}\nc: {{ printf "% X" (.Files.GetBytes "files/key.bin") }}\nd: {{ .Files.GetBytes "files/key.bin" | toString | b64enc }}\n'),
    tpl("index, slice and trunc count bytes", 'a: {{ index (.Files.Get "files/key.bin") 3 }}\nb: {{ slice (.Files.Get "files/key.bin") 5 9 | b64enc }}\nc: {{ .Files.Get "files/key.bin" | trunc 7 | b64enc }}\nd: {{ .Files.Get "files/key.bin" | substr 2 6 | b64enc }}\n'),
    tpl("b64dec gives the bytes back, a byte order mark too; encryptAES and decryptAES keep them", 'a: {{ .Files.Get "files/key.bin" | b64enc | b64dec | sha256sum }}\nb: {{ encryptAES "k" (.Files.Get "files/key.bin") | decryptAES "k" | b64enc }}\nc: {{ b64dec "77u/YQ==" | len }} {{ printf "%s" (b64dec "77u/YQ==") | b64enc }}\n'),
    tpl(".Files.AsSecrets and a Glob's AsSecrets", "a:\n{{ .Files.AsSecrets | indent 2 }}\nb:\n{{ (.Files.Glob \"files/*.bin\").AsSecrets | indent 2 }}\n"),
  ])("%s", matchesHelm);
});

describe("text with bytes that are not UTF-8, function by function", () => {
  it.each([
    tpl("quote, squote and %q write \\x escapes", 'a: {{ .Files.Get "files/bad.txt" | quote }}\nb: {{ .Files.Get "files/bad.txt" | squote | b64enc }}\nc: {{ printf "%q %+q %#q" (.Files.Get "files/bad.txt") (.Files.Get "files/bad.txt") (.Files.Get "files/bad.txt") }}\n'),
    tpl("toJson and its family write \\ufffd", 'a: {{ .Files.Get "files/bad.txt" | toJson }}\nb: {{ list (.Files.Get "files/bad.txt") | toRawJson }}\nc: {{ dict "k" (.Files.Get "files/bad.txt") | toPrettyJson | b64enc }}\n'),
    tpl("toYaml goes through JSON: U+FFFD for each byte", 'a: {{ dict "k" (.Files.Get "files/bad.txt") | toYaml | b64enc }}\nb: {{ .Files.AsConfig | b64enc }}\n'),
    tpl(
      "toYaml's key limit counts such a byte as JSON's six characters \\ufffd (goyaml's 1024 characters for a simple key)",
      'a: {{ dict (printf "%s\\xff" (repeat 1016 "a")) 1 | toYaml | len }}\nb: {{ dict (printf "%s\\xff" (repeat 1017 "a")) 1 | toYaml | len }}\nc: {{ dict (printf "%s\\ufffd" (repeat 1021 "a")) 1 | toYaml | len }}\nd: {{ dict (printf "%s\\xff\\xfe" (repeat 1012 "a")) 1 | toYaml | len }}\n',
    ),
    tpl("mustToYaml of a key too long once its byte is \\ufffd", '{{ dict (printf "%s\\xff" (repeat 1017 "a")) 1 | mustToYaml }}\n'),
    tpl("upper, lower, title map each byte to U+FFFD", 'a: {{ .Files.Get "files/bad.txt" | upper | b64enc }}\nb: {{ .Files.Get "files/bad.txt" | lower | b64enc }}\nc: {{ .Files.Get "files/bad.txt" | title | b64enc }}\n'),
    tpl("trim, replace, split and contains keep the bytes", 'a: {{ .Files.Get "files/bad.txt" | trim | b64enc }}\nb: {{ .Files.Get "files/bad.txt" | replace "b" "B" | b64enc }}\nc: {{ splitList "\\n" (.Files.Get "files/bad.txt") | len }} {{ contains "b" (.Files.Get "files/bad.txt") }}\n'),
    tpl("regular expressions match each byte as one character", 'a: {{ regexReplaceAll "." (.Files.Get "files/bad.txt") "<$0>" | b64enc }}\nb: {{ regexFindAll "." (.Files.Get "files/bad.txt") -1 | toJson }}\nc: {{ regexMatch "^a.b" (.Files.Get "files/bad.txt") }}\n'),
    tpl(".Files.Lines", 'a: {{ .Files.Lines "files/bad.txt" | toJson }}\nb: {{ range .Files.Lines "files/bad.txt" }}{{ len . }} {{ end }}\n'),
    tpl("js keeps the bytes; sortAlpha, keys and range go in byte order", '{{- $b := .Files.Get "files/bad.txt" }}a: {{ js $b | b64enc }}\nb: {{ list $b "a" "\\xc3" "\\u00e9" "\\xff" "z" | sortAlpha | toJson }}\nc: {{ range $k, $v := dict $b 1 "a" 2 "\\xff" 3 "\\u00e9" 4 }}{{ $v }}{{ end }} {{ lt "\\xc3" "\\u00e9" }} {{ eq (b64dec "/w==") "\\xff" }}\n'),
    tpl(
      "snakecase and kebabcase (xstrings' words skip such bytes and U+FFFD: raw in most words, U+FFFD in upper-case and connector words)",
      '{{- range $i, $s := list "a\\xffb" "A\\xffB" "AB\\xffCd" "HTTP\\xffServer" "\\xff" "\\xff\\xfeA" "-\\xff-x" "a b\\xff" "1\\xffa" "x1\\xff2y" "Ab1\\xffcd" "ABC\\xff" "a\\ufffdb" "a.\\xff.b" "\\u4e2d\\xff\\u4e2d" "a\\xff" }}\nk{{ $i }}: {{ snakecase $s | b64enc }} {{ kebabcase $s | b64enc }} {{ camelcase $s | b64enc }} {{ swapcase $s | b64enc }} {{ shuffle (printf "%s%s" (substr 1 2 $s) (substr 1 2 $s)) | b64enc }}{{ end }}\nf: {{ .Files.Get "files/bad.txt" | snakecase | b64enc }} {{ .Files.Get "files/bad.txt" | kebabcase | b64enc }}\n',
    ),
    tpl("%s and %v with a precision count the bytes as runes", 'a: {{ printf "%.3s|%5.2v" (.Files.Get "files/bad.txt") (.Files.Get "files/bad.txt") | b64enc }}\n'),
  ])("%s", matchesHelm);
});

describe("bytes in templates and chart files", () => {
  it.each([
    ["a \\x escape in a string literal is a byte; '\\xff' is rune 255", { "templates/x.yaml": 'a: {{ "\\xff\\xc3\\xa9" | b64enc }}\nb: {{ printf "%d" \'\\xff\' }}\n' }],
    ["a byte that is not UTF-8 in a \"…\" literal is U+FFFD, in a `…` literal itself", { "templates/x.yaml": bytesOf('a: {{ "\xfe" | b64enc }}\nb: {{ `\xfd` | b64enc }}\n') }],
    ["such a byte in a char constant is U+FFFD (utf8.DecodeRune's RuneError)", { "templates/x.yaml": bytesOf("a: {{ printf \"%d\" '\xfe' }}\n") }],
    ["a template's text with such a byte fails as YAML", { "templates/x.yaml": bytesOf("a: \xff\n") }],
    ["a template's output with such a byte fails as YAML", { "templates/x.yaml": 'a: {{ b64dec "4oI=" }}\n' }],
    ["a helper's text keeps its bytes through include and tpl", { "templates/_h.tpl": bytesOf('{{ define "h" }}\xff{{ end }}'), "files/t": bytesOf('\xfc{{ "\xfb" }}'), "templates/x.yaml": 'a: {{ include "h" . | b64enc }}\nb: {{ tpl (.Files.Get "files/t") . | b64enc }}\n' }],
    ["a values.yaml with such a byte", { "values.yaml": bytesOf('a: "\xe2\x82"\n'), "templates/x.yaml": "a: 1\n" }],
    ["!!binary in values.yaml, fromYaml and Chart.yaml: the JSON step makes each such byte U+FFFD", { "Chart.yaml": "apiVersion: v2\nname: c\nversion: 0.1.0\ndescription: !!binary 4oI=\n", "values.yaml": "a: !!binary /w==\nb: !!binary 4oI=\nc: !!binary YcOp\n", "templates/x.yaml": 'a: {{ .Values.a | b64enc }} {{ .Values.b | b64enc }} {{ .Values.c }} {{ (fromYaml "k: !!binary 4oI=").k | b64enc }} {{ .Chart.Description | b64enc }}\n' }],
    ["fromYaml of such bytes", { "templates/x.yaml": 'a: {{ fromYaml (b64dec "YTogwyg=") | toJson }}\nb: {{ fromJson (printf "\\"%s\\"" (b64dec "/w==")) | toJson }}\n' }],
    ["fail prints the bytes", { "templates/x.yaml": '{{ fail (b64dec "Yf9i") }}\n' }],
  ])("%s", (name, files) => matchesHelm(name, files));

  it("a CRD's bytes are printed as they are", () => {
    matchesHelm("", { "crds/c.yaml": bytesOf('apiVersion: v1\nkind: X\nmetadata:\n  name: "a\xffb"\n'), "templates/x.yaml": "a: 1\n" }, ["--include-crds"], { includeCrds: true });
  });

  it("a UTF-8 byte order mark at the start of a chart's files is dropped when the chart loads", () => {
    const bom = (s: string): Uint8Array => Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(s)]);
    matchesHelm("", { "Chart.yaml": bom("apiVersion: v2\nname: c\nversion: 0.1.0\n"), "values.yaml": bom("a: 1\n"), "files/b.txt": bom("hi"), "templates/x.yaml": bom('x: {{ .Files.Get "files/b.txt" | len }} {{ .Values.a }} {{ .Files.AsSecrets | b64enc }}\n') });
  });

  it("a Chart.yaml with such a byte", () => {
    matchesHelm("", { "Chart.yaml": bytesOf('apiVersion: v2\nname: c\nversion: 0.1.0\ndescription: "\xff"\n'), "templates/x.yaml": "a: 1\n" });
  });
});
