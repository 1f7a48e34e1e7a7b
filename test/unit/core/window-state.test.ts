import { describe, expect, it } from 'vitest';
import { restoreWindowBounds, type WorkArea } from '../../../src-main/core/window-state';

/** A 1920×1080 primary with a 25 px menu bar, and a 1440×900 monitor to its left. */
const PRIMARY: WorkArea = { x: 0, y: 25, width: 1920, height: 1055, primary: true };
const LEFT: WorkArea = { x: -1440, y: 0, width: 1440, height: 900 };
/** 1280×800 centred on PRIMARY. */
const DEFAULT_ON_PRIMARY = { x: 320, y: 152, width: 1280, height: 800 };

describe('restoreWindowBounds', () => {
  it('centres 1280×800 on the primary display when nothing is saved', () => {
    expect(restoreWindowBounds(undefined, [LEFT, PRIMARY])).toEqual(DEFAULT_ON_PRIMARY);
  });

  it('falls back to the first display when none is marked primary', () => {
    expect(restoreWindowBounds(undefined, [{ x: 100, y: 0, width: 1600, height: 1000 }])).toEqual({
      x: 260,
      y: 100,
      width: 1280,
      height: 800,
    });
  });

  it('shrinks the default size to a small primary display', () => {
    expect(restoreWindowBounds(undefined, [{ x: 0, y: 0, width: 1024, height: 740, primary: true }])).toEqual({
      x: 0,
      y: 0,
      width: 1024,
      height: 740,
    });
  });

  it('keeps saved bounds that are fully visible', () => {
    const saved = { x: 200, y: 100, width: 1000, height: 700 };
    expect(restoreWindowBounds(saved, [PRIMARY, LEFT])).toEqual(saved);
  });

  it('keeps negative coordinates on a monitor left of the primary', () => {
    const saved = { x: -1300, y: 50, width: 1100, height: 700 };
    expect(restoreWindowBounds(saved, [PRIMARY, LEFT])).toEqual(saved);
  });

  it('centres the default on the primary when the saved monitor is gone', () => {
    expect(restoreWindowBounds({ x: -1300, y: 50, width: 1100, height: 700 }, [PRIMARY])).toEqual(DEFAULT_ON_PRIMARY);
  });

  it('centres the default when less than 100×50 px of the saved window is on any display', () => {
    // 99 px wide strip on the primary's right edge.
    expect(restoreWindowBounds({ x: 1821, y: 200, width: 800, height: 600 }, [PRIMARY])).toEqual(DEFAULT_ON_PRIMARY);
    // 40 px tall strip above the primary's bottom edge.
    expect(restoreWindowBounds({ x: 100, y: 1040, width: 800, height: 600 }, [PRIMARY])).toEqual(DEFAULT_ON_PRIMARY);
  });

  it('moves a window with at least 100×50 px on a display fully onto it', () => {
    expect(restoreWindowBounds({ x: 1820, y: 200, width: 800, height: 600 }, [PRIMARY])).toEqual({
      x: 1120,
      y: 200,
      width: 800,
      height: 600,
    });
    expect(restoreWindowBounds({ x: 100, y: 0, width: 800, height: 600 }, [PRIMARY])).toEqual({
      x: 100,
      y: 25,
      width: 800,
      height: 600,
    });
  });

  it('clamps a window bigger than its display to that display', () => {
    expect(restoreWindowBounds({ x: -1500, y: -20, width: 2000, height: 1200 }, [PRIMARY, LEFT])).toEqual({
      x: -1440,
      y: 0,
      width: 1440,
      height: 900,
    });
  });

  it('places a window straddling two monitors on the one holding more of it', () => {
    // 300 px on the left monitor, 700 px on the primary.
    expect(restoreWindowBounds({ x: -300, y: 100, width: 1000, height: 600 }, [LEFT, PRIMARY])).toEqual({
      x: 0,
      y: 100,
      width: 1000,
      height: 600,
    });
  });

  it('returns integers for fractional bounds and work areas', () => {
    const bounds = restoreWindowBounds({ x: 10.6, y: 40.2, width: 900.5, height: 600.4 }, [
      { x: 0, y: 0.5, width: 1366.4, height: 767.6, primary: true },
    ]);
    expect(bounds).toEqual({ x: 11, y: 40, width: 901, height: 600 });
    const centred = restoreWindowBounds(undefined, [{ x: 0, y: 0, width: 1365, height: 801, primary: true }]);
    expect(Object.values(centred).every(Number.isInteger)).toBe(true);
  });

  it('ignores saved bounds that are not numbers or have no size', () => {
    expect(restoreWindowBounds({ x: Number.NaN, y: 0, width: 800, height: 600 }, [PRIMARY])).toEqual(
      DEFAULT_ON_PRIMARY,
    );
    expect(restoreWindowBounds({ x: 0, y: 30, width: 0, height: 600 }, [PRIMARY])).toEqual(DEFAULT_ON_PRIMARY);
  });

  it('returns only the four bounds, whatever else the saved object holds', () => {
    const saved = { x: 200, y: 100, width: 1000, height: 700, maximized: true };
    expect(restoreWindowBounds(saved, [PRIMARY])).toEqual({ x: 200, y: 100, width: 1000, height: 700 });
  });

  it('gives the default size at the origin when no display is known', () => {
    expect(restoreWindowBounds({ x: 5, y: 5, width: 800, height: 600 }, [])).toEqual({
      x: 0,
      y: 0,
      width: 1280,
      height: 800,
    });
  });
});
