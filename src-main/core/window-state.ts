// Where the main window opens: its saved bounds when still on a display, else a default size centred on the primary one.

/** A window's position and size in screen pixels (DIPs); x and y may be negative on a monitor left of or above the primary. */
export interface WindowBounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The part of a display windows may use (without taskbar, dock or menu bar). */
export interface WorkArea extends WindowBounds {
  primary?: boolean;
}

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 800 } as const;

/** How much of the saved window must still be on a display for the saved bounds to be kept, in pixels. */
const MIN_VISIBLE = { width: 100, height: 50 } as const;

/**
 * Bounds that are fully visible on one of `displays`. Saved bounds are kept where at least
 * 100×50 px of them is still on a display: the size is clamped to that display's work area and the
 * window moved only as far as it must to fit. Otherwise (nothing saved, or its monitor is gone)
 * the window gets 1280×800, clamped and centred on the primary display. Integers only.
 */
export function restoreWindowBounds(saved: WindowBounds | undefined, displays: readonly WorkArea[]): WindowBounds {
  const areas = displays.filter(isUsable).map((area) => ({ ...rounded(area), primary: area.primary === true }));
  const primary = areas.find((area) => area.primary) ?? areas[0];
  if (!primary) return { x: 0, y: 0, ...DEFAULT_WINDOW_SIZE };
  const bounds = saved && isUsable(saved) ? rounded(saved) : undefined;
  const home = bounds && bestDisplay(bounds, areas);
  if (!bounds || !home) return centred({ x: 0, y: 0, ...DEFAULT_WINDOW_SIZE }, primary);
  const width = Math.min(bounds.width, home.width);
  const height = Math.min(bounds.height, home.height);
  return {
    x: clamp(bounds.x, home.x, home.x + home.width - width),
    y: clamp(bounds.y, home.y, home.y + home.height - height),
    width,
    height,
  };
}

/** The display holding the largest part of `bounds`, if that part is at least MIN_VISIBLE. */
function bestDisplay(bounds: WindowBounds, areas: readonly WorkArea[]): WorkArea | undefined {
  let best: WorkArea | undefined;
  let bestArea = 0;
  for (const area of areas) {
    const width = overlap(bounds.x, bounds.width, area.x, area.width);
    const height = overlap(bounds.y, bounds.height, area.y, area.height);
    if (width < MIN_VISIBLE.width || height < MIN_VISIBLE.height || width * height <= bestArea) continue;
    best = area;
    bestArea = width * height;
  }
  return best;
}

function centred(size: WindowBounds, area: WorkArea): WindowBounds {
  const width = Math.min(size.width, area.width);
  const height = Math.min(size.height, area.height);
  return {
    x: area.x + Math.floor((area.width - width) / 2),
    y: area.y + Math.floor((area.height - height) / 2),
    width,
    height,
  };
}

/** Length of the overlap of [a, a + aLength) and [b, b + bLength). */
function overlap(a: number, aLength: number, b: number, bLength: number): number {
  return Math.max(0, Math.min(a + aLength, b + bLength) - Math.max(a, b));
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, max));
}

function isUsable(bounds: WindowBounds): boolean {
  const values = [bounds.x, bounds.y, bounds.width, bounds.height];
  return values.every(Number.isFinite) && bounds.width >= 1 && bounds.height >= 1;
}

function rounded(bounds: WindowBounds): WindowBounds {
  return {
    x: Math.round(bounds.x),
    y: Math.round(bounds.y),
    width: Math.round(bounds.width),
    height: Math.round(bounds.height),
  };
}
