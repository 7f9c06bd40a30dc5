using System.Net.WebSockets;
using System.Text.Json;
using FinOps.Slack.Inbound;
using FinOps.Slack.WebApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace FinOps.Slack.SocketMode;

/// <summary>
/// Slack Socket Mode: opens a WebSocket from apps.connections.open with the app-level token, acknowledges every envelope
/// by its <c>envelope_id</c> and hands the payload to the same <see cref="SlackInboundDispatcher"/> as the HTTP endpoints.
/// A <c>disconnect</c> message makes it reconnect at once; a dropped or failed connection is retried by a resilience
/// pipeline with exponential backoff and jitter.
/// </summary>
public sealed partial class SlackSocketModeService(
    IServiceScopeFactory scopeFactory,
    SlackInboundDispatcher dispatcher,
    IOptions<SlackOptions> options,
    TimeProvider timeProvider,
    ILogger<SlackSocketModeService> logger) : BackgroundService
{
    private const int MaxMessageBytes = 4 * 1024 * 1024;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.SocketModeEnabled)
        {
            return;
        }

        var reconnect = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.SocketReconnectBaseDelay,
                MaxDelay = settings.SocketReconnectMaxDelay,
                OnRetry = args =>
                {
                    LogReconnecting(logger, args.RetryDelay, args.Outcome.Exception?.Message);
                    return default;
                },
            })
            .Build();

        try
        {
            // Each pass is one connection: it returns when Slack asks us to reconnect (no backoff needed) and throws on
            // drops and errors, which the pipeline retries with backoff.
            while (!stoppingToken.IsCancellationRequested)
            {
                await reconnect.ExecuteAsync(RunConnectionAsync, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async ValueTask RunConnectionAsync(CancellationToken cancellationToken)
    {
        Uri url;
        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            url = await scope.ServiceProvider.GetRequiredService<SlackApiClient>().OpenSocketConnectionAsync(options.Value.AppToken!, cancellationToken);
        }

        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(url, cancellationToken);
        LogConnected(logger);

        while (true)
        {
            var message = await ReceiveAsync(socket, cancellationToken)
                ?? throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely, "Slack closed the Socket Mode connection.");
            using var document = JsonDocument.Parse(message);
            var root = document.RootElement;
            var type = SlackInboundDispatcher.GetString(root, "type");
            if (type == "disconnect")
            {
                LogDisconnectRequested(logger, SlackInboundDispatcher.GetString(root, "reason") ?? "unknown");
                await CloseQuietlyAsync(socket);
                return;
            }

            if (SlackInboundDispatcher.GetString(root, "envelope_id") is not { } envelopeId)
            {
                continue;
            }

            var payload = root.TryGetProperty("payload", out var p) ? p : default;
            var result = type switch
            {
                "events_api" => await dispatcher.DispatchEventAsync(payload, cancellationToken),
                "slash_commands" => SlackSlashCommand.TryCreate(payload) is { } command
                    ? await dispatcher.DispatchCommandAsync(command, cancellationToken)
                    : SlackDispatchResult.Invalid,
                "interactive" => await dispatcher.DispatchInteractionAsync(payload, cancellationToken),
                _ => SlackDispatchResult.Ignored,
            };

            // Unacknowledged envelopes are redelivered by Slack: one the inbox could not store stays unacknowledged so it comes back.
            if (result != SlackDispatchResult.Busy)
            {
                var ack = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["envelope_id"] = envelopeId });
                await socket.SendAsync(ack, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
        }
    }

    /// <summary>One whole text message, or null when the server closed the socket.</summary>
    private static async Task<byte[]?> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await CloseQuietlyAsync(socket);
                return null;
            }

            message.Write(buffer, 0, received.Count);
            if (message.Length > MaxMessageBytes)
            {
                throw new WebSocketException(WebSocketError.HeaderError, "Socket Mode message too large.");
            }

            if (received.EndOfMessage)
            {
                return message.ToArray();
            }
        }
    }

    private static async Task CloseQuietlyAsync(ClientWebSocket socket)
    {
        try
        {
            // CloseAsync completes the closing handshake (it waits for the server's close frame when we close first), so the
            // server has read our close before the socket is disposed and the TCP connection dropped.
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "reconnecting", timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The connection is being replaced; a failed close changes nothing.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode connected")]
    private static partial void LogConnected(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack asked to reconnect ({Reason})")]
    private static partial void LogDisconnectRequested(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode connection lost ({Reason}); reconnecting in {Delay}")]
    private static partial void LogReconnecting(ILogger logger, TimeSpan delay, string? reason);
}
