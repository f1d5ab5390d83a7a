import { type Link, srp } from '@wirecraft/capture';
import { type Packet, summary } from '@wirecraft/packet';

/** One reply srp matched to the sent packet (the packet package's answers()). */
export interface MatchedAnswer {
  summary: string;
  rttMs: number;
}

export interface SendReport {
  /** One line for the status bar. */
  status: string;
  answers: MatchedAnswer[];
}

/** How long the composer listens for answers after a send (every answer is kept: several DHCP offers). */
export const ANSWER_WINDOW_MS = 2000;

/** Sends the composed packet on `link` and lists every frame that answers it within the window. */
export async function sendAndMatch(
  link: Link,
  request: Packet,
  windowMs = ANSWER_WINDOW_MS,
): Promise<SendReport> {
  const { answered } = await srp(link, request, { timeout: windowMs, multi: true });
  const answers = answered.map((answer) => ({ summary: summary(answer.reply), rttMs: answer.rttMs }));
  const count = answers.length === 1 ? '1 answer' : `${answers.length} answers`;
  return {
    status: `sent on ${link.name}: ${count} in ${(windowMs / 1000).toFixed(1)} s`,
    answers,
  };
}
