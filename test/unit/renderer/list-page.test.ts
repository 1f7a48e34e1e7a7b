// The list-page pattern's logic: counts ("12 of 1,003"), Berth's own hidden until shown, selection limited to what
// is on screen, the menu only for item rows; the disconnected notices; collapsed compose groups still counted.
import { describe, expect, it } from 'vitest';
import { nextTick, reactive } from 'vue';
import type { ContainerSummary } from '../../../src-main/contract/dto/containers';
import { offlineReason, staleNotice } from '../../../src-renderer/src/components/list/engine-offline';
import { listCount } from '../../../src-renderer/src/components/list/list-count';
import type { TableRow } from '../../../src-renderer/src/components/table-types';
import { useListPage, type ListQuery } from '../../../src-renderer/src/composables/useListPage';
import { containerCount, containerRows } from '../../../src-renderer/src/views/container-rows';

interface Item {
  name: string;
  on: boolean;
  own?: boolean;
}

const rowsOf = (items: Item[], q: ListQuery<'all' | 'on'>): TableRow<Item>[] =>
  items
    .filter((i) => i.name.includes(q.search) && (q.filter === 'all' || i.on))
    .map((i) => ({ key: i.name, kind: 'item', depth: 0, data: i }));

function page(all: Item[]) {
  const source = reactive({
    includingBerth: all,
    get items() {
      return this.includingBerth.filter((i) => !i.own);
    },
    loading: false,
    refresh: () => undefined,
  });
  const list = useListPage<Item, Item, 'all' | 'on'>({
    source,
    rows: rowsOf,
    filters: [
      { value: 'all', label: 'All' },
      { value: 'on', label: 'On' },
    ],
  });
  return { source, list };
}

describe('useListPage', () => {
  const items: Item[] = [
    { name: 'web-1', on: true },
    { name: 'web-2', on: false },
    { name: 'db', on: true },
    { name: 'berth-helper-x', on: false, own: true },
  ];

  it('counts what is shown against everything listed while a search or filter narrows it', () => {
    const { list } = page(items);
    expect([list.shown, list.total, list.narrowed]).toEqual([3, 3, false]);
    list.setSearch('web');
    expect([list.shown, list.total, list.narrowed]).toEqual([2, 3, true]);
    list.setFilter('on');
    expect([list.shown, list.total]).toEqual([1, 3]);
    list.setSearch('');
    list.setFilter('all');
    expect(list.narrowed).toBe(false);
  });

  it("hides Berth's own objects until they are asked for, and says how many there are", () => {
    const { list } = page(items);
    expect(list.rows.map((r) => r.key)).not.toContain('berth-helper-x');
    expect(list.ownCount).toBe(1);
    list.toggleOwn(true);
    expect(list.rows.map((r) => r.key)).toContain('berth-helper-x');
    expect(list.total).toBe(4);
  });

  it('acts only on the selected rows still on screen', () => {
    const { list } = page(items);
    list.select(new Set(['web-1', 'db']));
    expect(list.selection.map((i) => i.name)).toEqual(['web-1', 'db']);
    list.setSearch('web');
    expect(list.selection.map((i) => i.name)).toEqual(['web-1']);
    list.clearSelection();
    expect(list.selection).toEqual([]);
  });

  it('follows the store as it changes', async () => {
    const { source, list } = page([...items]);
    source.includingBerth = [...source.includingBerth, { name: 'cache', on: true }];
    await nextTick();
    expect(list.shown).toBe(4);
  });

  it('opens the menu for item rows only', () => {
    const { list } = page(items);
    const event = { clientX: 5, clientY: 7 } as MouseEvent;
    list.openMenu({ key: 'g', kind: 'group', depth: 0, data: items[0]! }, event);
    expect(list.menu.show).toBe(false);
    list.openMenu(list.rows[0]!, event);
    expect([list.menu.show, list.menu.x, list.menu.y, list.menu.target?.name]).toEqual([true, 5, 7, 'web-1']);
    list.closeMenu();
    expect(list.menu.show).toBe(false);
  });
});

describe('listCount', () => {
  it('prints the total alone, or "shown of total" with thousands separated', () => {
    expect(listCount(1003, 1003, false)).toBe('1,003');
    expect(listCount(12, 1003, true)).toBe('12 of 1,003');
    expect(listCount(0, 5, true)).toBe('0 of 5');
  });
});

describe('engine offline notices', () => {
  it('gives no reason while connected, and says why otherwise', () => {
    expect(offlineReason({ state: 'connected', endpoint: 'x' })).toBeUndefined();
    expect(offlineReason({ state: 'reconnecting', endpoint: 'x' })).toMatch(/reconnecting/);
    expect(offlineReason({ state: 'disconnected', endpoint: 'x', error: 'connect ENOENT /run/docker.sock' })).toBe(
      'Not connected to the engine: connect ENOENT /run/docker.sock',
    );
  });

  it('dates the last known list, or says nothing is shown', () => {
    const at = new Date(2026, 11, 6, 21, 3, 12).getTime();
    expect(staleNotice(at, undefined, at + 60_000)).toContain(
      `the last known list, from ${new Date(at).toLocaleTimeString()}`,
    );
    expect(staleNotice(at, 'this container as it last was', at + 86_400_000 * 2)).toContain(
      `this container as it last was, from ${new Date(at).toLocaleString()}`,
    );
    expect(staleNotice(undefined)).toMatch(/Nothing is shown/);
  });
});

describe('containerCount', () => {
  it('counts the containers of collapsed compose groups too', () => {
    const c = (name: string, project?: string) =>
      ({ id: name, name, image: 'i', state: 'running', created: 1, composeProject: project }) as ContainerSummary;
    const items = [c('a', 'shop'), c('b', 'shop'), c('lone')];
    const open = containerRows(items, { search: '', runningOnly: false, sort: undefined, collapsed: new Set() });
    const shut = containerRows(items, {
      search: '',
      runningOnly: false,
      sort: undefined,
      collapsed: new Set(['shop']),
    });
    expect(containerCount(open)).toBe(3);
    expect(containerCount(shut)).toBe(3);
  });
});
