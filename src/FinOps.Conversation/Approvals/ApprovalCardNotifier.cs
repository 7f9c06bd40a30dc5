using System.Security.Cryptography;
using System.Text;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using FinOps.Core.Approvals;
using FinOps.Core.Budgets;
using FinOps.Core.People;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FinOps.Conversation.Approvals;

/// <summary>Posts request cards to approvers on every channel with a sender, keeps every copy up to date, and answers the requester.</summary>
/// <remarks>
/// Senders are resolved per notification (the Slack sender is scoped). Each post has an idempotency key of request,
/// version, reason and recipient, so a retried notification posts nothing twice; every posted copy is stored so a
/// decision can update them all in place. A failed post or update is logged and does not undo the decision.
/// </remarks>
public sealed partial class ApprovalCardNotifier(
    IServiceScopeFactory scopes,
    IApprovalStore store,
    IApprovalAddressBook addresses,
    ILogger<ApprovalCardNotifier> logger,
    IBudgetStatusService? budgets = null,
    ApprovalPolicy? policy = null,
    DirectorySource? directory = null,
    TimeProvider? time = null) : IApprovalNotifier
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task NotifyApproversAsync(ApprovalRequest request, IReadOnlyList<Person> people, ApprovalEventKind why, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(people);
        var notice = why switch
        {
            ApprovalEventKind.Reminded => "Reminder: this request is waiting for your decision.",
            ApprovalEventKind.Escalated => "Escalated to you: nobody decided this request in time.",
            ApprovalEventKind.StepApproved => $"Approved by the team owner ({request.DecidedBy ?? "owner"}); it needs your approval too.",
            _ => null,
        };
        var budget = await ApprovalBudgetView.LoadAsync(budgets, request, _time, cancellationToken);
        var card = ApprovalCards.Shared(request, budget.Status, await ViewersAsync(request, people, cancellationToken), notice, budget.Drivers);
        await using var scope = scopes.CreateAsyncScope();
        var senders = Senders(scope.ServiceProvider);
        foreach (var person in people)
        {
            foreach (var address in await addresses.AddressesOfAsync(person, cancellationToken))
            {
                if (!senders.TryGetValue(address.Channel, out var sender))
                {
                    continue;
                }

                var key = $"approval:{request.Id}:v{request.Version}:{ApprovalWire.Name(why)}:{address.Channel}:{address.Id}";
                try
                {
                    var sent = await sender.SendAsync(address, card, key, cancellationToken);
                    await store.AddMessageAsync(
                        new ApprovalMessage(request.Id, address.Channel, sent.Conversation.Id, sent.Conversation.Workspace ?? address.Workspace, sent.MessageId), cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogSendFailed(logger, request.Id, address.Channel, ex);
                }
            }
        }
    }

    public async Task UpdateCardsAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The current step's deciders keep their own view (the buttons) on every updated copy; without a directory the user
        // list stays empty, and every client of a small chat refreshes to its own view instead.
        var deciders = request.Status == ApprovalStatus.Pending && policy is not null && directory is not null
            ? policy.Deciders(directory.Current, request)
            : [];
        var budget = await ApprovalBudgetView.LoadAsync(budgets, request, _time, cancellationToken);
        var card = ApprovalCards.Shared(request, budget.Status, await ViewersAsync(request, deciders, cancellationToken), drivers: budget.Drivers);
        await using var scope = scopes.CreateAsyncScope();
        var senders = Senders(scope.ServiceProvider);
        foreach (var message in await store.MessagesAsync(request.Id, cancellationToken))
        {
            if (!senders.TryGetValue(message.Channel, out var sender))
            {
                continue;
            }

            try
            {
                await sender.UpdateAsync(
                    new SentMessage(new ConversationAddress(message.Channel, message.ConversationId, message.Workspace), message.MessageId), card, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogUpdateFailed(logger, request.Id, message.Channel, message.MessageId, ex);
            }
        }
    }

    public async Task NotifyRequesterAsync(ApprovalRequest request, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var requester = request.Requester;
        if (requester.ConversationId is null)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        if (!Senders(scope.ServiceProvider).TryGetValue(requester.Channel, out var sender))
        {
            return;
        }

        var key = $"approval:{request.Id}:requester:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16]}";
        try
        {
            await sender.SendAsync(
                new ConversationAddress(requester.Channel, requester.ConversationId, requester.Workspace), ApprovalCards.Notice(text), key, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSendFailed(logger, request.Id, requester.Channel, ex);
        }
    }

    /// <summary>The chat users who get their own view of the card: the deciders, but not the requester unless self-approval is allowed.</summary>
    private async Task<IReadOnlyList<ChatUser>> ViewersAsync(ApprovalRequest request, IReadOnlyList<Person> people, CancellationToken cancellationToken)
    {
        var viewers = new List<ChatUser>();
        // The requester (an owner too, often) gets the card but not the buttons, unless self-approval is allowed.
        foreach (var person in people.Where(p => policy?.Options.AllowSelfApproval == true || p.Key != request.Requester.Key))
        {
            viewers.AddRange(await addresses.UsersOfAsync(person, cancellationToken));
        }

        return viewers;
    }

    private static Dictionary<string, IProactiveSender> Senders(IServiceProvider services) =>
        services.GetServices<IProactiveSender>().GroupBy(s => s.Channel, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not post approval request {RequestId} to {Channel}")]
    private static partial void LogSendFailed(ILogger logger, string requestId, string channel, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not update approval request {RequestId} card {MessageId} in {Channel}")]
    private static partial void LogUpdateFailed(ILogger logger, string requestId, string channel, string messageId, Exception exception);
}
