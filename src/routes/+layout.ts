// A static, offline-capable app: every lab is prerendered to its own index.html, and all
// compute (TF.js) runs in the browser, so there is nothing to render on a server.
export const prerender = true;
export const ssr = false;
export const trailingSlash = 'always';
