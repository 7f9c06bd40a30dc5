using System.Text.Json;
using FinOps.Teams.Activities;
using FinOps.Teams.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FinOps.Teams;

/// <summary>The Bot Framework messaging endpoint.</summary>
public static partial class TeamsEndpoints
{
    public const string MessagesPath = "/api/messages";

    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost(MessagesPath, HandleAsync).DisableAntiforgery().WithName("TeamsMessages");
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext context,
        BotFrameworkAuthenticator authenticator,
        TeamsActivityHandler handler,
        IOptions<TeamsOptions> options,
        TeamsDevelopmentMode developmentMode,
        ILoggerFactory loggerFactory)
    {
        var logger = loggerFactory.CreateLogger(typeof(TeamsEndpoints));
        var cancellationToken = context.RequestAborted;
        BotTokenValidation? validation = null;

        // Authentication comes first: the body is not read at all for a request without a valid token.
        if (options.Value.AuthenticationEnabled)
        {
            validation = await authenticator.ValidateHeaderAsync(context.Request.Headers.Authorization.ToString(), cancellationToken);
            if (!validation.IsValid)
            {
                LogRefused(logger, validation.Failure);
                return Results.Unauthorized();
            }
        }
        else if (!developmentMode.IsOn)
        {
            LogRefused(logger, $"Teams:AppId is not set and development mode is off ({developmentMode.Reason})");
            return Results.Unauthorized();
        }
        else if (!LocalRequest.IsLocal(context))
        {
            LogRefused(logger, "development mode accepts requests from this machine only (loopback, not forwarded)");
            return Results.Unauthorized();
        }

        Activity? activity;
        try
        {
            activity = await JsonSerializer.DeserializeAsync<Activity>(context.Request.Body, TeamsJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        if (activity is null)
        {
            return Results.BadRequest();
        }

        if (validation is null && !developmentMode.AllowsServiceUrl(activity.ServiceUrl))
        {
            // Development mode answers the local emulator only, never a connector a request names.
            LogRefused(logger, $"development mode replies only to Teams:DevelopmentServiceUrl ({developmentMode.ServiceUrl}), not to the activity's serviceUrl");
            return Results.Unauthorized();
        }

        if (validation is not null
            && authenticator.AuthorizeActivity(validation, activity.ChannelId, activity.ServiceUrl, activity.Conversation?.TenantId ?? TenantFromChannelData(activity)) is { } failure)
        {
            LogRefused(logger, failure);
            return Results.Unauthorized();
        }

        var result = await handler.HandleAsync(activity, cancellationToken);
        return result.Body is null
            ? Results.StatusCode(result.StatusCode)
            : Results.Json(result.Body, statusCode: result.StatusCode);
    }

    private static string? TenantFromChannelData(Activity activity) =>
        activity.ChannelData?["tenant"]?["id"]?.GetValue<string>();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams request refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string? reason);
}
