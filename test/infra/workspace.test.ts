/**
 * The staff workspace in the synthesized stack (lib/workspace.ts, lib/stateless.ts): the Cognito
 * user pool with the workspace's groups and the identity provider named in the authority file,
 * one code-flow client whose callback is the workspace's, every staff path on API Gateway going
 * to the web function (which verifies the session), and the answer pages still public.
 */
import type { CfnElement } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { AwsSolutionsChecks } from "cdk-nag";
import { describe, expect, it } from "vitest";
import { parseAuthorityConfig } from "../../adapters/config/load-authority.ts";
import { staffGroups } from "../../domain/directory/person.ts";
import type { ConveneStack } from "../../lib/convene-stack.ts";
import { envNames } from "../../lib/function-environment.ts";
import { buildConveneApp, localSynthAuthority } from "../../lib/synth-local.ts";
import type { CfnTemplate } from "./template-helpers.ts";

function synth(workspace: unknown = undefined): { stack: ConveneStack; json: CfnTemplate } {
  const authority = parseAuthorityConfig(
    { ...localSynthAuthority, deployment: { region: "eu-west-1", ...(workspace ? { workspace } : {}) } },
    "localSynthAuthority with a workspace block",
  );
  const { stack } = buildConveneApp({ authority });
  return { stack, json: Template.fromStack(stack).toJSON() as CfnTemplate };
}

const ofType = (json: CfnTemplate, type: string) =>
  Object.entries(json.Resources).filter(([, r]) => r.Type === type);
const only = (json: CfnTemplate, type: string) => {
  const found = ofType(json, type);
  expect(found, type).toHaveLength(1);
  return found[0]?.[1].Properties ?? {};
};
const idOf = (stack: ConveneStack, construct: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(construct.node.defaultChild as CfnElement);

const entra = {
  identityProvider: {
    type: "oidc",
    name: "EntraID",
    issuerUrl: "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0",
    clientId: "convene-app",
    clientSecretName: "convene/demo/entra-client-secret",
  },
  cognitoDomainPrefix: "demo-borough-convene",
  sessionMinutes: 120,
};

describe("the workspace's sign-in", () => {
  const { stack, json } = synth();

  it("is a user pool nobody signs up to, with MFA, a strong password policy, threat protection, kept on delete", () => {
    const pool = only(json, "AWS::Cognito::UserPool");
    expect(pool).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: "ON",
      EnabledMfas: ["SOFTWARE_TOKEN_MFA"],
      UserPoolTier: "PLUS",
      UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" },
      DeletionProtection: "ACTIVE",
      Policies: { PasswordPolicy: { MinimumLength: 14, RequireSymbols: true } },
    });
    const [, resource] = ofType(json, "AWS::Cognito::UserPool")[0] ?? [];
    expect((resource as { DeletionPolicy?: string }).DeletionPolicy).toBe("Retain");
  });

  it("has one group per workspace role, the names the app reads from cognito:groups", () => {
    const groups = ofType(json, "AWS::Cognito::UserPoolGroup").map(([, g]) => g.Properties.GroupName);
    expect(groups.sort()).toEqual([...staffGroups].sort());
  });

  it("has one client: code flow with PKCE, no secret, no password flows, the workspace's callback", () => {
    const client = only(json, "AWS::Cognito::UserPoolClient");
    expect(client.GenerateSecret).toBe(false);
    expect(client.AllowedOAuthFlows).toEqual(["code"]);
    expect(client.AllowedOAuthScopes).toEqual(expect.arrayContaining(["openid", "email", "profile"]));
    expect(client.ExplicitAuthFlows ?? []).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/PASSWORD|SRP|CUSTOM/)]),
    );
    expect(client.SupportedIdentityProviders).toEqual(["COGNITO"]);
    expect(client.PreventUserExistenceErrors).toBe("ENABLED");
    const callback = JSON.stringify(client.CallbackURLs);
    expect(callback).toContain(idOf(stack, stack.stateless.api));
    expect(callback).toContain("/reply/auth/callback");
    expect(only(json, "AWS::Cognito::UserPoolDomain").Domain).toBe("convene-local");
  });

  it("gives the web function the pool, client, hosted domain and its own URL", () => {
    const web = json.Resources[idOf(stack, stack.stateless.functions.web)]?.Properties ?? {};
    const env = (web.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(env[envNames.userPoolId]).toEqual({ Ref: idOf(stack, stack.stateless.signIn.userPool) });
    expect(env[envNames.userPoolClientId]).toEqual({ Ref: idOf(stack, stack.stateless.signIn.client) });
    expect(JSON.stringify(env[envNames.cognitoDomainUrl])).toContain("convene-local.auth.");
    expect(env[envNames.workspaceBasePath]).toBe("/reply");
    expect(env[envNames.identityProviderName]).toBeUndefined();
  });
});

describe("the API", () => {
  const { stack, json } = synth();
  const methods = ofType(json, "AWS::ApiGateway::Method").map(([, m]) => m.Properties);
  const resources = Object.fromEntries(
    ofType(json, "AWS::ApiGateway::Resource").map(([id, r]) => [id, r.Properties.PathPart]),
  );
  const pathOf = (m: Record<string, unknown>) => {
    const ref = m.ResourceId as { Ref?: string };
    return ref.Ref ? resources[ref.Ref] : "/";
  };

  it("sends the root and every other path to the web function, and /r/{token} to the reply page", () => {
    const web = idOf(stack, stack.stateless.functions.web);
    const replyPage = idOf(stack, stack.stateless.functions["reply-page"]);
    const routes = methods.map((m) => {
      const target = JSON.stringify(m.Integration);
      return `${m.HttpMethod} ${pathOf(m)} -> ${target.includes(web) ? "web" : target.includes(replyPage) ? "reply-page" : "?"}`;
    });
    expect(routes.sort()).toEqual(
      [
        "ANY / -> web",
        "ANY {proxy+} -> web",
        "GET {token} -> reply-page",
        "POST {token} -> reply-page",
      ].sort(),
    );
    // No API Gateway authorizer: the web function verifies the session cookie itself; the
    // answer pages verify their signed token.
    for (const m of methods) expect(m.AuthorizationType).toBe("NONE");
  });

  it("passes bodies as binary, so a transcript upload arrives intact", () => {
    expect(only(json, "AWS::ApiGateway::RestApi").BinaryMediaTypes).toEqual(["*/*"]);
  });
});

describe("an authority federated to its identity provider", () => {
  it("OIDC (Entra ID): the provider from the authority file, its secret read at deploy time, the only way in", () => {
    const { stack, json } = synth(entra);
    const provider = only(json, "AWS::Cognito::UserPoolIdentityProvider");
    expect(provider.ProviderName).toBe("EntraID");
    expect(provider.ProviderType).toBe("OIDC");
    const details = provider.ProviderDetails as Record<string, string>;
    expect(details.oidc_issuer).toBe(entra.identityProvider.issuerUrl);
    expect(details.client_id).toBe("convene-app");
    expect(details.client_secret).toBe(
      "{{resolve:secretsmanager:convene/demo/entra-client-secret:SecretString}}",
    );
    expect(provider.AttributeMapping).toEqual({ email: "email", name: "name" });
    const client = only(json, "AWS::Cognito::UserPoolClient");
    // The provider's Ref is its name: the client accepts that provider only, and is created after it.
    const [providerId] = ofType(json, "AWS::Cognito::UserPoolIdentityProvider")[0] ?? [];
    expect(client.SupportedIdentityProviders).toEqual([{ Ref: providerId }]);
    expect(client.IdTokenValidity).toBe(120);
    expect(only(json, "AWS::Cognito::UserPoolDomain").Domain).toBe("demo-borough-convene");
    const web = json.Resources[idOf(stack, stack.stateless.functions.web)]?.Properties ?? {};
    const env = (web.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(env[envNames.identityProviderName]).toBe("EntraID");
  });

  it("SAML: the metadata URL and the claims the app reads", () => {
    const { json } = synth({
      identityProvider: {
        type: "saml",
        name: "CouncilADFS",
        metadataUrl: "https://adfs.demo.gov.uk/FederationMetadata/2007-06/FederationMetadata.xml",
      },
    });
    const provider = only(json, "AWS::Cognito::UserPoolIdentityProvider");
    expect(provider.ProviderType).toBe("SAML");
    expect((provider.ProviderDetails as Record<string, string>).MetadataURL).toMatch(/^https:\/\/adfs\./);
    expect(Object.keys(provider.AttributeMapping as object).sort()).toEqual(["email", "name"]);
    const [providerId] = ofType(json, "AWS::Cognito::UserPoolIdentityProvider")[0] ?? [];
    expect(only(json, "AWS::Cognito::UserPoolClient").SupportedIdentityProviders).toEqual([
      { Ref: providerId },
    ]);
  });

  it("adds no cdk-nag finding that is not acknowledged", () => {
    const { stack } = synth(entra);
    const report = new AwsSolutionsChecks().validateScope(stack);
    const findings = report.violations
      .filter((v) => v.violatingResources.some((r) => /sign-in|web|reply-api/.test(r.constructPath ?? "")))
      .map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(", ")}`);
    expect(findings).toEqual([]);
  });
});
