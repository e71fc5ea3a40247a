import { describe, it, expect } from 'vitest';
import { WedgeDetector, parseQrId } from '../../renderer/src/lib/qrWedge';

const QR = '001099012345|123456789|Nguyễn Văn Mẫu|02011990|Nam|Xã Tân Phú, Huyện Tân Phú, Tỉnh Đồng Nai|01012021';

describe('QR wedge', () => {
  it('parses the ID number and derives CAN = last 6 digits', () => {
    expect(parseQrId(QR)).toEqual({ idNumber: '001099012345', can: '012345' });
    expect(parseQrId('hello')).toBeNull();
    expect(parseQrId('12345|x')).toBeNull();
  });

  it('detects a fast burst ending in Enter', () => {
    const d = new WedgeDetector();
    let t = 1000;
    let out = null;
    for (const ch of QR) out = d.feed(ch, (t += 5)) ?? out;
    expect(out).toBeNull();
    expect(d.feed('Enter', (t += 5))).toEqual({ idNumber: '001099012345', can: '012345' });
  });

  it('ignores slow human typing and bursts without a separator', () => {
    const d = new WedgeDetector();
    let t = 0;
    for (const ch of QR) d.feed(ch, (t += 150));
    expect(d.feed('Enter', (t += 150))).toBeNull();
    for (const ch of '0010990123450010990123') d.feed(ch, (t += 3));
    expect(d.feed('Enter', (t += 3))).toBeNull();
  });
});
