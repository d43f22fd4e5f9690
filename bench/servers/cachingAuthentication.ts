import {
  type AuthenticateRequestResult,
  BotFrameworkAuthentication,
  type ClaimsIdentity,
  type ConnectorClient,
  ConnectorFactory,
  JwtTokenValidation,
  type UserTokenClient,
} from 'botframework-connector';
import { type Activity, ConfigurationBotFrameworkAuthentication } from 'botbuilder';

/** Distinct (service URL, audience) pairs kept; a channel has one or a few service URLs. */
const MAX_CLIENTS = 64;

/**
 * One ConnectorClient per (service URL, audience), reused by every turn. botbuilder builds a new
 * client (credentials lookup, request pipeline with a dozen policies, serializer) for each turn;
 * the client holds no per-turn state, and its credentials refresh their own token.
 */
export class CachingConnectorFactory extends ConnectorFactory {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();

  constructor(private readonly inner: ConnectorFactory) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const key = `${serviceUrl}\n${audience ?? ''}`;
    const cached = this.clients.get(key);
    if (cached) return cached;
    if (this.clients.size >= MAX_CLIENTS) this.clients.clear();
    const created = this.inner.create(serviceUrl, audience);
    this.clients.set(key, created);
    created.catch(() => this.clients.delete(key));
    return created;
  }
}

/**
 * Bot Framework authentication exactly as the wrapped one decides it (JWT checks untouched);
 * only the connector factory it hands the adapter is cached per bot app id.
 */
export class CachingBotFrameworkAuthentication extends BotFrameworkAuthentication {
  private readonly factories = new Map<string, CachingConnectorFactory>();

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await this.inner.authenticateRequest(activity, authHeader);
    return { ...result, connectorFactory: this.factoryFor(result.claimsIdentity, result.connectorFactory) };
  }

  async authenticateStreamingRequest(
    authHeader: string,
    channelIdHeader: string,
  ): Promise<AuthenticateRequestResult> {
    return this.inner.authenticateStreamingRequest(authHeader, channelIdHeader);
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.factoryFor(claimsIdentity, this.inner.createConnectorFactory(claimsIdentity));
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.inner.createUserTokenClient(claimsIdentity);
  }

  override createBotFrameworkClient() {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  private factoryFor(claims: ClaimsIdentity, inner: ConnectorFactory | undefined): CachingConnectorFactory {
    const appId = JwtTokenValidation.getAppIdFromClaims(claims.claims) ?? '';
    let factory = this.factories.get(appId);
    if (!factory) {
      if (this.factories.size >= MAX_CLIENTS) this.factories.clear();
      factory = new CachingConnectorFactory(inner ?? this.inner.createConnectorFactory(claims));
      this.factories.set(appId, factory);
    }
    return factory;
  }
}

/**
 * Bench experiment only: makes every ConfigurationBotFrameworkAuthentication in this process
 * hand out cached connector factories, so a server built elsewhere (the echo sample, buildApp)
 * can be measured with the fix without editing it. Production code should wrap instead:
 * `new CloudAdapter(new CachingBotFrameworkAuthentication(auth))`.
 */
export function cacheConnectorClientsInProcess(): void {
  const proto = ConfigurationBotFrameworkAuthentication.prototype;
  const original = proto.authenticateRequest;
  const factories = new Map<string, CachingConnectorFactory>();
  proto.authenticateRequest = async function (
    this: ConfigurationBotFrameworkAuthentication,
    activity,
    authHeader,
  ) {
    const result = await original.call(this, activity, authHeader);
    if (!result.connectorFactory) return result;
    const appId = JwtTokenValidation.getAppIdFromClaims(result.claimsIdentity.claims) ?? '';
    let factory = factories.get(appId);
    if (!factory) {
      factory = new CachingConnectorFactory(result.connectorFactory);
      factories.set(appId, factory);
    }
    return { ...result, connectorFactory: factory };
  };
}
