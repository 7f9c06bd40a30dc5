using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FinOps.Slack.Inbound;
using FinOps.Slack.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace FinOps.Slack;

/// <summary>
/// Slack's HTTP endpoints: <c>POST /slack/events</c>, <c>/slack/commands</c>, <c>/slack/interactions</c> (mapped when a signing
/// secret is set; every request signature-checked before its body is read) and <c>GET /slack/install</c>,
/// <c>/slack/oauth/callback</c> (mapped when OAuth client credentials are set).
/// </summary>
public static partial class SlackEndpoints
{
    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<SlackOptions>>().Value;
        if (!options.HttpEnabled)
        {
            return endpoints;
        }

        var slack = endpoints.MapGroup("/slack").ExcludeFromDescription();
        var signed = slack.MapGroup(string.Empty).AddEndpointFilter<SlackSignatureFilter>();
        signed.MapPost("/events", HandleEventsAsync);
        signed.MapPost("/commands", HandleCommandAsync);
        signed.MapPost("/interactions", HandleInteractionAsync);
        if (options.OAuthEnabled)
        {
            slack.MapGet("/install", Install);
            slack.MapGet("/oauth/callback", HandleOAuthCallbackAsync);
        }

        return endpoints;
    }

    private static async Task<IResult> HandleEventsAsync(HttpContext context, SlackInboundDispatcher dispatcher)
    {
        var body = SlackVerifiedBody.From(context).Bytes;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && SlackInboundDispatcher.GetString(root, "type") == "url_verification")
            {
                return SlackInboundDispatcher.GetString(root, "challenge") is { } challenge
                    ? Results.Json(new Dictionary<string, string> { ["challenge"] = challenge })
                    : Results.BadRequest();
            }

            return ToResult(await dispatcher.DispatchEventAsync(root, context.RequestAborted));
        }
    }

    private static async Task<IResult> HandleCommandAsync(HttpContext context, SlackInboundDispatcher dispatcher)
    {
        if (ReadForm(context) is not { } form)
        {
            return Results.BadRequest();
        }

        var command = SlackSlashCommand.TryCreate(name => form.TryGetValue(name, out var value) ? value.ToString() : null);
        return command is null
            ? Results.BadRequest()
            : ToResult(await dispatcher.DispatchCommandAsync(command, context.RequestAborted));
    }

    private static async Task<IResult> HandleInteractionAsync(HttpContext context, SlackInboundDispatcher dispatcher)
    {
        if (ReadForm(context) is not { } form || !form.TryGetValue("payload", out var payload) || StringValues.IsNullOrEmpty(payload))
        {
            return Results.BadRequest();
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload.ToString());
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        using (document)
        {
            return ToResult(await dispatcher.DispatchInteractionAsync(document.RootElement, context.RequestAborted));
        }
    }

    /// <summary>The verified body as an urlencoded form; null when the request is not one.</summary>
    private static Dictionary<string, StringValues>? ReadForm(HttpContext context)
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var contentType)
            || !string.Equals(contentType.MediaType, "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(SlackVerifiedBody.From(context).Bytes.Span);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        try
        {
            using var reader = new FormReader(text);
            return reader.ReadForm();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>Slack wants a bare 200 within three seconds; 503 makes it retry later.</summary>
    private static IResult ToResult(SlackDispatchResult result) => result switch
    {
        SlackDispatchResult.Accepted or SlackDispatchResult.Ignored => Results.Ok(),
        SlackDispatchResult.Invalid => Results.BadRequest(),
        SlackDispatchResult.Busy => Results.StatusCode(StatusCodes.Status503ServiceUnavailable),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, null),
    };
}
