import {
  type Activity,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  ConfigurationServiceClientCredentialFactory,
} from 'botbuilder-core';
import {
  AppCredentials,
  AuthenticationConstants,
  AuthenticationError,
  ClaimsIdentity,
  type ServiceClientCredentials,
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';

/** botframework-connector's endpoint settings, for private clouds and tests (default: public Azure). */
export type BotFrameworkEndpoints = Partial<
  Record<
    | 'ToChannelFromBotLoginUrl'
    | 'ToChannelFromBotOAuthScope'
    | 'ToBotFromChannelTokenIssuer'
    | 'OAuthUrl'
    | 'ToBotFromChannelOpenIdMetadataUrl'
    | 'ToBotFromEmulatorOpenIdMetadataUrl'
    | 'CallerId',
    string
  >
>;

export interface BotFrameworkAuthOptions {
  appId?: string;
  appPassword?: string;
  appType: string;
  tenantId?: string;
  endpoints?: BotFrameworkEndpoints;
  /** Credentials for the bot's requests to channels; default: botbuilder's factory for the app type. */
  credentialsFactory?: ServiceClientCredentialsFactory;
}

/** Who a turn runs as, and for whom its outgoing requests are authorised. */
export interface TurnIdentity {
  claimsIdentity: ClaimsIdentity;
  /** OAuth scope of the bot's requests to the channel (undefined: the Bot Framework's). */
  audience?: string;
  callerId?: string;
}

/** Credentials kept per (app id, audience); a bot talks to one or two audiences. */
const MAX_CACHED_CREDENTIALS = 16;

/**
 * Bot Framework authentication, both ways, entirely through botframework-connector:
 * incoming requests are checked by `ConfigurationBotFrameworkAuthentication.authenticateRequest`
 * (JWT, OpenID metadata, issuers, audience, serviceUrl claim: none of it is ours), and the bot's
 * requests to the channel carry `Bearer <token>` from the credentials factory's app credentials,
 * whose token cache is theirs. Without an app id every request is accepted and nothing is signed,
 * as with CloudAdapter (the Emulator).
 */
export class BotFrameworkAuthenticator {
  readonly appId: string;
  private readonly inbound: ConfigurationBotFrameworkAuthentication;
  private readonly credentialsFactory: ServiceClientCredentialsFactory;
  private readonly loginEndpoint: string;
  private readonly channelScope: string;
  private readonly credentials = new Map<string, Promise<ServiceClientCredentials>>();

  constructor(options: BotFrameworkAuthOptions) {
    this.appId = options.appId ?? '';
    const settings: ConfigurationBotFrameworkAuthenticationOptions = {
      MicrosoftAppId: this.appId,
      MicrosoftAppPassword: options.appPassword ?? '',
      MicrosoftAppType: options.appType,
      MicrosoftAppTenantId: options.tenantId ?? '',
      ...options.endpoints,
    };
    this.credentialsFactory =
      options.credentialsFactory ?? new ConfigurationServiceClientCredentialFactory(settings);
    this.inbound = new ConfigurationBotFrameworkAuthentication(settings, this.credentialsFactory);
    this.loginEndpoint =
      options.endpoints?.ToChannelFromBotLoginUrl ?? AuthenticationConstants.ToChannelFromBotLoginUrl;
    this.channelScope =
      options.endpoints?.ToChannelFromBotOAuthScope ?? AuthenticationConstants.ToChannelFromBotOAuthScope;
  }

  /**
   * Checks an incoming request's `Authorization` header for its activity. Any failure is an
   * `AuthenticationError` (the route answers 401), whatever botframework-connector threw.
   */
  async authenticateRequest(activity: Activity, authHeader: string): Promise<TurnIdentity> {
    try {
      const result = await this.inbound.authenticateRequest(activity, authHeader);
      return { claimsIdentity: result.claimsIdentity, audience: result.audience, callerId: result.callerId };
    } catch (err) {
      if (err instanceof AuthenticationError) throw err;
      throw new AuthenticationError(
        `Unauthorized: the token could not be validated (${err instanceof Error ? err.message : String(err)})`,
        401,
      );
    }
  }

  /** The identity of a proactive turn for `botAppId` (CloudAdapter's createClaimsIdentity). */
  claimsFor(botAppId: string): ClaimsIdentity {
    return new ClaimsIdentity([
      { type: AuthenticationConstants.AudienceClaim, value: botAppId },
      { type: AuthenticationConstants.AppIdClaim, value: botAppId },
    ]);
  }

  /**
   * The `Authorization` header of the bot's requests to the channel for a turn's identity, or
   * undefined when the bot has no app id. The app id is the one the connector factory would use:
   * the token's audience (channels) or app id (Emulator, proactive).
   */
  async authorization(
    claims: ClaimsIdentity | undefined,
    audience: string | undefined,
  ): Promise<string | undefined> {
    if (!this.appId) return undefined;
    const appId =
      claims?.getClaimValue(AuthenticationConstants.AudienceClaim) ??
      claims?.getClaimValue(AuthenticationConstants.AppIdClaim) ??
      this.appId;
    const credentials = await this.credentialsFor(appId, audience ?? this.channelScope);
    if (!(credentials instanceof AppCredentials))
      throw new Error('Unsupported Bot Framework credentials type');
    if (!credentials.appId || credentials.appId === AuthenticationConstants.AnonymousSkillAppId)
      return undefined;
    return `Bearer ${await credentials.getToken()}`;
  }

  private credentialsFor(appId: string, audience: string): Promise<ServiceClientCredentials> {
    const key = `${appId}\n${audience}`;
    let credentials = this.credentials.get(key);
    if (!credentials) {
      if (this.credentials.size >= MAX_CACHED_CREDENTIALS) this.credentials.clear();
      credentials = this.credentialsFactory.createCredentials(appId, audience, this.loginEndpoint, true);
      credentials.catch(() => this.credentials.delete(key));
      this.credentials.set(key, credentials);
    }
    return credentials;
  }
}
