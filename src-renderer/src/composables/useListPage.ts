// State of one resource list page: search, filter, sort, selection, right-click menu, the "12 of 1,003" count, and
// Berth's own objects hidden unless asked for. The page supplies how its items become table rows.
import { computed, reactive, ref, type Ref } from 'vue';
import type { TableRow, TableSort } from '../components/table-types';

export interface ListQuery<F extends string> {
  search: string;
  filter: F;
  sort: TableSort | undefined;
}

/** The store a list page shows (useResourceList's state). */
export interface ListSource<T> {
  /** The user's objects. */
  items: T[];
  /** The user's and Berth's own (helpers), where a store has any: the "Berth's own" switch shows these. */
  includingBerth?: T[];
  loading: boolean;
  error?: string;
  /** When the list was last fetched (ms); undefined until it was. */
  updatedAt?: number;
  refresh(): unknown;
}

export interface ListPageOptions<T, R, F extends string> {
  source: ListSource<T>;
  /** Filters, searches and sorts `items` into the table's rows. */
  rows(items: T[], query: ListQuery<F>): TableRow<R>[];
  /** Radio filters; the first is the one the page opens with (and counts "of" against). */
  filters?: Array<{ value: F; label: string }>;
  sort?: TableSort;
  /** How many entries the rows stand for; by default the item rows. */
  count?(rows: TableRow<R>[]): number;
}

const countItems = (rows: TableRow<unknown>[]) => rows.reduce((n, r) => n + (r.kind === 'item' ? 1 : 0), 0);

export function useListPage<T, R, F extends string = 'all'>(options: ListPageOptions<T, R, F>) {
  const defaultFilter = (options.filters?.[0]?.value ?? 'all') as F;
  const items = computed(() => options.source.items);
  const search = ref('');
  const filter = ref(defaultFilter) as Ref<F>;
  const sort = ref<TableSort | undefined>(options.sort);
  const selected = ref(new Set<string>());
  const showOwn = ref(false);
  const count = options.count ?? countItems;

  /** How many of Berth's own objects the store holds beside the user's. */
  const ownCount = computed(() =>
    options.source.includingBerth ? options.source.includingBerth.length - options.source.items.length : 0,
  );
  const listed = computed(() => (showOwn.value && options.source.includingBerth) || items.value);
  const rows = computed(() =>
    options.rows(listed.value, { search: search.value, filter: filter.value, sort: sort.value }),
  );
  const narrowed = computed(() => search.value.trim() !== '' || filter.value !== defaultFilter);
  const shown = computed(() => count(rows.value));
  /** Every entry the page lists with no search or filter (what "12 of 1,003" counts against). */
  const total = computed(() =>
    narrowed.value
      ? count(options.rows(listed.value, { search: '', filter: defaultFilter, sort: undefined }))
      : shown.value,
  );
  /** The selected rows still on screen: an action never reaches what a search has hidden. */
  const selection = computed(() =>
    rows.value.flatMap((row) => (row.kind === 'item' && selected.value.has(row.key) ? [row.data] : [])),
  );

  const menu = reactive({ show: false, x: 0, y: 0, target: undefined as R | undefined });

  return reactive({
    source: options.source,
    filters: options.filters ?? [],
    search,
    filter,
    sort,
    selected,
    showOwn,
    ownCount,
    rows,
    narrowed,
    shown,
    total,
    selection,
    menu,
    setSearch: (value: string) => (search.value = value),
    setFilter: (value: F) => (filter.value = value),
    setSort: (value: TableSort | undefined) => (sort.value = value),
    select: (keys: Set<string>) => (selected.value = keys),
    clearSelection: () => (selected.value = new Set()),
    toggleOwn: (value: boolean) => (showOwn.value = value),
    openMenu(row: TableRow<R>, event: MouseEvent) {
      if (row.kind !== 'item') return;
      Object.assign(menu, { show: true, x: event.clientX, y: event.clientY, target: row.data });
    },
    closeMenu: () => (menu.show = false),
  });
}

/** What ListPage reads and calls of a list's state (method syntax, so every filter type fits). */
export interface ListPageView<R> {
  source: ListSource<unknown>;
  filters: Array<{ value: string; label: string }>;
  search: string;
  filter: string;
  sort: TableSort | undefined;
  selected: Set<string>;
  showOwn: boolean;
  ownCount: number;
  rows: TableRow<R>[];
  narrowed: boolean;
  shown: number;
  total: number;
  selection: R[];
  menu: { show: boolean; x: number; y: number; target: R | undefined };
  setSearch(value: string): void;
  setFilter(value: string): void;
  setSort(value: TableSort | undefined): void;
  select(keys: Set<string>): void;
  clearSelection(): void;
  toggleOwn(value: boolean): void;
  openMenu(row: TableRow<R>, event: MouseEvent): void;
  closeMenu(): void;
}
