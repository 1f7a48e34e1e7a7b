// Properties of values read back from settings and the engine: restored window bounds always fit on a display,
// container states and health always come out as one the UI knows.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { healthFromStatus, parseContainerState } from '../../../src-main/core/container-status';
import { restoreWindowBounds, type WindowBounds } from '../../../src-main/core/window-state';
import { RUNS } from './parse-outcome';

const coordinate = fc.oneof(fc.integer({ min: -5000, max: 5000 }), fc.double(), fc.constantFrom(NaN, Infinity, -0.5));
const length = fc.oneof(fc.integer({ min: -10, max: 5000 }), fc.double(), fc.constantFrom(NaN, 0, 0.4));
const bounds = fc.record({ x: coordinate, y: coordinate, width: length, height: length });
const display = fc.record(
  {
    x: fc.integer({ min: -4000, max: 4000 }),
    y: fc.integer({ min: -4000, max: 4000 }),
    width: fc.integer({ min: 1, max: 4000 }),
    height: fc.integer({ min: 1, max: 4000 }),
    primary: fc.boolean(),
  },
  { requiredKeys: ['x', 'y', 'width', 'height'] },
);

const inside = (b: WindowBounds, d: WindowBounds) =>
  b.x >= d.x && b.y >= d.y && b.x + b.width <= d.x + d.width && b.y + b.height <= d.y + d.height;

describe('restoreWindowBounds (properties)', () => {
  it('gives whole-pixel bounds fully on one usable display, whatever was saved', () => {
    fc.assert(
      fc.property(
        fc.option(bounds, { nil: undefined }),
        fc.array(fc.oneof(display, bounds), { maxLength: 4 }),
        (saved, displays) => {
          const result = restoreWindowBounds(saved, displays);
          expect(Object.values(result).every(Number.isInteger)).toBe(true);
          expect(result.width).toBeGreaterThanOrEqual(1);
          const usable = displays
            .filter((d) => [d.x, d.y, d.width, d.height].every(Number.isFinite) && d.width >= 1 && d.height >= 1)
            .map((d) => ({
              x: Math.round(d.x),
              y: Math.round(d.y),
              width: Math.round(d.width),
              height: Math.round(d.height),
            }));
          if (usable.length > 0)
            expect(
              usable.some((d) => inside(result, d)),
              JSON.stringify(result),
            ).toBe(true);
        },
      ),
      RUNS,
    );
  });
});

describe('container state and health (properties)', () => {
  it('reads any text as a known state and health', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        expect(['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead']).toContain(
          parseContainerState(text),
        );
        expect(['healthy', 'unhealthy', 'starting', 'none']).toContain(healthFromStatus(text));
      }),
      RUNS,
    );
  });
});
