import { InvalidFilterError } from '../errors.js';

/** Largest classic BPF program the kernel accepts (BPF_MAXINSNS). */
const MAX_INSTRUCTIONS = 4096;
const MEMORY_WORDS = 16;

// Classic BPF opcode fields (linux/filter.h, pcap/bpf.h).
const CLASS_LD = 0x00;
const CLASS_LDX = 0x01;
const CLASS_ST = 0x02;
const CLASS_STX = 0x03;
const CLASS_ALU = 0x04;
const CLASS_JMP = 0x05;
const CLASS_RET = 0x06;
const CLASS_MISC = 0x07;
const SIZE_W = 0x00;
const SIZE_H = 0x08;
const SIZE_B = 0x10;
const MODE_IMM = 0x00;
const MODE_ABS = 0x20;
const MODE_IND = 0x40;
const MODE_MEM = 0x60;
const MODE_LEN = 0x80;
const MODE_MSH = 0xa0;
const SRC_X = 0x08;
const RVAL_X = 0x08;
const RVAL_A = 0x10;

/**
 * A compiled classic BPF program (what libpcap's pcap_compile produces and `tcpdump -ddd` prints), run in
 * JavaScript over captured frames: the offline filter of pcap_offline_filter, without libpcap. A load past
 * the captured bytes rejects the frame, as the kernel and libpcap do.
 */
export class BpfProgram {
  readonly length: number;
  readonly #code: Uint16Array;
  readonly #jt: Uint8Array;
  readonly #jf: Uint8Array;
  readonly #k: Uint32Array;
  readonly #memory = new Uint32Array(MEMORY_WORDS);

  /** `instructions`: [code, jt, jf, k] each; validated like the kernel's bpf_check_classic. */
  constructor(
    instructions: readonly (readonly [number, number, number, number])[],
    readonly expression = '',
  ) {
    const count = instructions.length;
    if (count === 0 || count > MAX_INSTRUCTIONS) {
      throw new InvalidFilterError(
        expression,
        `a BPF program has 1 to ${MAX_INSTRUCTIONS} instructions, got ${count}`,
      );
    }
    this.length = count;
    this.#code = new Uint16Array(count);
    this.#jt = new Uint8Array(count);
    this.#jf = new Uint8Array(count);
    this.#k = new Uint32Array(count);
    instructions.forEach(([code, jt, jf, k], pc) => {
      const cls = code & 0x07;
      if (cls === CLASS_JMP) {
        const target = pc + 1 + ((code & 0xf0) === 0 ? k : Math.max(jt, jf));
        if (target >= count) {
          throw new InvalidFilterError(expression, `instruction ${pc} jumps past the end of the program`);
        }
      }
      const usesMemory =
        cls === CLASS_ST ||
        cls === CLASS_STX ||
        ((cls === CLASS_LD || cls === CLASS_LDX) && (code & 0xe0) === MODE_MEM);
      if (usesMemory && k >= MEMORY_WORDS) {
        throw new InvalidFilterError(expression, `instruction ${pc} uses scratch memory word ${k} of 0..15`);
      }
      this.#code[pc] = code;
      this.#jt[pc] = jt;
      this.#jf[pc] = jf;
      this.#k[pc] = k >>> 0;
    });
    if ((this.#code[count - 1] & 0x07) !== CLASS_RET) {
      throw new InvalidFilterError(expression, 'the last instruction of a BPF program must be a return');
    }
  }

  /**
   * Parses `tcpdump -ddd` output: the instruction count on the first line, then "code jt jf k" per line.
   */
  static fromDecimal(text: string, expression = ''): BpfProgram {
    const lines = text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    const declared = Number(lines[0]);
    const rows = lines.slice(1).map((line, index): [number, number, number, number] => {
      const [code = -1, jt = -1, jf = -1, k = -1, ...extra] = line.split(/\s+/).map(Number);
      if (extra.length > 0 || ![code, jt, jf, k].every((f) => Number.isInteger(f) && f >= 0)) {
        throw new InvalidFilterError(
          expression,
          `line ${index + 2} of the compiled program is not "code jt jf k": ${line}`,
        );
      }
      return [code, jt, jf, k];
    });
    if (!Number.isInteger(declared) || declared !== rows.length) {
      throw new InvalidFilterError(
        expression,
        `the compiled program declares ${lines[0]} instructions, has ${rows.length}`,
      );
    }
    return new BpfProgram(rows, expression);
  }

  /** The program's verdict: the number of bytes to keep, 0 to drop the frame. */
  run(data: Uint8Array, originalLength = data.length): number {
    const code = this.#code;
    const jt = this.#jt;
    const jf = this.#jf;
    const kk = this.#k;
    const memory = this.#memory;
    const caplen = data.length;
    let a = 0;
    let x = 0;
    let pc = 0;
    for (;;) {
      const op = code[pc];
      const k = kk[pc];
      switch (op & 0x07) {
        case CLASS_LD: {
          const mode = op & 0xe0;
          if (mode === MODE_IMM) a = k;
          else if (mode === MODE_LEN) a = originalLength >>> 0;
          else if (mode === MODE_MEM) a = memory[k];
          else if (mode === MODE_ABS || mode === MODE_IND) {
            const at = mode === MODE_ABS ? k : (x + k) >>> 0;
            const size = op & 0x18;
            const width = size === SIZE_W ? 4 : size === SIZE_H ? 2 : size === SIZE_B ? 1 : 0;
            if (width === 0 || at + width > caplen) return 0;
            a =
              width === 1
                ? data[at]
                : width === 2
                  ? (data[at] << 8) | data[at + 1]
                  : ((data[at] << 24) | (data[at + 1] << 16) | (data[at + 2] << 8) | data[at + 3]) >>> 0;
          } else return 0;
          break;
        }
        case CLASS_LDX: {
          const mode = op & 0xe0;
          if (mode === MODE_IMM) x = k;
          else if (mode === MODE_LEN) x = originalLength >>> 0;
          else if (mode === MODE_MEM) x = memory[k];
          else if (mode === MODE_MSH) {
            if (k >= caplen) return 0;
            x = (data[k] & 0x0f) << 2;
          } else return 0;
          break;
        }
        case CLASS_ST:
          memory[k] = a;
          break;
        case CLASS_STX:
          memory[k] = x;
          break;
        case CLASS_ALU: {
          const operand = op & SRC_X ? x : k;
          switch (op & 0xf0) {
            case 0x00:
              a = (a + operand) >>> 0;
              break;
            case 0x10:
              a = (a - operand) >>> 0;
              break;
            case 0x20:
              a = Math.imul(a, operand) >>> 0;
              break;
            case 0x30:
              if (operand === 0) return 0;
              a = Math.floor(a / operand) >>> 0;
              break;
            case 0x40:
              a = (a | operand) >>> 0;
              break;
            case 0x50:
              a = (a & operand) >>> 0;
              break;
            case 0x60:
              a = operand >= 32 ? 0 : (a << operand) >>> 0;
              break;
            case 0x70:
              a = operand >= 32 ? 0 : a >>> operand;
              break;
            case 0x80:
              a = -a >>> 0;
              break;
            case 0x90:
              if (operand === 0) return 0;
              a = a % operand;
              break;
            case 0xa0:
              a = (a ^ operand) >>> 0;
              break;
            default:
              return 0;
          }
          break;
        }
        case CLASS_JMP: {
          const operand = op & SRC_X ? x : k;
          let taken: boolean;
          switch (op & 0xf0) {
            case 0x00:
              pc += 1 + k;
              continue;
            case 0x10:
              taken = a === operand;
              break;
            case 0x20:
              taken = a > operand;
              break;
            case 0x30:
              taken = a >= operand;
              break;
            case 0x40:
              taken = (a & operand) !== 0;
              break;
            default:
              return 0;
          }
          pc += 1 + (taken ? jt[pc] : jf[pc]);
          continue;
        }
        case CLASS_RET: {
          const rval = op & 0x18;
          return rval === RVAL_A ? a : rval === RVAL_X ? x : k;
        }
        case CLASS_MISC:
          if (op & 0x80) a = x;
          else x = a;
          break;
      }
      pc++;
    }
  }

  /** True when the program accepts the frame. */
  matches(data: Uint8Array, originalLength = data.length): boolean {
    return this.run(data, originalLength) !== 0;
  }
}
