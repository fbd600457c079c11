/** Tiny DOM helpers: enough to build the panels without a framework. */

type Child = Node | string | number | null | undefined | false;
type Prop = string | number | boolean | undefined | ((ev: Event) => void);

/**
 * Creates an element. Props: `class`, `on<event>` handlers, `true` for boolean attributes, any
 * other attribute as a string; `undefined`/`false` props are skipped. Text children are text nodes
 * (never parsed as HTML).
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, Prop> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (k === 'class') el.className = String(v);
    else if (k === 'value' && 'value' in el) (el as HTMLInputElement).value = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el: Element, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'object' ? c : String(c));
  }
}

/** Replaces an element's children. */
export function setChildren(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** A panel: a titled card with a body and an actions slot in its header. */
export interface Panel {
  readonly section: HTMLElement;
  readonly body: HTMLElement;
  readonly actions: HTMLElement;
}

/** A titled card; `name` becomes `data-panel` (the e2e tests and CSS grid areas use it). */
export function panel(name: string, title: string): Panel {
  const actions = h('div', { class: 'panel-actions' });
  const body = h('div', { class: 'panel-body' });
  const section = h(
    'section',
    { class: `panel panel-${name}`, 'data-panel': name },
    h('header', {}, h('h2', {}, title), actions),
    body,
  );
  return { section, body, actions };
}

/** A table whose body is replaced on each update; an empty update shows `emptyText`. */
export interface DataTable {
  readonly el: HTMLElement;
  setRows(rows: readonly HTMLTableRowElement[]): void;
}

export function dataTable(
  headers: readonly string[],
  emptyText: string,
  numeric: readonly number[] = [],
): DataTable {
  const tbody = h('tbody');
  const table = h(
    'table',
    { class: 'data' },
    h(
      'thead',
      {},
      h('tr', {}, ...headers.map((t, i) => h('th', { class: numeric.includes(i) ? 'num' : undefined }, t))),
    ),
    tbody,
  );
  const empty = h('p', { class: 'empty' }, emptyText);
  const el = h('div', { class: 'table-wrap' }, table, empty);
  return {
    el,
    setRows(rows) {
      tbody.replaceChildren(...rows);
      empty.hidden = rows.length > 0;
    },
  };
}

/** A table row of cells; a `num` cell is right-aligned, a `cls` adds classes. */
export function row(
  cells: readonly (Child | { v: Child; cls?: string })[],
  props: Record<string, Prop> = {},
): HTMLTableRowElement {
  return h(
    'tr',
    props,
    ...cells.map((c) =>
      c !== null && typeof c === 'object' && 'v' in c
        ? h('td', { class: c.cls }, c.v)
        : h('td', {}, c as Child),
    ),
  );
}
