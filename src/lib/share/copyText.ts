/**
 * Put `text` on the clipboard: the async Clipboard API where the page may use it (a secure
 * context, with focus), else the old selection + execCommand('copy') — what an http page on
 * a LAN address is left with. Resolves false when neither worked.
 */
export async function copyText(text: string): Promise<boolean> {
	try {
		if (navigator.clipboard && window.isSecureContext) {
			await navigator.clipboard.writeText(text);
			return true;
		}
	} catch {
		// permission refused or the document lost focus: try the fallback
	}
	const field = document.createElement('textarea');
	field.value = text;
	field.setAttribute('readonly', '');
	field.style.position = 'fixed';
	field.style.opacity = '0';
	document.body.append(field);
	const previous = document.activeElement;
	field.select();
	let copied = false;
	try {
		copied = document.execCommand('copy');
	} catch {
		copied = false;
	}
	field.remove();
	if (previous instanceof HTMLElement) previous.focus();
	return copied;
}
