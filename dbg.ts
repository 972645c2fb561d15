import { demoStart, runDemoMeeting } from "#adapters/local/demo-scenario.ts";
import { RecordingMailer } from "#adapters/local/recording-mailer.ts";
import { LocalRuntime } from "#adapters/local/runtime.ts";
const mailer = new RecordingMailer(RecordingMailer.counting());
const rt = await LocalRuntime.start({ dataDir: "/tmp/dbg", memory: true, virtualStart: demoStart, mailer });
try { await runDemoMeeting(rt, mailer); } catch (e) { console.log("ERR", (e as Error).message); }
for (const id of (await rt.store.listInFlight())) { for (const e of await rt.store.listAudit(id)) console.log(e.at, e.what, e.via, JSON.stringify(e.detail).slice(0,150)); }
for (const x of rt.workflow.executions.values()) console.log(x.name, x.status, x.error);
await rt.close();
