namespace FinOps.Slack;

/// <summary>Settings of the Slack app (section <c>Slack</c>).</summary>
public sealed class SlackOptions
{
    public const string SectionName = "Slack";

    /// <summary>The bot scopes requested by <c>/slack/install</c> when <see cref="Scopes"/> is empty; they match manifests/slack/manifest.yaml.</summary>
    public static IReadOnlyList<string> DefaultScopes { get; } =
    [
        "app_mentions:read",
        "channels:history",
        "chat:write",
        "commands",
        "files:write",
        "groups:history",
        "im:history",
        "im:write",
        "users:read",
        "users:read.email",
    ];

    /// <summary>Signing secret (Basic Information page). Turns the HTTP endpoints on.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>Bot token (<c>xoxb-</c>) of a single-workspace install; used when no OAuth installation exists for a team.</summary>
    public string? BotToken { get; set; }

    /// <summary>The bot's user id for <see cref="BotToken"/>, so mentions of the bot are stripped and its own messages ignored.</summary>
    public string? BotUserId { get; set; }

    /// <summary>App-level token (<c>xapp-</c>, scope connections:write). Turns Socket Mode on.</summary>
    public string? AppToken { get; set; }

    /// <summary>OAuth client id; with <see cref="ClientSecret"/> turns the multi-workspace install flow on.</summary>
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Key that signs the OAuth <c>state</c>; the client secret is used when empty.</summary>
    public string? StateSecret { get; set; }

    /// <summary>The OAuth redirect URL registered with the app (…/slack/oauth/callback); Slack's configured default when empty.</summary>
    public Uri? RedirectUri { get; set; }

    /// <summary>Bot scopes to request on install; <see cref="DefaultScopes"/> when empty.</summary>
    public IReadOnlyList<string> Scopes { get; set; } = [];

    /// <summary>Slack's Web API base; point it at a stand-in Slack for tests and staging.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>Slack's OAuth v2 authorize page.</summary>
    public Uri AuthorizeUrl { get; set; } = new("https://slack.com/oauth/v2/authorize");

    /// <summary>First words of a slash command that post the answer to the whole channel (<c>/finops share top services</c>); <c>--share</c> at the end does the same.</summary>
    public IReadOnlyList<string> ShareKeywords { get; set; } = [];

    /// <summary>Largest inbound request body accepted before verification; Slack's payloads are far smaller.</summary>
    public int MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Inbound work items processed at once.</summary>
    public int WorkerCount { get; set; } = 4;

    /// <summary>
    /// How long one attempt owns an event, command or click. Work left behind by a crashed attempt is resumed once the
    /// lease has run out, so keep it short, but above the slowest answer (Web API retries included) when several
    /// instances share one database.
    /// </summary>
    public TimeSpan ProcessingLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the inbox is checked for due inbound work besides the immediate wake-up when work is stored.</summary>
    public TimeSpan InboxPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>First wait after inbound work failed transiently; doubles per attempt up to <see cref="InboxMaxRetryDelay"/>.</summary>
    public TimeSpan InboxRetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan InboxMaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts after which inbound work is given up (dead); Slack's response_url expires after 30 minutes anyway.</summary>
    public int InboxMaxAttempts { get; set; } = 8;

    /// <summary>Minimum time between two posts to the same channel (Slack allows about one message per second per channel).</summary>
    public TimeSpan PostInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries of one Web API call on 429/5xx/network errors before it fails.</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>Base of the exponential backoff when Slack sends no Retry-After.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest Retry-After honoured inline; longer waits fail the call and leave the message to the outbox.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Timeout of one Web API attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the outbox dispatcher looks for due proactive messages.</summary>
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>First wait after a failed proactive send; doubles per attempt up to <see cref="OutboxMaxRetryDelay"/>.</summary>
    public TimeSpan OutboxRetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan OutboxMaxRetryDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Attempts after which a proactive message is given up (dead).</summary>
    public int OutboxMaxAttempts { get; set; } = 20;

    /// <summary>First wait before reconnecting a dropped Socket Mode connection; grows exponentially up to <see cref="SocketReconnectMaxDelay"/>.</summary>
    public TimeSpan SocketReconnectBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan SocketReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Lifetime of an OAuth <c>state</c>.</summary>
    public TimeSpan StateLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a looked-up user (name, email) is cached.</summary>
    public TimeSpan UserCacheLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a failed users.info lookup (missing scope, rate limit, Slack down) is remembered, so a burst of events from one
    /// user costs one failed call instead of one per event; the user meanwhile goes by id (and the name Slack sent). Zero turns it off.
    /// </summary>
    public TimeSpan UserLookupFailureLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>True when the HTTP endpoints are on.</summary>
    public bool HttpEnabled => !string.IsNullOrWhiteSpace(SigningSecret);

    /// <summary>True when Socket Mode is on.</summary>
    public bool SocketModeEnabled => !string.IsNullOrWhiteSpace(AppToken);

    /// <summary>True when the OAuth install flow is on.</summary>
    public bool OAuthEnabled => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);

    public IReadOnlyList<string> EffectiveScopes => Scopes.Count > 0 ? Scopes : DefaultScopes;

    public IReadOnlyList<string> EffectiveShareKeywords => ShareKeywords.Count > 0 ? ShareKeywords : ["share"];
}
