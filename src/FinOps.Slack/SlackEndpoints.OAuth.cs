using System.Security.Cryptography;
using System.Text;
using FinOps.Core.Reliability;
using FinOps.Slack.Installation;
using FinOps.Slack.WebApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FinOps.Slack;

public static partial class SlackEndpoints
{
    /// <summary>Cookie binding the OAuth <c>state</c> to the browser that started the install (CSRF protection).</summary>
    public const string StateCookie = "slack_oauth_state";

    /// <summary>Idempotency scope of spent OAuth state nonces.</summary>
    public const string OAuthStateScope = "slack.oauth-state";

    private static IResult Install(HttpContext context, IOptions<SlackOptions> options, TimeProvider timeProvider)
    {
        var settings = options.Value;
        var state = SlackOAuthState.Create(StateKey(settings), timeProvider.GetUtcNow() + settings.StateLifetime);
        context.Response.Cookies.Append(StateCookie, state, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = "/slack/oauth",
            MaxAge = settings.StateLifetime,
        });

        var query = new Dictionary<string, string?>
        {
            ["client_id"] = settings.ClientId,
            ["scope"] = string.Join(',', settings.EffectiveScopes),
            ["user_scope"] = string.Empty,
            ["state"] = state,
        };
        if (settings.RedirectUri is not null)
        {
            query["redirect_uri"] = settings.RedirectUri.AbsoluteUri;
        }

        return Results.Redirect(QueryHelpers.AddQueryString(settings.AuthorizeUrl.AbsoluteUri, query));
    }

    private static async Task<IResult> HandleOAuthCallbackAsync(
        HttpContext context,
        IOptions<SlackOptions> options,
        TimeProvider timeProvider,
        SlackApiClient api,
        ISlackInstallationStore store,
        IIdempotencyStore usedStates,
        ILoggerFactory loggerFactory)
    {
        var logger = loggerFactory.CreateLogger(typeof(SlackEndpoints));
        var settings = options.Value;
        var query = context.Request.Query;
        string? state = query["state"];
        string? cookie = context.Request.Cookies[StateCookie];
        var now = timeProvider.GetUtcNow();
        if (!SlackOAuthState.TryRead(StateKey(settings), state, now, out var nonce, out var expiresAt)
            || cookie is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(cookie), Encoding.UTF8.GetBytes(state!)))
        {
            LogInstallRejected(logger, "invalid or expired state");
            return Results.Text("The installation link is invalid or has expired. Start again from /slack/install.", statusCode: StatusCodes.Status400BadRequest);
        }

        // A state is spent by its first callback, whatever the outcome; the claim lasts until the state expires (the
        // durable store keeps it across restarts), after which the state itself is refused.
        if (!await usedStates.TryClaimAsync(OAuthStateScope, nonce, expiresAt - now, context.RequestAborted))
        {
            LogInstallRejected(logger, "state already used (replayed callback)");
            return Results.Text("This installation link has already been used. Start again from /slack/install.", statusCode: StatusCodes.Status400BadRequest);
        }

        await usedStates.CompleteAsync(OAuthStateScope, nonce, null, context.RequestAborted);

        context.Response.Cookies.Delete(StateCookie, new CookieOptions { Path = "/slack/oauth" });
        if (!string.IsNullOrEmpty(query["error"]) || string.IsNullOrEmpty(query["code"]))
        {
            LogInstallRejected(logger, "cancelled or no code");
            return Results.Text("The installation was cancelled.", statusCode: StatusCodes.Status400BadRequest);
        }

        SlackOAuthAccess access;
        try
        {
            access = await api.ExchangeOAuthCodeAsync(settings.ClientId!, settings.ClientSecret!, query["code"].ToString(), settings.RedirectUri, context.RequestAborted);
        }
        catch (SlackApiException ex)
        {
            LogInstallRejected(logger, ex.Error);
            return Results.Text($"Slack refused the installation ({ex.Error}).", statusCode: StatusCodes.Status400BadRequest);
        }

        var installation = new SlackInstallation(
            access.TeamId, access.TeamName, access.EnterpriseId, access.BotUserId, access.AccessToken, access.AppId, access.Scope, timeProvider.GetUtcNow());
        await store.SaveAsync(installation, context.RequestAborted);
        LogInstalled(logger, access.TeamId, access.TeamName);
        return Results.Text($"FinOps Bot is installed in {access.TeamName ?? access.TeamId}. Mention it or type /finops help in Slack.");
    }

    private static string StateKey(SlackOptions settings) =>
        string.IsNullOrEmpty(settings.StateSecret) ? settings.ClientSecret! : settings.StateSecret;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack install rejected: {Reason}")]
    private static partial void LogInstallRejected(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack app installed in team {TeamId} ({TeamName})")]
    private static partial void LogInstalled(ILogger logger, string teamId, string? teamName);
}
