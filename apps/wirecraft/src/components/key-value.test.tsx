import { describe, expect, it } from '@jest/globals';
import { render } from 'ink-testing-library';
import { KeyValue } from './key-value.js';

describe('KeyValue', () => {
  it('aligns values after the widest label', () => {
    const { lastFrame, unmount } = render(
      <KeyValue
        title="Lease"
        rows={[
          ['address', '198.18.0.10'],
          ['lease time', '3600 s'],
        ]}
      />,
    );
    expect(lastFrame()).toBe('Lease\naddress    198.18.0.10\nlease time 3600 s');
    unmount();
  });
});
