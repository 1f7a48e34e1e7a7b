import { describe, it, expect } from 'vitest';
import { RingBuffer } from '../../../src-main/core/ring-buffer';

describe('RingBuffer', () => {
  it('starts empty', () => {
    const buffer = new RingBuffer<number>({ capacity: 3 });
    expect(buffer.toArray()).toEqual([]);
    expect(buffer.size).toBe(0);
    expect(buffer.dropped).toBe(0);
  });

  it('keeps items in order below capacity', () => {
    const buffer = new RingBuffer<number>({ capacity: 3 });
    buffer.push(1);
    buffer.push(2);
    expect(buffer.toArray()).toEqual([1, 2]);
    expect(buffer.size).toBe(2);
    expect(buffer.dropped).toBe(0);
  });

  it('evicts the oldest items beyond capacity', () => {
    const buffer = new RingBuffer<number>({ capacity: 3 });
    for (let i = 1; i <= 7; i++) buffer.push(i);
    expect(buffer.toArray()).toEqual([5, 6, 7]);
    expect(buffer.size).toBe(3);
    expect(buffer.dropped).toBe(4);
  });

  it('works with capacity 1', () => {
    const buffer = new RingBuffer<string>({ capacity: 1 });
    buffer.push('a');
    buffer.push('b');
    expect(buffer.toArray()).toEqual(['b']);
    expect(buffer.dropped).toBe(1);
  });

  it('matches a simple model across growth and wrap-around', () => {
    for (const capacity of [1, 2, 15, 16, 17, 33, 100]) {
      const buffer = new RingBuffer<number>({ capacity });
      for (let i = 0; i < 250; i++) {
        buffer.push(i);
        const first = Math.max(0, i + 1 - capacity);
        expect(buffer.toArray()).toEqual(Array.from({ length: i + 1 - first }, (_, k) => first + k));
        expect(buffer.dropped).toBe(first);
      }
    }
  });

  it('bounds the total weight', () => {
    const buffer = new RingBuffer<string>({ capacity: 100, maxWeight: 10, weigh: (s) => s.length });
    buffer.push('aaaa');
    buffer.push('bbbb');
    expect(buffer.toArray()).toEqual(['aaaa', 'bbbb']);
    buffer.push('cc');
    expect(buffer.toArray()).toEqual(['aaaa', 'bbbb', 'cc']);
    buffer.push('d');
    expect(buffer.toArray()).toEqual(['bbbb', 'cc', 'd']);
    expect(buffer.dropped).toBe(1);
    buffer.push('eeeeeeeee');
    expect(buffer.toArray()).toEqual(['d', 'eeeeeeeee']);
    expect(buffer.dropped).toBe(3);
  });

  it('applies whichever bound is hit first', () => {
    const buffer = new RingBuffer<string>({ capacity: 2, maxWeight: 100, weigh: (s) => s.length });
    buffer.push('a');
    buffer.push('b');
    buffer.push('c');
    expect(buffer.toArray()).toEqual(['b', 'c']);
  });

  it('accepts an item of exactly maxWeight, alone', () => {
    const buffer = new RingBuffer<string>({ capacity: 10, maxWeight: 5, weigh: (s) => s.length });
    buffer.push('a');
    buffer.push('12345');
    expect(buffer.toArray()).toEqual(['12345']);
    expect(buffer.dropped).toBe(1);
  });

  it('drops an item heavier than maxWeight together with everything before it', () => {
    const buffer = new RingBuffer<string>({ capacity: 10, maxWeight: 5, weigh: (s) => s.length });
    buffer.push('a');
    buffer.push('b');
    buffer.push('123456');
    expect(buffer.toArray()).toEqual([]);
    expect(buffer.size).toBe(0);
    expect(buffer.dropped).toBe(3);
    buffer.push('c');
    expect(buffer.toArray()).toEqual(['c']);
  });

  it('counts each item as 1 when maxWeight is given without weigh', () => {
    const buffer = new RingBuffer<string>({ capacity: 10, maxWeight: 2 });
    buffer.push('long item');
    buffer.push('x');
    buffer.push('y');
    expect(buffer.toArray()).toEqual(['x', 'y']);
  });

  it('allows zero-weight items', () => {
    const buffer = new RingBuffer<string>({ capacity: 3, maxWeight: 0, weigh: () => 0 });
    buffer.push('a');
    buffer.push('b');
    expect(buffer.toArray()).toEqual(['a', 'b']);
  });

  it('weighs each item once, when pushed', () => {
    let calls = 0;
    const buffer = new RingBuffer<string>({
      capacity: 2,
      maxWeight: 10,
      weigh: (s) => {
        calls += 1;
        return s.length;
      },
    });
    for (const s of ['a', 'b', 'c', 'd']) buffer.push(s);
    expect(calls).toBe(4);
  });

  it('clear() empties the buffer and resets dropped', () => {
    const buffer = new RingBuffer<number>({ capacity: 2, maxWeight: 2 });
    for (let i = 0; i < 5; i++) buffer.push(i);
    buffer.clear();
    expect(buffer.toArray()).toEqual([]);
    expect(buffer.size).toBe(0);
    expect(buffer.dropped).toBe(0);
    buffer.push(9);
    buffer.push(10);
    expect(buffer.toArray()).toEqual([9, 10]);
    expect(buffer.dropped).toBe(0);
  });

  it('handles many pushes into a large buffer quickly', () => {
    const buffer = new RingBuffer<number>({ capacity: 100_000 });
    for (let i = 0; i < 1_000_000; i++) buffer.push(i);
    expect(buffer.size).toBe(100_000);
    expect(buffer.dropped).toBe(900_000);
    const items = buffer.toArray();
    expect(items[0]).toBe(900_000);
    expect(items[99_999]).toBe(999_999);
  });

  it.each([0, -1, 1.5, NaN])('rejects capacity %d', (capacity) => {
    expect(() => new RingBuffer({ capacity })).toThrow(
      new RangeError(`capacity must be an integer >= 1, got ${capacity}`),
    );
  });

  it.each([-1, NaN])('rejects maxWeight %d', (maxWeight) => {
    expect(() => new RingBuffer({ capacity: 1, maxWeight })).toThrow(
      new RangeError(`maxWeight must be >= 0, got ${maxWeight}`),
    );
  });

  it.each([-1, NaN])('rejects an item weight of %d', (weight) => {
    const buffer = new RingBuffer<number>({ capacity: 2, weigh: () => weight });
    expect(() => buffer.push(1)).toThrow(new RangeError(`item weight must be >= 0, got ${weight}`));
    expect(buffer.size).toBe(0);
  });
});
