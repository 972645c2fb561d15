import { synthesizeDefinitions } from "../../lib/synth-local.ts";
const t0 = performance.now();
const d = synthesizeDefinitions();
console.log("ms", (performance.now() - t0).toFixed(0));
console.log(JSON.stringify(d.lifecycle.States.LoadMeeting, null, 1));
console.log(JSON.stringify(d.lifecycle.States.AwaitMeeting, null, 1).slice(0, 900));
console.log(Object.values(d.functionArns).length, d.actionTracker.StartAt);
