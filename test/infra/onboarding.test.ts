/**
 * Follows the README's "Deploy" steps on a copy of the authorities folder: copy demo.json to a new
 * file, edit what the README says to edit, synthesize every authority's stacks as `cdk synth` does.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { App } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { AuthorityFilesError, loadAuthorityDirectory } from "../../adapters/config/load-authorities.ts";
import { addAuthorityStacks } from "../../lib/app.ts";
import { repoRoot } from "../../lib/convene-function.ts";
import { cdkJsonContext } from "../../lib/synth-local.ts";

const demoFile = path.join(repoRoot, "authorities", "demo.json");

function authoritiesFolder(): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), "convene-onboarding-")), "authorities");
  mkdirSync(dir);
  // Step 1 of the README: cp authorities/demo.json authorities/<your-id>.json
  copyFileSync(demoFile, path.join(dir, "demo.json"));
  copyFileSync(demoFile, path.join(dir, "camden.json"));
  return dir;
}

const problemsOf = (dir: string): readonly string[] => {
  try {
    loadAuthorityDirectory(dir, path.dirname(dir));
  } catch (error) {
    expect(error).toBeInstanceOf(AuthorityFilesError);
    return (error as AuthorityFilesError).problems;
  }
  throw new Error("expected an AuthorityFilesError");
};

describe("the README's onboarding steps", () => {
  it("a copy of demo.json whose id was not edited is refused by name, not with a construct clash", () => {
    const dir = authoritiesFolder();
    expect(problemsOf(dir)).toEqual([
      'authorities/demo.json: id: "demo" is already used by authorities/camden.json; each authority needs its own (it names the stack Convene-<id> and its resources)',
      'authorities/demo.json: email.replyDomain: "reply.demo.convene.local" is already used by authorities/camden.json; each authority needs its own (SES routes a domain\'s replies to one rule)',
      'authorities/demo.json: email.replySecretName: "convene/demo/reply-signing-key" is already used by authorities/camden.json; each authority needs its own (a secret name is unique in an account and Region)',
    ]);
  });

  it("edited as the README says, synthesizes both authorities side by side", () => {
    const dir = authoritiesFolder();
    // Step 1's edit: id, name, email, contacts; several authorities share one receipt rule set.
    const camdenFile = path.join(dir, "camden.json");
    const camden = JSON.parse(readFileSync(camdenFile, "utf8"));
    camden.id = "camden";
    camden.name = "Camden Council";
    camden.email.from = { name: "Camden Children's Services", email: "convene@camden.example" };
    camden.email.replyDomain = "reply.camden.example";
    camden.contacts.teamManager = { name: "Alex Morgan", email: "alex.morgan@camden.example" };
    // Camden receives in Ireland, adding its rule to the account's active rule set there.
    camden.deployment.receivingRegion = "eu-west-1";
    camden.deployment.sharedReceiptRuleSetName = "council-inbound";
    writeFileSync(camdenFile, JSON.stringify(camden, null, 2));

    const authorities = loadAuthorityDirectory(dir, path.dirname(dir));
    expect(authorities.map((a) => a.authority.id)).toEqual(["camden", "demo"]);
    // Step 2: npx cdk synth (bundling skipped here; the templates are the same).
    const app = new App({ context: { ...cdkJsonContext(), "aws:cdk:bundling-stacks": [] } });
    const stacks = addAuthorityStacks(app, authorities);
    const assembly = app.synth();
    expect(assembly.stacks.map((s) => s.stackName).sort()).toEqual([
      "Convene-camden",
      "Convene-camden-inbound",
      "Convene-demo",
    ]);
    const [camdenStack] = stacks;
    if (!camdenStack?.inbound) throw new Error("expected Convene-camden-inbound");
    Template.fromStack(camdenStack.inbound).hasResourceProperties("AWS::SES::ReceiptRule", {
      RuleSetName: "council-inbound",
    });
    Template.fromStack(camdenStack).hasResourceProperties("AWS::SecretsManager::Secret", {
      Name: "convene/camden/reply-signing-key",
    });
  });
});

describe("broken authority files", () => {
  it("are all reported at once, every problem of every file on its own line", () => {
    const dir = authoritiesFolder();
    const demo = JSON.parse(readFileSync(demoFile, "utf8"));
    writeFileSync(
      path.join(dir, "camden.json"),
      JSON.stringify({ ...demo, id: "camden", timezone: "Europe/Londn", retentionYears: 0 }),
    );
    writeFileSync(path.join(dir, "hackney.json"), '{ "id": "hackney", ');
    writeFileSync(
      path.join(dir, "islington.json"),
      JSON.stringify({ ...demo, id: "islington", transcription: { piiRedaction: true } }),
    );
    const problems = problemsOf(dir);
    expect(
      problems.filter((p) => p.startsWith("authorities/camden.json: ")).map((p) => p.split(": ")[1]),
    ).toEqual(["timezone", "retentionYears"]);
    expect(problems.some((p) => /^authorities\/hackney\.json: not valid JSON: /.test(p))).toBe(true);
    expect(problems).toContain(
      "authorities/islington.json: transcription.piiRedaction: Amazon Transcribe cannot redact PII in en-GB (redaction supports en-US, es-US, fr-FR, fr-CA, de-DE, de-CH, it-IT, pt-PT, pt-BR); set piiRedaction to false",
    );
    expect(problems.join("\n")).not.toMatch(/more problem/);
  });
});
