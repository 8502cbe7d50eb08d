import { register } from 'node:module';
register('./engineLoader.mjs', import.meta.url);
const tf = await import('@tensorflow/tfjs');
await import('@tensorflow/tfjs-backend-wasm');
await tf.setBackend('wasm'); await tf.ready();
const B=4,H=96,C=8,O=8,k=3;
const x = tf.randomNormal([B,H,H,C]); const dy = tf.randomNormal([B,H,H,O]); const w = tf.randomNormal([k,k,C,O]);
const time = async (name, f) => { for (let i=0;i<2;i++) { const r=f(); await r.data(); tf.dispose(r);} const t0=performance.now(); for (let i=0;i<5;i++){ const r=f(); await r.data(); tf.dispose(r);} console.log(name, ((performance.now()-t0)/5).toFixed(1)); };
// (b) conv trick: x^T [C, Hp, Wp, B] conv with dy^T [H, W, B, O] valid -> [C, k, k, O]
await time('filter via conv', () => tf.tidy(() => {
  const xp = tf.pad(x, [[0,0],[1,1],[1,1],[0,0]]);
  const xt = tf.transpose(xp, [3,1,2,0]);
  const dt = tf.transpose(dy, [1,2,0,3]);
  const r = tf.conv2d(xt, dt, 1, 'valid');
  return tf.transpose(r, [1,2,0,3]);
}));
// (c) im2col: slices concat on channel axis -> [rows, k*k*C], then matMul(transposeA)
await time('filter via im2col', () => tf.tidy(() => {
  const xp = tf.pad(x, [[0,0],[1,1],[1,1],[0,0]]);
  const cols = [];
  for (let i=0;i<k;i++) for (let j=0;j<k;j++) cols.push(tf.slice(xp,[0,i,j,0],[B,H,H,C]));
  const im = tf.reshape(tf.concat(cols, 3), [B*H*H, k*k*C]);
  return tf.reshape(tf.matMul(im, tf.reshape(dy,[B*H*H,O]), true, false), [k,k,C,O]);
}));
await time('filter via im2col transposed explicit', () => tf.tidy(() => {
  const xp = tf.pad(x, [[0,0],[1,1],[1,1],[0,0]]);
  const cols = [];
  for (let i=0;i<k;i++) for (let j=0;j<k;j++) cols.push(tf.slice(xp,[0,i,j,0],[B,H,H,C]));
  const im = tf.transpose(tf.reshape(tf.concat(cols, 3), [B*H*H, k*k*C]));
  return tf.reshape(tf.matMul(im, tf.reshape(dy,[B*H*H,O])), [k,k,C,O]);
}));
await time('dx via conv flipped', () => tf.tidy(() => {
  const wf = tf.transpose(tf.reverse(w, [0,1]), [0,1,3,2]);
  return tf.conv2d(dy, wf, 1, 'same');
}));
await time('relu', () => tf.relu(x));
await time('step', () => tf.step(x));
await time('mul', () => tf.mul(x, dy));
await time('sum012', () => tf.sum(x,[0,1,2]));
await time('sum reshaped', () => tf.sum(tf.reshape(x,[-1,C]),0));
await time('matmul ones', () => tf.matMul(tf.ones([1,B*H*H]), tf.reshape(x,[-1,C])));
