/**
 * Just enough DOM for D3 renderers in Node: elements, text, attributes, inline style, events and
 * the CSS selectors d3-selection and d3-axis ask for (tag, *, .class, #id, [attr], [attr=v],
 * :first-child, :scope, descendant / > / + combinators). No jsdom, linkedom or happy-dom is
 * installed; a renderer test only calls `svgNode()` and `serialize()`, so moving to one of those
 * libraries later is a change to this file alone.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

class FakeNode {
	parentNode: FakeElement | null = null;
	constructor(
		readonly ownerDocument: FakeDocument,
		readonly nodeType: number
	) {}
	get parentElement(): FakeElement | null {
		return this.parentNode;
	}
	get nextSibling(): FakeNode | null {
		const siblings = this.parentNode?.childNodes;
		if (!siblings) return null;
		return siblings[siblings.indexOf(this) + 1] ?? null;
	}
	get previousSibling(): FakeNode | null {
		const siblings = this.parentNode?.childNodes;
		if (!siblings) return null;
		return siblings[siblings.indexOf(this) - 1] ?? null;
	}
	get isConnected(): boolean {
		let root: FakeElement | null = this.parentNode;
		while (root?.parentNode) root = root.parentNode;
		return root === this.ownerDocument.documentElement;
	}
	get textContent(): string {
		return '';
	}
	/** Tree order, as d3's selection.order() asks: 4 when `other` follows, 2 when it precedes. */
	compareDocumentPosition(other: FakeNode): number {
		const path = (node: FakeNode) => {
			const chain: FakeNode[] = [];
			for (let n: FakeNode | null = node; n; n = n.parentNode) chain.unshift(n);
			return chain;
		};
		const a = path(this);
		const b = path(other);
		let i = 0;
		while (i < a.length && i < b.length && a[i] === b[i]) i++;
		if (i === a.length) return 4 | 16; // other is inside this
		if (i === b.length) return 2 | 8; // this is inside other
		const parent = a[i - 1] as FakeElement;
		return parent.childNodes.indexOf(a[i]) < parent.childNodes.indexOf(b[i]) ? 4 : 2;
	}
}

class FakeText extends FakeNode {
	constructor(
		document: FakeDocument,
		public data: string
	) {
		super(document, 3);
	}
	override get textContent(): string {
		return this.data;
	}
}

class FakeStyle {
	readonly values = new Map<string, string>();
	setProperty(name: string, value: string): void {
		this.values.set(name, String(value));
	}
	removeProperty(name: string): void {
		this.values.delete(name);
	}
	getPropertyValue(name: string): string {
		return this.values.get(name) ?? '';
	}
}

type Listener = (event: { type: string; target: FakeElement }) => void;

class FakeElement extends FakeNode {
	readonly childNodes: FakeNode[] = [];
	readonly attributes = new Map<string, string>();
	readonly style = new FakeStyle();
	readonly listeners = new Map<string, Set<Listener>>();
	constructor(
		document: FakeDocument,
		readonly namespaceURI: string,
		readonly localName: string
	) {
		super(document, 1);
	}
	get tagName(): string {
		return this.localName;
	}
	get children(): FakeElement[] {
		return this.childNodes.filter((n): n is FakeElement => n instanceof FakeElement);
	}
	get firstChild(): FakeNode | null {
		return this.childNodes[0] ?? null;
	}
	get lastChild(): FakeNode | null {
		return this.childNodes.at(-1) ?? null;
	}
	get firstElementChild(): FakeElement | null {
		return this.children[0] ?? null;
	}
	get previousElementSibling(): FakeElement | null {
		const siblings = this.parentNode?.children ?? [];
		return siblings[siblings.indexOf(this) - 1] ?? null;
	}
	override get textContent(): string {
		return this.childNodes.map((n) => n.textContent).join('');
	}
	override set textContent(text: string) {
		for (const child of this.childNodes) child.parentNode = null;
		this.childNodes.length = 0;
		if (text !== '' && text != null)
			this.appendChild(new FakeText(this.ownerDocument, String(text)));
	}
	setAttribute(name: string, value: unknown): void {
		this.attributes.set(name, String(value));
	}
	setAttributeNS(_ns: string | null, name: string, value: unknown): void {
		this.setAttribute(name, value);
	}
	getAttribute(name: string): string | null {
		return this.attributes.get(name) ?? null;
	}
	getAttributeNS(_ns: string | null, name: string): string | null {
		return this.getAttribute(name);
	}
	hasAttribute(name: string): boolean {
		return this.attributes.has(name);
	}
	removeAttribute(name: string): void {
		this.attributes.delete(name);
	}
	removeAttributeNS(_ns: string | null, name: string): void {
		this.removeAttribute(name);
	}
	get classList() {
		const names = () => (this.getAttribute('class') ?? '').split(/\s+/).filter(Boolean);
		const write = (list: string[]) => this.setAttribute('class', list.join(' '));
		return {
			contains: (name: string) => names().includes(name),
			add: (...add: string[]) => write([...new Set([...names(), ...add])]),
			remove: (...remove: string[]) => write(names().filter((n) => !remove.includes(n)))
		};
	}
	insertBefore<T extends FakeNode>(child: T, before: FakeNode | null): T {
		if (child.parentNode) child.parentNode.removeChild(child);
		const at = before ? this.childNodes.indexOf(before) : -1;
		if (at < 0) this.childNodes.push(child);
		else this.childNodes.splice(at, 0, child);
		child.parentNode = this;
		return child;
	}
	appendChild<T extends FakeNode>(child: T): T {
		return this.insertBefore(child, null);
	}
	removeChild<T extends FakeNode>(child: T): T {
		const at = this.childNodes.indexOf(child);
		if (at < 0) throw new Error('not a child');
		this.childNodes.splice(at, 1);
		child.parentNode = null;
		return child;
	}
	addEventListener(type: string, listener: Listener): void {
		if (!this.listeners.has(type)) this.listeners.set(type, new Set());
		this.listeners.get(type)?.add(listener);
	}
	removeEventListener(type: string, listener: Listener): void {
		this.listeners.get(type)?.delete(listener);
	}
	/** Calls this element's listeners for `type` (no bubbling: tests dispatch on the target). */
	dispatch(type: string): void {
		for (const listener of this.listeners.get(type) ?? []) listener({ type, target: this });
	}
	descendants(): FakeElement[] {
		return this.children.flatMap((child) => [child, ...child.descendants()]);
	}
	matches(selector: string): boolean {
		return matchesList(this, parseSelector(selector), null);
	}
	querySelectorAll(selector: string): FakeElement[] {
		const parsed = parseSelector(selector);
		return this.descendants().filter((e) => matchesList(e, parsed, this));
	}
	querySelector(selector: string): FakeElement | null {
		return this.querySelectorAll(selector)[0] ?? null;
	}
	getBoundingClientRect() {
		const width = Number(this.getAttribute('width')) || 0;
		const height = Number(this.getAttribute('height')) || 0;
		return { x: 0, y: 0, left: 0, top: 0, width, height, right: width, bottom: height };
	}
}

class FakeDocument {
	readonly documentElement: FakeElement;
	readonly defaultView = {
		getComputedStyle: (element: FakeElement) => element.style
	};
	constructor() {
		this.documentElement = new FakeElement(this, 'http://www.w3.org/1999/xhtml', 'html');
	}
	createElementNS(namespace: string, name: string): FakeElement {
		return new FakeElement(this, namespace, name);
	}
	createElement(name: string): FakeElement {
		return new FakeElement(this, 'http://www.w3.org/1999/xhtml', name);
	}
	createTextNode(text: string): FakeText {
		return new FakeText(this, text);
	}
}

// ---- selectors ----------------------------------------------------------------------------

interface Compound {
	tag: string | null;
	ids: string[];
	classes: string[];
	attributes: { name: string; value: string | null }[];
	firstChild: boolean;
	scope: boolean;
}
/** Right to left: the last compound, then (combinator, compound) pairs going up the tree. */
type Complex = { compound: Compound; combinator: ' ' | '>' | '+' | null }[];

function parseCompound(text: string): Compound {
	const compound: Compound = {
		tag: null,
		ids: [],
		classes: [],
		attributes: [],
		firstChild: false,
		scope: false
	};
	const pattern =
		/^(\*|[a-zA-Z][\w-]*)|\.([\w-]+)|#([\w-]+)|\[([\w-]+)(?:="?([^"\]]*)"?)?\]|:([\w-]+)/g;
	let consumed = 0;
	for (const match of text.matchAll(pattern)) {
		if (match.index !== consumed) break;
		consumed += match[0].length;
		if (match[1]) compound.tag = match[1] === '*' ? null : match[1].toLowerCase();
		else if (match[2]) compound.classes.push(match[2]);
		else if (match[3]) compound.ids.push(match[3]);
		else if (match[4]) compound.attributes.push({ name: match[4], value: match[5] ?? null });
		else if (match[6] === 'first-child') compound.firstChild = true;
		else if (match[6] === 'scope') compound.scope = true;
		else throw new Error(`svgDom: unsupported pseudo-class :${match[6]}`);
	}
	if (consumed !== text.length) throw new Error(`svgDom: unsupported selector '${text}'`);
	return compound;
}

/** Splits a complex selector into compounds and combinators, leaving [attr="a b"] whole. */
function tokens(part: string): string[] {
	const out: string[] = [];
	let current = '';
	let inBracket = false;
	for (const ch of part) {
		if (ch === '[') inBracket = true;
		if (ch === ']') inBracket = false;
		if (!inBracket && (ch === ' ' || ch === '>' || ch === '+')) {
			if (current) out.push(current);
			if (ch !== ' ') out.push(ch);
			current = '';
		} else current += ch;
	}
	if (current) out.push(current);
	return out;
}

function parseSelector(selector: string): Complex[] {
	return selector.split(',').map((part) => {
		const complex: Complex = [];
		let combinator: ' ' | '>' | '+' = ' ';
		for (const token of tokens(part.trim())) {
			if (token === '>' || token === '+') combinator = token;
			else {
				complex.unshift({ compound: parseCompound(token), combinator: null });
				if (complex.length > 1) complex[1].combinator = combinator;
				combinator = ' ';
			}
		}
		return complex;
	});
}

function matchesCompound(e: FakeElement, c: Compound, scope: FakeElement | null): boolean {
	if (c.scope && e !== scope) return false;
	if (c.tag && e.localName.toLowerCase() !== c.tag) return false;
	if (c.ids.some((id) => e.getAttribute('id') !== id)) return false;
	if (c.classes.some((name) => !e.classList.contains(name))) return false;
	for (const { name, value } of c.attributes) {
		if (!e.hasAttribute(name) || (value !== null && e.getAttribute(name) !== value)) return false;
	}
	if (c.firstChild && e.parentNode?.children[0] !== e) return false;
	return true;
}

function matchesComplex(
	e: FakeElement,
	complex: Complex,
	i: number,
	scope: FakeElement | null
): boolean {
	if (!matchesCompound(e, complex[i].compound, scope)) return false;
	if (i === complex.length - 1) return true;
	const combinator = complex[i + 1].combinator;
	if (combinator === '>') {
		return !!e.parentNode && matchesComplex(e.parentNode, complex, i + 1, scope);
	}
	if (combinator === '+') {
		const previous = e.previousElementSibling;
		return !!previous && matchesComplex(previous, complex, i + 1, scope);
	}
	for (let up = e.parentNode; up; up = up.parentNode) {
		if (matchesComplex(up, complex, i + 1, scope)) return true;
	}
	return false;
}

function matchesList(e: FakeElement, list: Complex[], scope: FakeElement | null): boolean {
	return list.some((complex) => matchesComplex(e, complex, 0, scope));
}

// ---- what tests use ------------------------------------------------------------------------

/** A fresh <svg> in its own document, typed as the real thing for the renderer under test. */
export function svgNode(): SVGSVGElement {
	const document = new FakeDocument();
	const svg = document.createElementNS(SVG_NS, 'svg');
	document.documentElement.appendChild(svg);
	return svg as unknown as SVGSVGElement;
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const escapeAttribute = (s: string) => escapeText(s).replace(/"/g, '&quot;');

function serializeNode(node: FakeNode, indent: string): string {
	if (node instanceof FakeText) return indent + escapeText(node.data);
	const element = node as FakeElement;
	const attributes = [...element.attributes];
	if (element.style.values.size > 0) {
		const css = [...element.style.values].map(([k, v]) => `${k}: ${v}`).join('; ');
		attributes.push(['style', css]);
	}
	const open = `<${element.localName}${attributes.map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`).join('')}`;
	const children = element.childNodes;
	if (children.length === 0) return `${indent}${open}/>`;
	if (children.length === 1 && children[0] instanceof FakeText) {
		return `${indent}${open}>${escapeText(children[0].data)}</${element.localName}>`;
	}
	const inner = children.map((child) => serializeNode(child, `${indent}  `)).join('\n');
	return `${indent}${open}>\n${inner}\n${indent}</${element.localName}>`;
}

/**
 * The markup under `svg`, one element per line, normalised as Observable Plot normalises its
 * snapshots: numbers rounded to 2 decimals (so a last-digit float change is not a diff) and
 * generated ids renumbered in order of appearance (they count charts made so far).
 */
export function serialize(svg: SVGSVGElement): string {
	let text = serializeNode(svg as unknown as FakeElement, '');
	const ids = [...text.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
	ids.forEach((id, i) => (text = text.replaceAll(id, `id-${i}`)));
	return text.replace(/-?\d+\.\d{3,}/g, (n) => String(Math.round(Number(n) * 100) / 100));
}

/** The elements under `svg` (or any element) that match `selector`. */
export function all(svg: Element, selector: string): Element[] {
	return [...(svg as unknown as FakeElement).querySelectorAll(selector)] as unknown as Element[];
}

/** The texts of the tick labels of the axis group `axis` (in tick order). */
export function tickTexts(axis: Element): string[] {
	return [...(axis as unknown as FakeElement).querySelectorAll('.tick text')].map(
		(t) => t.textContent
	);
}
