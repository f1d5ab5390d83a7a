import { Box, Text } from 'ink';
import type { OfferRow } from '../dora/dora-view.js';
import { formatElapsed } from './timeline.js';

export interface OfferListProps {
  offers: readonly OfferRow[];
  color: boolean;
}

/** Every offer collected while SELECTING, the chosen one marked. */
export function OfferList({ offers, color }: OfferListProps) {
  return (
    <Box flexDirection="column">
      <Text bold>Offers ({offers.length})</Text>
      {offers.map((offer) => (
        <Text key={`${offer.serverId}-${offer.address}-${offer.time}`} wrap="truncate-end">
          <Text {...(color && offer.chosen ? { color: 'green' } : {})}>{offer.chosen ? '✔' : ' '}</Text>{' '}
          {offer.address.padEnd(15)} from {offer.serverId.padEnd(15)} at {formatElapsed(offer.time)}
        </Text>
      ))}
    </Box>
  );
}
