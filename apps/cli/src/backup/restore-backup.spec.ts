import { createHash } from 'node:crypto';
import { extendTree } from '@renja/event-store/integrity/merkle-frontier';
import { emptyRoot, rootFromLeafHashes } from '@renja/integrity';
import { rootOfPeaks } from './restore-backup';

const leaf = (i: number) => createHash('sha256').update(`event ${i}`).digest();

describe('rootOfPeaks: the root restore compares with each signed checkpoint', () => {
  it('is the RFC 6962 root of the leaves for every size from 0 to 70, the tree grown in uneven batches', () => {
    let peaks: Buffer[] = [];
    const leaves: Buffer[] = [];
    expect(rootOfPeaks(peaks).equals(emptyRoot())).toBe(true);
    for (let size = 0; size < 70;) {
      const batch = Array.from({ length: 1 + (size % 5) }, (_, k) => leaf(size + k));
      peaks = extendTree(size, peaks, batch).peaks;
      leaves.push(...batch);
      size += batch.length;
      expect(rootOfPeaks(peaks).toString('hex')).toBe(rootFromLeafHashes(leaves).toString('hex'));
    }
  });

  it('changes when one leaf changes', () => {
    const leaves = Array.from({ length: 13 }, (_, i) => leaf(i));
    const altered = [...leaves];
    altered[6] = leaf(1000);
    expect(rootOfPeaks(extendTree(0, [], altered).peaks).equals(rootOfPeaks(extendTree(0, [], leaves).peaks))).toBe(false);
  });
});
