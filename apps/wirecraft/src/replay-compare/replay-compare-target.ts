import { type Link, openLiveLink } from '@wirecraft/capture';
import { startLabTarget } from '@wirecraft/probe';
import { openEmbeddedTarget } from '../probe/probe-target.js';
import type { ReplayTargetRequest } from './replay-compare-args.js';

export interface ReplayTarget {
  link: Link;
  description: string;
  close(): Promise<void>;
}

/** DHCP both ways: the replayed client messages and the server's answers. */
const REPLAY_CAPTURE_FILTER = 'udp and (port 67 or port 68)';

export async function openReplayTarget(request: ReplayTargetRequest): Promise<ReplayTarget> {
  switch (request.kind) {
    case 'embedded': {
      const opened = await openEmbeddedTarget();
      return { link: opened.link, description: opened.description, close: opened.close };
    }
    case 'lab': {
      const lab = await startLabTarget(request.server);
      const t = lab.target;
      return {
        link: lab.link,
        description: `lab ${request.server} ${t.serverAddress} (pool ${t.poolStart}-${t.poolEnd})`,
        close: () => lab.close(),
      };
    }
    case 'iface': {
      const link = await openLiveLink({ iface: request.iface, filter: REPLAY_CAPTURE_FILTER });
      return { link, description: request.iface, close: () => link.close() };
    }
  }
}
