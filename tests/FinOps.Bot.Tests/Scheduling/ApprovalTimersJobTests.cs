using FinOps.Bot.Scheduling;
using FinOps.Conversation.Approvals;
using FinOps.Core.Allocation;
using FinOps.Core.Approvals;
using FinOps.Core.People;
using FinOps.Core.Query;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Quartz;

namespace FinOps.Bot.Tests.Scheduling;

public sealed class ApprovalTimersJobTests
{
    private const string Rules = """
        version: 1
        roles:
          finance:
            - email: fiona@corp.example
        teams:
          - key: payments
            owners:
              - email: pat@corp.example
            members:
              - email: mia@corp.example
        """;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
    private readonly InMemoryApprovalStore _store = new();

    [Fact]
    public async Task Execute_OnFakeClock_RemindEscalateExpireEachOnce()
    {
        var request = await SeedAsync();
        var job = Job(new ApprovalOptions { RemindAfter = TimeSpan.FromHours(4), EscalateAfter = TimeSpan.FromHours(8) });

        await RunAsync(job);
        _clock.Advance(TimeSpan.FromHours(4));
        await RunAsync(job);
        await RunAsync(job);
        _clock.Advance(TimeSpan.FromHours(4));
        await RunAsync(job);
        await RunAsync(job);
        _clock.SetUtcNow(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await RunAsync(job);
        await RunAsync(job);

        var audit = await _store.AuditAsync(request.Id, CancellationToken.None);
        Assert.Equal(
            [ApprovalEventKind.Requested, ApprovalEventKind.Reminded, ApprovalEventKind.Escalated, ApprovalEventKind.Expired],
            audit.Select(a => a.Kind));
        Assert.Equal(ApprovalStatus.Expired, (await _store.FindAsync(request.Id, CancellationToken.None))!.Status);
    }

    private ApprovalTimersJob Job(ApprovalOptions options)
    {
        var directory = new DirectorySource(new AllocationRuleSource(AllocationRulesParser.Parse(Rules, "allocation.yaml")));
        var timers = new ApprovalTimers(_store, directory, new ApprovalPolicy(options), NullApprovalNotifier.Instance, _clock);
        return new ApprovalTimersJob(timers, NullLogger<ApprovalTimersJob>.Instance);
    }

    private async Task<ApprovalRequest> SeedAsync()
    {
        var now = _clock.GetUtcNow();
        var request = new ApprovalRequest(
            "apr-1", "payments-monthly", "payments", new DateRange(new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 1)), 2000m, "USD", "launch",
            new ApprovalParty("mia@corp.example", "Mia", "cli"), ApprovalStatus.Pending, null, 0, 0, now, now, null, null, null, null, 1);
        await _store.CreateAsync(request, new ApprovalEvent(0, request.Id, now, ApprovalEventKind.Requested, "mia@corp.example", "launch", null, 2000m, "USD", "cli", null), CancellationToken.None);
        return request;
    }

    private static async Task RunAsync(ApprovalTimersJob job) =>
        await job.Execute(new Mock<IJobExecutionContext>().Object, CancellationToken.None);
}
