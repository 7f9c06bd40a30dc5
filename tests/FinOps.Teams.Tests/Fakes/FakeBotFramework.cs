using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FinOps.Teams.Tests.Fakes;

/// <summary>
/// A stand-in Bot Framework on https://127.0.0.1: OpenID metadata and JWKS (keys generated here, with
/// endorsements), an Entra tenant's metadata, an MSAL-compatible token endpoint and the v3
/// conversations API, which records every call.
/// </summary>
public sealed class FakeBotFramework : IAsyncDisposable
{
    public const string BotFrameworkIssuer = "https://api.botframework.com";
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string AccessToken = "bf-access-token";

    private readonly WebApplication _app;
    private readonly Channel<ConnectorCall> _calls = Channel.CreateUnbounded<ConnectorCall>();
    private int _activityCounter;

    private FakeBotFramework(WebApplication app)
    {
        _app = app;
    }

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The serviceUrl activities carry: the v3 API lives here.</summary>
    public string ServiceUrl => BaseUri + "teams/";

    public string OpenIdMetadataUrl => BaseUri + "v1/.well-known/openidconfiguration";

    public string EntraLoginHost => BaseUri.ToString().TrimEnd('/');

    /// <summary>The published key endorsed for msteams.</summary>
    public SigningKey ChannelKey { get; } = SharedChannelKey;

    // RSA key generation is slow; the keys are shared by every fake of the test run (each test still gets its own server).
    private static readonly SigningKey SharedChannelKey = new("channel-key", "msteams", "webchat");

    /// <summary>A published key that is not endorsed for msteams.</summary>
    public SigningKey OtherChannelKey { get; } = SharedOtherChannelKey;

    // RSA key generation is slow; the keys are shared by every fake of the test run (each test still gets its own server).
    private static readonly SigningKey SharedOtherChannelKey = new("other-channel-key", "skype");

    /// <summary>A key the metadata does not publish.</summary>
    public SigningKey UnpublishedKey { get; } = SharedUnpublishedKey;

    // RSA key generation is slow; the keys are shared by every fake of the test run (each test still gets its own server).
    private static readonly SigningKey SharedUnpublishedKey = new("unpublished-key", "msteams");

    /// <summary>A key published only once <see cref="PublishRotatedKey"/> is set (key rotation).</summary>
    public SigningKey RotatedKey { get; } = SharedRotatedKey;

    // RSA key generation is slow; the keys are shared by every fake of the test run (each test still gets its own server).
    private static readonly SigningKey SharedRotatedKey = new("rotated-key", "msteams");

    public bool PublishRotatedKey { get; set; }

    /// <summary>The Entra tenant's signing key (Entra keys carry no endorsements).</summary>
    public SigningKey EntraKey { get; } = SharedEntraKey;

    // RSA key generation is slow; the keys are shared by every fake of the test run (each test still gets its own server).
    private static readonly SigningKey SharedEntraKey = new("entra-key");

    public ConcurrentQueue<ConnectorCall> Calls { get; } = new();

    /// <summary>Paths the token endpoint was called on (the authority MSAL used).</summary>
    public ConcurrentQueue<string> TokenPaths { get; } = new();

    private int _tokenRequests;
    private int _keySetRequests;
    private int _metadataRequests;

    /// <summary>When set, the Bot Framework OpenID metadata document answers with this status (an outage).</summary>
    public int? MetadataFailureStatus { get; set; }

    public int MetadataRequests => Volatile.Read(ref _metadataRequests);

    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    public int KeySetRequests => Volatile.Read(ref _keySetRequests);

    /// <summary>Channels (id, name) besides General that <c>GET /v3/teams/{teamId}/conversations</c> lists.</summary>
    public List<(string Id, string Name)> TeamChannels { get; } = [];

    /// <summary>Lets a test answer a connector call itself (status and JSON body); null = the default success.</summary>
    public Func<ConnectorCall, (int Status, string Body, string? RetryAfter)?>? Respond { get; set; }

    public static async Task<FakeBotFramework> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.UseHttps(TestCertificate.Certificate)));
        var app = builder.Build();
        var fake = new FakeBotFramework(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        fake.BaseUri = new Uri(address.EndsWith('/') ? address : address + "/");
        return fake;
    }

    /// <summary>A signed token as Bot Framework would send with an activity; every part can be changed by the test.</summary>
    public string CreateToken(
        DateTimeOffset now,
        string audience,
        string? serviceUrl = null,
        string issuer = BotFrameworkIssuer,
        SigningKey? key = null,
        TimeSpan? notBeforeOffset = null,
        TimeSpan? lifetime = null,
        string algorithm = SecurityAlgorithms.RsaSha256,
        IDictionary<string, object>? extraClaims = null)
    {
        var notBefore = now + (notBeforeOffset ?? TimeSpan.FromMinutes(-1));
        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { ["serviceurl"] = serviceUrl ?? ServiceUrl };
        foreach (var (name, value) in extraClaims ?? new Dictionary<string, object>())
        {
            claims[name] = value;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = notBefore.UtcDateTime,
            NotBefore = notBefore.UtcDateTime,
            Expires = (notBefore + (lifetime ?? TimeSpan.FromHours(1))).UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials((key ?? ChannelKey).SecurityKey, algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>Waits (bounded, in case the bot never calls) for the next connector call.</summary>
    public async Task<ConnectorCall> NextCallAsync() =>
        await _calls.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        var rawPath = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        if (HttpMethods.IsGet(context.Request.Method) && path == "/v1/.well-known/openidconfiguration")
        {
            Interlocked.Increment(ref _metadataRequests);
            if (MetadataFailureStatus is { } failure)
            {
                context.Response.StatusCode = failure;
                return;
            }

            await context.Response.WriteAsJsonAsync(Metadata(BotFrameworkIssuer, "v1/.well-known/keys"));
        }
        else if (HttpMethods.IsGet(context.Request.Method) && path == "/v1/.well-known/keys")
        {
            Interlocked.Increment(ref _keySetRequests);
            await context.Response.WriteAsJsonAsync(PublishRotatedKey ? KeySet(ChannelKey, OtherChannelKey, RotatedKey) : KeySet(ChannelKey, OtherChannelKey));
        }
        else if (HttpMethods.IsGet(context.Request.Method) && path == $"/{TenantId}/v2.0/.well-known/openid-configuration")
        {
            await context.Response.WriteAsJsonAsync(Metadata($"{EntraLoginHost}/{TenantId}/v2.0", "entra/keys"));
        }
        else if (HttpMethods.IsGet(context.Request.Method) && path == "/entra/keys")
        {
            await context.Response.WriteAsJsonAsync(KeySet(EntraKey));
        }
        else if (HttpMethods.IsPost(context.Request.Method) && path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _tokenRequests);
            TokenPaths.Enqueue(path);
            var form = await context.Request.ReadFormAsync();
            if (form["grant_type"] != "client_credentials" || form["scope"] != "https://api.botframework.com/.default")
            {
                context.Response.StatusCode = 400;
                await context.Response.WriteAsJsonAsync(new JsonObject { ["error"] = "invalid_request" });
                return;
            }

            await context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["token_type"] = "Bearer",
                ["expires_in"] = 3600,
                ["ext_expires_in"] = 3600,
                ["access_token"] = AccessToken,
            });
        }
        else if (path.StartsWith("/teams/v3/conversations", StringComparison.Ordinal) || path.StartsWith("/teams/v3/teams/", StringComparison.Ordinal))
        {
            await ConnectorAsync(context, rawPath);
        }
        else
        {
            context.Response.StatusCode = 404;
        }
    }

    private async Task ConnectorAsync(HttpContext context, string rawPath)
    {
        var body = context.Request.ContentLength > 0 || context.Request.Headers.ContentType.Count > 0
            ? await JsonNode.ParseAsync(context.Request.Body)
            : null;
        var call = new ConnectorCall(context.Request.Method, rawPath, context.Request.Headers.Authorization.ToString(), body);
        Calls.Enqueue(call);
        _calls.Writer.TryWrite(call);
        if (Respond?.Invoke(call) is { } custom)
        {
            context.Response.StatusCode = custom.Status;
            if (custom.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = custom.RetryAfter;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(custom.Body);
            return;
        }

        if (HttpMethods.IsGet(context.Request.Method) && rawPath.Contains("/v3/teams/", StringComparison.Ordinal))
        {
            // A team's channel list: General (no name) and whatever the test set in TeamChannels.
            var teamId = Uri.UnescapeDataString(rawPath.Split("/v3/teams/")[1].Split('/')[0]);
            var channels = new JsonArray(new JsonObject { ["id"] = teamId });
            foreach (var (channelId, name) in TeamChannels)
            {
                channels.Add(new JsonObject { ["id"] = channelId, ["name"] = name });
            }

            await context.Response.WriteAsJsonAsync(new JsonObject { ["conversations"] = channels });
            return;
        }

        var id = $"activity-{Interlocked.Increment(ref _activityCounter)}";
        context.Response.StatusCode = HttpMethods.IsPut(context.Request.Method) ? 200 : 201;
        await context.Response.WriteAsJsonAsync(rawPath.TrimEnd('/').EndsWith("/v3/conversations", StringComparison.Ordinal)
            ? new JsonObject { ["id"] = "a:new-conversation", ["activityId"] = id, ["serviceUrl"] = ServiceUrl }
            : new JsonObject { ["id"] = id });
    }

    private JsonObject Metadata(string issuer, string keysPath) => new()
    {
        ["issuer"] = issuer,
        ["authorization_endpoint"] = BaseUri + "authorize",
        ["jwks_uri"] = BaseUri + keysPath,
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
    };

    private static JsonObject KeySet(params SigningKey[] keys) => new()
    {
        ["keys"] = new JsonArray([.. keys.Select(k => (JsonNode)k.ToJwk())]),
    };
}
