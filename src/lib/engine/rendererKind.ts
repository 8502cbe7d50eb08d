/**
 * Whether a WebGL renderer string names a real GPU or a software rasterizer.
 *
 * Software WebGL (SwiftShader in headless Chromium, llvmpipe/softpipe in Mesa, Microsoft's
 * Basic Render Driver) runs TF.js shaders on the CPU through a GPU emulator, which measures
 * 15–40× slower than the WASM backend on the same machine. So "WebGL exists" is not enough:
 * the backend choice needs to know what is behind it.
 */
export type RendererKind = 'hardware' | 'software' | 'none';

const SOFTWARE_RENDERERS = [
	/swiftshader/i,
	/llvmpipe/i,
	/softpipe/i,
	/lavapipe/i,
	/software ?(rasterizer|renderer|adapter)/i,
	/basic render driver/i,
	/mesa offscreen/i
];

/** Classify an UNMASKED_RENDERER_WEBGL string; `null` (no WebGL context at all) is 'none'. */
export function rendererKind(renderer: string | null | undefined): RendererKind {
	if (renderer === null || renderer === undefined) return 'none';
	return SOFTWARE_RENDERERS.some((pattern) => pattern.test(renderer)) ? 'software' : 'hardware';
}
