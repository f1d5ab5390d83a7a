/** Syntax tree of the Python expression subset scapy one-liners use. `start` is the 0-based source offset. */
export type ScapyExpr =
  | { kind: 'int'; value: number; start: number }
  | { kind: 'str'; value: string; start: number }
  | { kind: 'bytes'; value: Uint8Array; start: number }
  | { kind: 'const'; value: null | boolean; start: number }
  | { kind: 'name'; name: string; start: number }
  | { kind: 'attr'; object: ScapyExpr; name: string; start: number }
  | { kind: 'call'; callee: ScapyExpr; args: ScapyExpr[]; kwargs: ScapyKeyword[]; start: number }
  | { kind: 'list'; items: ScapyExpr[]; start: number }
  | { kind: 'tuple'; items: ScapyExpr[]; start: number }
  | { kind: 'binary'; op: '/' | '*' | '+' | '-'; left: ScapyExpr; right: ScapyExpr; start: number }
  | { kind: 'unary'; op: '-' | '+'; operand: ScapyExpr; start: number };

export interface ScapyKeyword {
  name: string;
  value: ScapyExpr;
  start: number;
}
