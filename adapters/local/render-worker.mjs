// The entry of a render-pool worker thread (render-pool.ts). Plain JavaScript: a worker thread
// does not inherit the main thread's module hooks on Node 20 (not tsx's from bin/convene.js and
// bin/bench.js, nor vitest's), so it registers tsx itself, as the bin shims do, and only then
// imports the TypeScript task module.
import { register } from "tsx/esm/api";

register();
const { render } = await import("./render-tasks.ts");

export default render;
