import { describe, expect, it } from 'vitest';
import { presetArchitecture } from '$lib/engine/architectures/catalogue';
import { receptiveField } from '$lib/engine/receptiveField';
import { receptiveFieldCsv } from '$lib/engine/receptiveFieldCsv';

describe('receptiveFieldCsv', () => {
	it('writes the header, the input and one row per layer', () => {
		const lines = receptiveFieldCsv(receptiveField(presetArchitecture('vgg16'), 224, 224))
			.trimEnd()
			.split('\n');
		expect(lines[0]).toBe(
			'layer,type,kernel,stride,dilation,padding,output,rf,jump,start,params,macs'
		);
		expect(lines[1]).toBe('input,input,,,,,224x224,1,1,0,0,0');
		expect(lines).toHaveLength(2 + 18);
		expect(lines.at(-1)).toBe('pool5,maxpool,2,2,1,valid,7x7,212,32,15.5,0,0');
		expect(lines[2]).toBe(`conv1/conv1_1,conv,3,1,1,same,224x224,3,1,0,1728,${1728 * 224 * 224}`);
	});

	it('quotes names with commas and writes both axes when they differ', () => {
		const table = receptiveField(presetArchitecture('mobilenet'), 224, 223);
		table.rows[0].name = 'a, "b"';
		const lines = receptiveFieldCsv(table).split('\n');
		expect(lines[2].startsWith('"a, ""b""",conv,3,2,1,same,112x112,3,2,1;0,')).toBe(true);
	});
});
