using System.Net.ServerSentEvents;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using FinOps.Conversation.Rendering;
using FinOps.Teams.Auth;
using Microsoft.Extensions.FileProviders;

namespace FinOps.Bot.Playground;

/// <summary>The local playground: a page and a small JSON API over the same conversation pipeline as Slack and Teams.</summary>
/// <remarks>
/// The playground has no sign-in: it is mapped only when <see cref="PlaygroundSwitch"/> is on (Development environment
/// or <c>Playground:Enabled</c>), and then serves only requests from this machine, whatever address the host listens
/// on; a request through a proxy or tunnel (forwarding headers) is not from this machine even when it arrives on loopback.
/// </remarks>
public static class PlaygroundEndpoints
{
    public const string Path = "/playground";

    public static IEndpointRouteBuilder MapPlayground(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (!endpoints.ServiceProvider.GetRequiredService<PlaygroundSwitch>().IsOn)
        {
            return endpoints;
        }

        var group = endpoints.MapGroup(Path).AddEndpointFilter(LoopbackOnlyAsync);
        var files = new PhysicalFileProvider(System.IO.Path.Combine(AppContext.BaseDirectory, "Playground", "wwwroot"));

        group.MapGet("/", () => Results.Redirect($"{Path}/index.html"));
        endpoints.MapGet("/", () => Results.Redirect($"{Path}/index.html")).AddEndpointFilter(LoopbackOnlyAsync);
        group.MapGet("/cards.css", () => Results.Text(HtmlCardStyles.Css, "text/css"));
        group.MapGet("/{file}", (string file) =>
        {
            var info = files.GetFileInfo(file);
            if (!info.Exists || info.IsDirectory)
            {
                return Results.NotFound();
            }

            var type = System.IO.Path.GetExtension(file) switch
            {
                ".html" => "text/html; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                _ => "application/octet-stream",
            };
            return Results.Stream(info.CreateReadStream(), type);
        });

        group.MapGet("/api/setup", (PlaygroundDirectory directory) => Results.Ok(new
        {
            users = directory.Users.Select(u => new { id = u.Id, label = u.Label }),
            examples = directory.Examples,
        }));
        group.MapPost("/api/messages", AskAsync);
        group.MapPost("/api/actions", ClickAsync);
        group.MapGet("/api/events", (string? user, PlaygroundHub hub, PlaygroundDirectory directory, CancellationToken cancellationToken) =>
        {
            var who = directory.Find(user) ?? directory.Users[0];
            return TypedResults.ServerSentEvents(
                hub.SubscribeAsync(who.Id, cancellationToken).Select(reply => new SseItem<PlaygroundReply>(reply, "card")));
        });
        return endpoints;
    }

    private static async Task<IResult> AskAsync(
        PlaygroundMessageRequest request,
        PlaygroundDirectory directory,
        IConversationService conversation,
        PlaygroundCardPresenter presenter,
        PlaygroundMessages messages,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            return Results.BadRequest(new { error = "text: a question is required." });
        }

        var user = directory.Find(request.User);
        if (user is null)
        {
            return Results.BadRequest(new { error = $"user: unknown playground user '{request.User}'." });
        }

        var address = new ConversationAddress(PlaygroundAddresses.Channel, user.Id);
        var card = await conversation.AnswerAsync(new IncomingMessage(request.Text.Trim(), user.ChatUser, address), cancellationToken);
        var messageId = "pg-" + Guid.NewGuid().ToString("N");
        messages.Remember(messageId, user.Id, card);
        return Results.Ok(presenter.Present(messageId, card, proactive: false));
    }

    private static async Task<IResult> ClickAsync(
        PlaygroundActionRequest request,
        PlaygroundDirectory directory,
        IConversationService conversation,
        PlaygroundCardPresenter presenter,
        PlaygroundMessages messages,
        CancellationToken cancellationToken)
    {
        var user = directory.Find(request.User);
        if (user is null)
        {
            return Results.BadRequest(new { error = $"user: unknown playground user '{request.User}'." });
        }

        if (string.IsNullOrWhiteSpace(request.ActionId))
        {
            return Results.BadRequest(new { error = "actionId: required." });
        }

        if (request.MessageId is null || !messages.TryGet(request.MessageId, out var stored))
        {
            return Results.NotFound(new { error = $"messageId: no playground message '{request.MessageId}' (the bot was restarted?)." });
        }

        var invoked = new CardActionInvoked(
            request.ActionId,
            request.Payload ?? [],
            request.Inputs ?? [],
            user.ChatUser,
            new ConversationAddress(PlaygroundAddresses.Channel, stored.ConversationId),
            request.MessageId);
        var card = await conversation.HandleActionAsync(invoked, cancellationToken);
        messages.Remember(request.MessageId, stored.ConversationId, card);
        return Results.Ok(presenter.Present(request.MessageId, card, proactive: false));
    }

    private static ValueTask<object?> LoopbackOnlyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        LocalRequest.IsLocal(context.HttpContext) ? next(context) : ValueTask.FromResult<object?>(Results.NotFound());
}
