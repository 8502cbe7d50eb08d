/**
 * A feature map's export buttons as a person meets them: each named by what it holds, each saving
 * a file named after the lab's settings, and the .npy / .csv holding the map's own numbers.
 */
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import FeatureMapExports from '$lib/components/FeatureMapExports.svelte';

// A 2×3 map with 2 channels; value = 10·y + x + channel/2 (hand-checkable).
const height = 2;
const width = 3;
const channels = 2;
const data = new Float32Array(height * width * channels);
for (let y = 0; y < height; y++)
	for (let x = 0; x < width; x++)
		for (let c = 0; c < channels; c++) data[(y * width + x) * channels + c] = 10 * y + x + c / 2;
const map = { data, height, width, channels };

/** Every download: the file name the link asks for and the Blob behind its URL. */
let saved: { filename: string; blob: Blob }[] = [];
let blobs = new Map<string, Blob>();
function onClick(event: MouseEvent) {
	const link = (event.target as Element).closest('a[download]') as HTMLAnchorElement | null;
	if (!link) return;
	event.preventDefault(); // jsdom does not navigate to blob: URLs
	saved.push({ filename: link.download, blob: blobs.get(link.href)! });
}
beforeEach(() => {
	saved = [];
	blobs = new Map();
	let next = 0;
	vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
		const url = `blob:test/${next++}`;
		blobs.set(url, blob as Blob);
		return url;
	});
	vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
	document.addEventListener('click', onClick);
});
afterEach(() => {
	document.removeEventListener('click', onClick);
	vi.restoreAllMocks();
});

function mount(props: Record<string, unknown> = {}) {
	render(FeatureMapExports, {
		props: {
			map,
			channel: 1,
			channelName: 'G',
			channelNames: ['R', 'G'],
			canvas: () => null,
			fileParts: ['convolution', 'Sharpen', 'k3', 's2'],
			workingSize: { width: 6, height: 4 },
			...props
		}
	});
	return screen.getByRole('group', { name: (props.label as string) ?? 'Feature map' });
}

/** A .npy v1 file read by hand: its header dict and its little-endian float32 payload. */
async function readNpy(blob: Blob): Promise<{ header: string; values: Float32Array }> {
	const bytes = new Uint8Array(await blob.arrayBuffer());
	expect([...bytes.subarray(0, 6)]).toEqual(
		[0x93, ...'NUMPY'].map((c) => (typeof c === 'number' ? c : c.charCodeAt(0)))
	);
	const headerLength = bytes[8] | (bytes[9] << 8);
	const header = new TextDecoder().decode(bytes.subarray(10, 10 + headerLength));
	const start = 10 + headerLength;
	expect(start % 16).toBe(0); // numpy aligns the payload
	const view = new DataView(bytes.buffer, bytes.byteOffset + start);
	const values = new Float32Array((bytes.length - start) / 4);
	for (let i = 0; i < values.length; i++) values[i] = view.getFloat32(4 * i, true);
	return { header, values };
}

describe('FeatureMapExports', () => {
	it('names each button by what it holds: .npy, .csv, the map’s size, the working size, 2× and the figure', () => {
		const group = mount();
		expect(
			within(group)
				.getAllByRole('button')
				.map((b) => b.textContent)
		).toEqual(['.npy', '.csv', '.png 3×2', '.png 6×4', '.png 2× (12×8)', '.png figure 2×']);
	});

	it('a map already at the working size gets no second .png at that size; 2× is twice the map', () => {
		const group = mount({ workingSize: { width: 3, height: 2 } });
		expect(
			within(group)
				.getAllByRole('button')
				.map((b) => b.textContent)
		).toEqual(['.npy', '.csv', '.png 3×2', '.png 2× (6×4)', '.png figure 2×']);
	});

	it('the .npy button says its shape and channel order (tooltip and accessible description)', () => {
		const group = mount();
		const npy = within(group).getByRole('button', { name: '.npy' });
		const description = document.getElementById(npy.getAttribute('aria-describedby')!)!.textContent;
		expect(description).toBe('float32 array, shape [2, 3, 2]; channels in order R, G');
		expect(npy.title).toBe(description);
	});

	it('.npy saves every channel as float32 [H, W, C] under a name made of the settings', async () => {
		const group = mount();
		await userEvent.click(within(group).getByRole('button', { name: '.npy' }));
		await vi.waitFor(() => expect(saved).toHaveLength(1));
		expect(saved[0].filename).toBe('convlab-convolution-sharpen-k3-s2.npy');
		const { header, values } = await readNpy(saved[0].blob);
		expect(header).toContain("'descr': '<f4'");
		expect(header).toContain("'fortran_order': False");
		expect(header).toContain("'shape': (2, 3, 2)");
		expect([...values]).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 10, 10.5, 11, 11.5, 12, 12.5]);
	});

	it('.csv saves the shown channel, one line per map row, named after the channel', async () => {
		const group = mount();
		await userEvent.click(within(group).getByRole('button', { name: '.csv' }));
		await vi.waitFor(() => expect(saved).toHaveLength(1));
		expect(saved[0].filename).toBe('convlab-convolution-sharpen-k3-s2-g.csv');
		expect(await saved[0].blob.text()).toBe('0.5,1.5,2.5\n10.5,11.5,12.5\n');
	});

	it('a .png before the map is drawn says so in an alert instead of saving nothing silently', async () => {
		const group = mount();
		await userEvent.click(within(group).getByRole('button', { name: '.png 3×2' }));
		const alert = await within(group).findByRole('alert');
		expect(alert.textContent).toBe('Export failed: the feature map is not drawn yet');
		expect(saved).toHaveLength(0);
	});

	it('a page with several maps names each group (“Pooled map”), and disables them while remade', () => {
		const group = mount({ label: 'Pooled map', disabled: true });
		for (const button of within(group).getAllByRole('button'))
			expect((button as HTMLButtonElement).disabled).toBe(true);
	});
});
