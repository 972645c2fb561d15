/**
 * The staff workspace's sign-in in an authority's stack: an Amazon Cognito user pool, federated
 * to the council's identity provider when the authority file names one (OIDC or SAML, e.g.
 * Microsoft Entra ID), with the workspace's groups, a hosted sign-in domain and one app client
 * for the web function (authorization code + PKCE, no client secret, no password flows: the
 * browser signs in through the hosted pages only).
 *
 * Without an identity provider the pool is its own directory: an admin creates each person,
 * who signs in with a strong password and an authenticator app (MFA required). With one, sign-in
 * goes straight to the council's provider and MFA is the council's (Cognito does not apply its
 * MFA to federated sign-ins).
 */
import { Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import * as cognito from "aws-cdk-lib/aws-cognito";
import { Construct } from "constructs";
import type { IdentityProviderConfig } from "../domain/authority/schema.ts";
import { staffGroups } from "../domain/directory/person.ts";

/** What each group lets a person do (the access rules are domain/access/meeting-access.ts). */
export const groupDescriptions: Record<(typeof staffGroups)[number], string> = {
  "social-worker": "Social workers and chairs: convene and run their own meetings",
  "team-manager": "Team managers: their team's meetings and actions, and new action dates",
  "service-manager": "Service managers: every team's meetings and actions",
  admin: "Admins: settings, health and the staff directory",
};

export interface ConveneSignInProps {
  authorityId: string;
  /** @default convene-<authority id> */
  domainPrefix?: string;
  identityProvider?: IdentityProviderConfig;
  /** How long a sign-in lasts (ID token validity). */
  sessionMinutes: number;
  /** The workspace's URL (origin and base path, no trailing slash): the callback is under it. */
  appUrl: string;
}

export class ConveneSignIn extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly domain: cognito.UserPoolDomain;
  /** The hosted sign-in's origin, e.g. https://convene-demo.auth.eu-west-2.amazoncognito.com */
  readonly domainUrl: string;
  /** The council's provider's name in the pool, when federated. */
  readonly identityProviderName: string | undefined;

  constructor(scope: Construct, id: string, props: ConveneSignInProps) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, "staff", {
      userPoolName: `convene-${props.authorityId}-staff`,
      // People are added by an admin or arrive through the council's provider; nobody signs up.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Plus: threat protection blocks sign-ins Cognito judges risky and compromised passwords.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const [precedence, group] of staffGroups.entries()) {
      new cognito.CfnUserPoolGroup(this, `group-${group}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: group,
        description: groupDescriptions[group],
        precedence,
      });
    }
    const prefix = props.domainPrefix ?? `convene-${props.authorityId}`;
    this.domain = this.userPool.addDomain("hosted-sign-in", { cognitoDomain: { domainPrefix: prefix } });
    this.domainUrl = `https://${prefix}.auth.${Stack.of(this).region}.amazoncognito.com`;

    const provider = props.identityProvider ? this.federate(props.identityProvider) : undefined;
    this.identityProviderName = props.identityProvider?.name;
    const session = Duration.minutes(props.sessionMinutes);
    this.client = this.userPool.addClient("workspace", {
      userPoolClientName: `convene-${props.authorityId}-workspace`,
      generateSecret: false,
      // The hosted pages only: no password, SRP or custom flow on this client.
      authFlows: { userPassword: false, userSrp: false, custom: false, adminUserPassword: false },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [`${props.appUrl}/auth/callback`],
        logoutUrls: [`${props.appUrl}/`],
      },
      supportedIdentityProviders: [
        provider
          ? cognito.UserPoolClientIdentityProvider.custom(provider.providerName)
          : cognito.UserPoolClientIdentityProvider.COGNITO,
      ],
      idTokenValidity: session,
      accessTokenValidity: session,
      refreshTokenValidity: Duration.minutes(Math.max(60, props.sessionMinutes)),
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
    });
    if (provider) this.client.node.addDependency(provider);
  }

  private federate(config: IdentityProviderConfig): cognito.IUserPoolIdentityProvider {
    if (config.type === "oidc") {
      return new cognito.UserPoolIdentityProviderOidc(this, "council-oidc", {
        userPool: this.userPool,
        name: config.name,
        clientId: config.clientId,
        // A dynamic reference: CloudFormation reads the secret at deploy time; the template holds only its name.
        clientSecret: `{{resolve:secretsmanager:${config.clientSecretName}:SecretString}}`,
        issuerUrl: config.issuerUrl,
        scopes: config.scopes,
        attributeRequestMethod: cognito.OidcAttributeRequestMethod.GET,
        attributeMapping: {
          email: cognito.ProviderAttribute.other(config.emailClaim),
          fullname: cognito.ProviderAttribute.other(config.nameClaim),
        },
      });
    }
    return new cognito.UserPoolIdentityProviderSaml(this, "council-saml", {
      userPool: this.userPool,
      name: config.name,
      metadata: cognito.UserPoolIdentityProviderSamlMetadata.url(config.metadataUrl),
      idpSignout: true,
      attributeMapping: {
        email: cognito.ProviderAttribute.other(config.emailAttribute),
        fullname: cognito.ProviderAttribute.other(config.nameAttribute),
      },
    });
  }
}
